"""Write a large, valid, synthetic review so `metaethno check` can be timed at scale.

Usage: python bench/generate_review.py OUT_DIR --studies N [--seed 1] [--untranslated-fraction F]

Writes metaethno.yaml, one studies/<id>.yaml per study (8 concepts, 1-3 quotes each) and one
concepts/<id>.yaml per three studies, which translates all of their concepts; every 10th concept
also refutes a concept of the one before, every 5th includes the previous concept and links to
the next, every 3rd has a confidence assessment. The same seed always gives the same files, so
timings of different versions are comparable.

With --untranslated-fraction F, the last round(8F) concepts of every study (at most 7) are left
out of the reciprocal translations, so `metaethno suggest` has work to do; the files are
otherwise the same as without it, and the review stays free of errors (check warns ME301).

YAML is formatted by hand (every free-text value double-quoted) because dumping thousands of
files through a YAML emitter would make generation slower than the check being measured.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

LEVELS = ("individual", "interpersonal", "community", "organisational", "societal")
ANSWERS = ("yes", "no", "cant_tell")
GRADES = ("no_or_very_minor", "minor", "moderate", "serious")
LINK_RELATION = "builds"
STUDY_CONCEPTS = 8
STUDIES_PER_CONCEPT = 3
REFUTATION_EVERY = 10
INCLUDE_EVERY = 5
CONFIDENCE_EVERY = 3
SEQUENCE_LENGTH = 4
MIN_STUDIES = 2
HIGH_YES = 9
MODERATE_YES = 6

WORD_BANK = """
    access adapting advocacy ambivalence anxiety autonomy balancing belonging boundaries burden
    care carers change choice clinic community compassion confidence conflict continuity control
    coping culture daily decisions dependence dignity distance distress doubt duty effort
    emotional everyday expectations experience expertise family fear feeling friends future
    guilt health help hidden home hope identity illness independence information isolation
    judgement knowledge labour learning life listening loss managing meaning mistrust moral
    navigating needs negotiating normal nurses obligation ongoing partnership patients peer
    personal place power practical presence pressure priorities professional protecting
    reassurance recognition relationships reluctance resilience resources respect responsibility
    risk roles routine safety self services shame shared silence social staff stigma strategies
    strength struggle support system time tension trust uncertainty understanding valued visible
    voice vulnerability waiting wellbeing work worry
"""
WORDS = tuple(WORD_BANK.split())
SURNAME_BANK = """
    Abara Bergstrom Chowdhury Dlamini Eriksen Fofanah Garcia Haddad Ito Jensen Kowalski
    Lindqvist Mensah Nakamura O'Brien Patel Quispe Rossi Sato Tembo Usman Varga Wanjiru Xu
    Yilmaz Zhou
"""
SURNAMES = tuple(SURNAME_BANK.split())
COUNTRIES = (
    "Australia",
    "Brazil",
    "Canada",
    "Ghana",
    "India",
    "Ireland",
    "Japan",
    "Kenya",
    "Netherlands",
    "New Zealand",
    "Norway",
    "South Africa",
    "Sweden",
    "United Kingdom",
    "United States",
)
SETTINGS = (
    "primary care clinics",
    "acute hospital wards",
    "community health services",
    "long-term care homes",
    "outpatient departments",
    "home care services",
)
POPULATIONS = (
    "adults living with a long-term condition",
    "family carers",
    "registered nurses",
    "community health workers",
    "older adults living alone",
    "young people and parents",
)
METHODS = (
    "semi-structured interviews with thematic analysis",
    "focus groups with framework analysis",
    "ethnographic observation and interviews",
    "narrative interviews with interpretative phenomenological analysis",
    "grounded theory using constant comparison",
)
JOURNALS = (
    "Qualitative Health Research",
    "Social Science & Medicine",
    "BMJ Open",
    "Journal of Advanced Nursing",
    "Health Expectations",
    "Sociology of Health & Illness",
)


def q(text: str) -> str:
    """Quote free text as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def words(rng: random.Random, low: int, high: int) -> list[str]:
    """Pick between low and high words from the bank."""
    return rng.choices(WORDS, k=rng.randint(low, high))


def sentence(rng: random.Random) -> str:
    """One sentence of 8-18 generated words, capitalised and full-stopped."""
    text = " ".join(words(rng, 8, 18))
    return text[0].upper() + text[1:] + "."


def sentences(rng: random.Random, low: int, high: int) -> str:
    """A few sentences, as an interpretation or a quote reads."""
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def label(rng: random.Random) -> str:
    """A 2-5 word label, capitalised like a heading."""
    text = " ".join(words(rng, 2, 5))
    return text[0].upper() + text[1:]


def width(count: int) -> int:
    """Zero-padding width so ids sort in creation order."""
    return max(4, len(str(count)))


def group_studies(study_ids: list[str]) -> list[list[str]]:
    """Split studies into threes; a last lone study joins the group before it.

    A last pair stays a group of its own, so there are ceil(N/3) concept files unless that
    would leave a concept supported by a single study.
    """
    groups = [
        study_ids[i : i + STUDIES_PER_CONCEPT]
        for i in range(0, len(study_ids), STUDIES_PER_CONCEPT)
    ]
    if len(groups) > 1 and len(groups[-1]) < MIN_STUDIES:
        groups[-2].extend(groups.pop())
    return groups


def study_yaml(rng: random.Random, study_id: str, year: int, concept_ids: list[str]) -> str:
    """The text of one studies/<id>.yaml."""
    authors = ", ".join(
        q(f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRST')}.")
        for _ in range(rng.randint(1, 4))
    )
    answers = rng.choices(ANSWERS, weights=(8, 1, 1), k=9)  # CASP's question 10 is free text
    yes = answers.count("yes")
    rating = "high" if yes >= HIGH_YES else "moderate" if yes >= MODERATE_YES else "low"
    out = [
        f"id: {study_id}",
        "references:",
        f"  - authors: [{authors}]",
        f"    year: {year}",
        f"    title: {q(label(rng) + ': ' + ' '.join(words(rng, 4, 9)))}",
        f"    journal: {q(rng.choice(JOURNALS))}",
        f"    doi: {q(f'10.5555/metaethno.bench.{study_id}')}",
        "    role: main",
        "context:",
        f"  country: {q(rng.choice(COUNTRIES))}",
        f"  setting: {q(rng.choice(SETTINGS))}",
        f"  population: {q(rng.choice(POPULATIONS))}",
        f"  sample_size: {rng.randint(6, 60)}",
        f"  methods: {q(rng.choice(METHODS))}",
        f"  focus: {q(sentence(rng))}",
        "appraisal:",
        "  tool: CASP",
        "  answers:",
        *(f"    {number}: {answer}" for number, answer in enumerate(answers, start=1)),
        "  comments:",
        f"    10: {q(sentence(rng))}",
        f"  rating: {rating}",
        f"  notes: {q(sentence(rng))}",
        "concepts:",
    ]
    for concept_id in concept_ids:
        out += [
            f"  - id: {concept_id}",
            f"    label: {q(label(rng))}",
            f"    interpretation: {q(sentences(rng, 2, 3))}",
            f"    level: {rng.choice(LEVELS)}",
            "    quotes:",
        ]
        for _ in range(rng.randint(1, 3)):
            out += [
                f"      - text: {q(sentences(rng, 1, 2))}",
                f"        source: {q(f'Participant {rng.randint(1, 40)}')}",
                f"        page: {rng.randint(1, 30)}",
            ]
    return "\n".join(out) + "\n"


def concept_yaml(
    rng: random.Random,
    index: int,
    concept_ids: list[str],
    groups: list[list[str]],
    study_concepts: dict[str, list[str]],
    translated: dict[str, list[str]] | None = None,
) -> str:
    """The text of concepts/<id>.yaml for the group at `index` (0-based).

    `translated` names the study concepts to translate reciprocally (default: all of them).
    """
    number = index + 1
    out = [
        f"id: {concept_ids[index]}",
        # numbered: among a thousand concepts random labels repeat, and labels must differ (ME213)
        f"label: {q(f'{label(rng)} ({number})')}",
        f"interpretation: {q(sentences(rng, 2, 3))}",
        f"level: {rng.choice(LEVELS)}",
        "translations:",
    ]
    # The refuted study is older than this group's, so it comes first in chronological order.
    if number % REFUTATION_EVERY == 0:
        other_study = rng.choice(groups[index - 1])
        other_concept = rng.choice(study_concepts[other_study])
        note = (
            f"Contradicts {other_concept} in {other_study}, translated by {concept_ids[index - 1]}."
        )
        out += [
            f"  - study: {other_study}",
            f"    concept: {other_concept}",
            "    relation: refutational",
            f"    note: {q(note)}",
        ]
    for study_id in groups[index]:
        for concept_id in (translated or study_concepts)[study_id]:
            out += [
                f"  - study: {study_id}",
                f"    concept: {concept_id}",
                "    relation: reciprocal",
            ]
    if number % INCLUDE_EVERY == 0:
        out += ["includes:", f"  - {concept_ids[index - 1]}"]
        if index + 1 < len(concept_ids):
            out += [
                "links:",
                f"  - to: {concept_ids[index + 1]}",
                f"    relation: {LINK_RELATION}",
            ]
    if number % CONFIDENCE_EVERY == 0:
        grades = rng.choices(GRADES, weights=(4, 3, 2, 1), k=4)
        worst = max(GRADES.index(grade) for grade in grades)
        overall = ("high", "moderate", "low", "very_low")[worst]
        out += [
            "confidence:",
            f"  methodological_limitations: {grades[0]}",
            f"  coherence: {grades[1]}",
            f"  adequacy: {grades[2]}",
            f"  relevance: {grades[3]}",
            f"  overall: {overall}",
            f"  explanation: {q(sentences(rng, 1, 2))}",
        ]
    return "\n".join(out) + "\n"


def review_yaml(rng: random.Random, studies: int, concept_ids: list[str]) -> str:
    """The text of metaethno.yaml."""
    sequence = concept_ids[:SEQUENCE_LENGTH]
    out = [
        f"title: {q(f'Synthetic benchmark review of {studies} studies')}",
        f"question: {q('How do ' + ' '.join(words(rng, 3, 6)) + ' shape care?')}",
        "authors:",
        f"  - {q('Benchmark, A.')}",
        f"  - {q('Generator, B.')}",
        "translation_order: chronological",
        "framework:",
        f"  name: {q('Socio-ecological model')}",
        "  levels:",
        *(f"    - {level}" for level in LEVELS),
        "line_of_argument:",
        f"  summary: {q(sentences(rng, 2, 3))}",
        "  sequence:",
        *(f"    - {concept_id}" for concept_id in sequence),
    ]
    return "\n".join(out) + "\n"


def generate_review(
    out_dir: Path, studies: int, seed: int = 1, untranslated_fraction: float = 0.0
) -> None:
    """Write a valid synthetic review of `studies` studies into out_dir (absent or empty).

    `untranslated_fraction` of each study's concepts (rounded, at most all but one) are
    translated into no concept.
    """
    if not 0 <= untranslated_fraction < 1:
        raise ValueError("the untranslated fraction must be at least 0 and less than 1")
    left_out = min(STUDY_CONCEPTS - 1, round(untranslated_fraction * STUDY_CONCEPTS))
    if studies < MIN_STUDIES:
        message = f"every concept needs {MIN_STUDIES} supporting studies, so give at least that"
        raise ValueError(message)
    if out_dir.exists() and any(out_dir.iterdir()):
        # Files left from another size would silently join the review.
        message = f"{out_dir} is not empty"
        raise ValueError(message)
    rng = random.Random(seed)
    study_width = width(studies)
    study_ids = [f"study-{i:0{study_width}d}" for i in range(1, studies + 1)]
    groups = group_studies(study_ids)
    concept_width = width(len(groups))
    concept_ids = [f"concept-{i:0{concept_width}d}" for i in range(1, len(groups) + 1)]

    (out_dir / "studies").mkdir(parents=True, exist_ok=True)
    (out_dir / "concepts").mkdir(parents=True, exist_ok=True)
    (out_dir / "metaethno.yaml").write_text(
        review_yaml(rng, studies, concept_ids), encoding="utf-8"
    )
    study_concepts: dict[str, list[str]] = {}
    for position, study_id in enumerate(study_ids):
        # Years rise with the study number, so translating in file order is chronological.
        year = 1990 + position * 35 // studies
        ids = ["-".join(rng.choices(WORDS, k=2)) + f"-{k}" for k in range(1, STUDY_CONCEPTS + 1)]
        study_concepts[study_id] = ids
        (out_dir / "studies" / f"{study_id}.yaml").write_text(
            study_yaml(rng, study_id, year, ids), encoding="utf-8"
        )
    translated = {study: ids[: STUDY_CONCEPTS - left_out] for study, ids in study_concepts.items()}
    for index, concept_id in enumerate(concept_ids):
        (out_dir / "concepts" / f"{concept_id}.yaml").write_text(
            concept_yaml(rng, index, concept_ids, groups, study_concepts, translated),
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and write the review."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the review into")
    parser.add_argument("--studies", type=int, required=True, help="number of studies (>= 2)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--untranslated-fraction",
        type=float,
        default=0.0,
        metavar="F",
        help="leave this fraction of each study's concepts untranslated (default 0)",
    )
    args = parser.parse_args(argv)
    try:
        generate_review(args.out_dir, args.studies, args.seed, args.untranslated_fraction)
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
