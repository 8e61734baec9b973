"""How far two reviewers agree on the same decisions: percentage agreement and Cohen's kappa.

Kappa corrects the share of agreements for the agreement that the two reviewers' own
frequencies would give by chance (Cohen 1960). Its 95% confidence interval uses Cohen's
large-sample standard error, sqrt(po (1 - po) / (n (1 - pe)^2)), and is clipped to -1..1;
with few decisions it is wide, which is what a reader should see.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Agreement:
    """Agreement over `n` decisions that both versions made."""

    n: int
    agreed: int
    kappa: float | None  # None where it is not defined: no decisions, or all in one category
    low: float | None
    high: float | None

    @property
    def percent(self) -> float | None:
        return 100 * self.agreed / self.n if self.n else None


def agreement(pairs: Sequence[tuple[str, str]]) -> Agreement:
    """Percentage agreement and Cohen's kappa with its 95% interval over (A, B) decisions."""
    n = len(pairs)
    agreed = sum(a == b for a, b in pairs)
    if n == 0:
        return Agreement(0, 0, None, None, None)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    observed = agreed / n
    chance = sum(first[c] * second[c] for c in first) / (n * n)
    if chance == 1:
        return Agreement(n, agreed, None, None, None)
    kappa = (observed - chance) / (1 - chance)
    error = math.sqrt(observed * (1 - observed) / (n * (1 - chance) ** 2))
    return Agreement(
        n, agreed, kappa, max(-1.0, kappa - Z_95 * error), min(1.0, kappa + Z_95 * error)
    )
