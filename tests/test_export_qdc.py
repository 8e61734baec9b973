"""`metaethno export qdc`: the synthesis as a REFI-QDA codebook that QDA tools import."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from metaethno.analysis.synthesis import analyse
from metaethno.cli import app
from metaethno.render.qdc import GUID_NAMESPACE, NAMESPACE, concept_guid, render_codebook, xml_text
from metaethno.review.loaded import Review
from metaethno.review.models import Concept, Framework, ReviewConfig

runner = CliRunner()
CODEBOOK_XSD = Path(__file__).resolve().parents[2] / "shared" / "refi-qda" / "Codebook.xsd"
Q = f"{{{NAMESPACE}}}"
EXAMPLE = Path(__file__).resolve().parents[1]  # the bundled example review


@cache
def codebook_schema() -> Any:
    if not CODEBOOK_XSD.is_file():
        pytest.skip(f"the REFI-QDA schema is not at {CODEBOOK_XSD} (../shared is absent)")
    import xmlschema

    return xmlschema.XMLSchema(str(CODEBOOK_XSD))


def export(review: Path, output: Path, *options: str) -> Result:
    result = runner.invoke(app, ["export", "qdc", str(review), "-o", str(output), *options])
    print(result.output)
    return result


def codes(element: ET.Element) -> list[ET.Element]:
    return element.findall(f"{Q}Code")


def add_concept(review: Path, concept_id: str, body: str) -> None:
    (review / "concepts" / f"{concept_id}.yaml").write_text(
        f"id: {concept_id}\n{body}", encoding="utf-8"
    )


def test_the_example_review_exports_a_valid_codebook(tmp_path: Path) -> None:
    output = tmp_path / "review.qdc"
    result = export(EXAMPLE, output)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {output}: 13 codes\n"
    codebook_schema().validate(str(output))
    root = ET.parse(output).getroot()
    assert root.tag == f"{Q}CodeBook"
    assert root.get("origin") == "metaethno"
    everything = root.iter(f"{Q}Code")
    assert sorted(code.get("name") or "" for code in everything) == sorted(
        [
            "Being listened to",
            "Community as double-edged",
            "Community attitudes that normalise poor care",
            "Community networks that empower",
            "Continuity and time",
            "Discrimination",
            "Hiding identity",
            "Language and interpreters",
            "Mistrust",
            "Relational safety",
            "Services that do not fit people's lives",
            "Structural barriers",
            "Warmth and family-like relationships",
        ]
    )


def test_codes_nest_by_includes_with_interpretations_as_descriptions(
    base_review: Path, tmp_path: Path
) -> None:
    output = tmp_path / "review.qdc"
    assert export(base_review, output).exit_code == 0
    codebook_schema().validate(str(output))
    (trust,) = codes(ET.parse(output).getroot().find(f"{Q}Codes"))  # type: ignore[arg-type]
    assert trust.attrib == {"guid": concept_guid("trust"), "name": "Trust", "isCodable": "true"}
    assert trust.find(f"{Q}Description") is None  # trust has no interpretation
    (heard,) = codes(trust)
    assert heard.get("name") == "Being heard"
    assert heard.findtext(f"{Q}Description") == "Being listened to is the ground of care."


def test_a_concept_included_twice_sits_under_the_first_parent_by_id(
    base_review: Path, tmp_path: Path
) -> None:
    add_concept(base_review, "zeal", "label: Zeal\nincludes: [being-heard]\n")
    add_concept(base_review, "accord", "label: Accord\nincludes: [being-heard]\n")
    output = tmp_path / "review.qdc"
    assert export(base_review, output).exit_code == 0
    codebook_schema().validate(str(output))
    top = {code.get("name"): code for code in codes(ET.parse(output).getroot()[0])}
    assert set(top) == {"Trust", "Zeal", "Accord"}
    assert [c.get("name") for c in codes(top["Accord"])] == ["Being heard"]
    assert codes(top["Trust"]) == codes(top["Zeal"]) == []
    (heard,) = codes(top["Accord"])
    assert heard.findtext(f"{Q}Description") == (
        "Being listened to is the ground of care.\n\nAlso included in: Trust (trust); Zeal (zeal)."
    )


def test_framework_levels_become_sets_of_codes(base_review: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.qdc"
    assert export(base_review, output).exit_code == 0
    sets = ET.parse(output).getroot().find(f"{Q}Sets")
    assert sets is not None
    (interpersonal,) = sets.findall(f"{Q}Set")
    assert interpersonal.get("name") == "interpersonal"
    members = [m.get("guid") for m in interpersonal.findall(f"{Q}MemberCode")]
    assert members == [concept_guid("being-heard")]


def test_guids_are_stable_and_the_bytes_deterministic(base_review: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.qdc", tmp_path / "second.qdc"
    assert export(base_review, first).exit_code == 0
    assert export(base_review, second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # the namespace is fixed for good: changing it would churn every exported GUID
    derived = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/metaethno/metaethno#refi-qda")
    assert derived == GUID_NAMESPACE
    assert concept_guid("trust") == str(uuid.uuid5(GUID_NAMESPACE, "concept/trust"))
    assert concept_guid("trust") == "5925c17e-1f19-5141-bfdc-b153a6dad75a"
    assert first.read_text(encoding="utf-8").startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="metaethno">\n'
        "  <Codes>\n"
        '    <Code guid="5925c17e-1f19-5141-bfdc-b153a6dad75a" name="Trust" isCodable="true">\n'
    )


def test_never_overwrites_without_force(base_review: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.qdc"
    output.write_text("mine\n")
    result = export(base_review, output)
    assert result.exit_code == 2
    assert result.stderr == f"metaethno: {output}: already exists; pass --force to overwrite it\n"
    assert output.read_text() == "mine\n"
    assert export(base_review, output, "--force").exit_code == 0
    assert output.read_text(encoding="utf-8").startswith("<?xml")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_review_with_errors_is_refused(base_review: Path, tmp_path: Path) -> None:
    add_concept(base_review, "broken", "label: Broken\nincludes: [nothing-here]\n")
    output = tmp_path / "review.qdc"
    result = export(base_review, output)
    assert result.exit_code == 1
    assert " error ME" in result.stderr
    assert result.stderr.endswith(
        "metaethno: not running export qdc: the review has errors; fix them and run again\n"
    )
    assert not output.exists()


def test_a_review_without_concepts_has_no_codebook(base_review: Path, tmp_path: Path) -> None:
    for concept in (base_review / "concepts").iterdir():
        concept.unlink()
    config = base_review / "metaethno.yaml"
    config.write_text(config.read_text().replace("sequence: [being-heard, trust]", "sequence: []"))
    output = tmp_path / "review.qdc"
    result = export(base_review, output)
    assert result.exit_code == 1
    assert "a codebook needs at least one code" in result.stderr
    assert not output.exists()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    # the models refuse text of only spaces (U+0085 among them)
    label=st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip),
    interpretation=st.text(st.characters(codec="utf-8")),
)
def test_any_text_exports_to_a_codebook_that_parses_back_and_validates(
    label: str, interpretation: str
) -> None:
    config = ReviewConfig(
        title="Property",
        framework=Framework(name="Model", levels=[label]),
    )
    concept = Concept(
        id="c",
        label=label,
        interpretation=interpretation if interpretation.strip() else None,
        level=label,
        translations=[],
    )
    review = Review(root=Path(), config=config, concepts={"c": concept})
    text = render_codebook(analyse(review))
    root = ET.fromstring(text.encode("utf-8"))
    codebook_schema().validate(text)
    (code,) = codes(root[0])
    assert code.get("name") == (" ".join(xml_text(label).split()) or "c")
    expected = xml_text(interpretation).strip()
    assert (code.findtext(f"{Q}Description") or "") == expected


def test_a_chain_of_includes_deeper_than_the_recursion_limit_exports(
    base_review: Path, tmp_path: Path
) -> None:
    depth = 1500  # Python stops recursion at 1,000 frames
    for level in range(depth):
        below = f"level{level + 1}" if level + 1 < depth else "trust"
        add_concept(base_review, f"level{level}", f"label: Level {level}\nincludes: [{below}]\n")
    output = tmp_path / "review.qdc"
    result = export(base_review, output)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {output}: {depth + 2} codes\n"
    lines = output.read_text(encoding="utf-8").splitlines()
    deepest = next(line for line in lines if 'name="Being heard"' in line)
    # <CodeBook>, <Codes>, then level0 ... level1499, trust and being-heard, two spaces each
    assert deepest.index("<") == 2 * (depth + 3)
    assert len(list(ET.fromstring(output.read_bytes()).iter(f"{Q}Code"))) == depth + 2
