"""Exact money: Decimal yuan, the steps amounts are drawn in, and the way tables print them.

Random draws are integers (numbers of steps, basis points), so no float ever touches an
amount.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
FEN = Decimal("0.01")
YUAN = Decimal("1")
HUNDRED_YUAN = Decimal("100")
WAN = Decimal("10000")


def quantize_to(value: Decimal, step: Decimal) -> Decimal:
    """Round half up to a multiple of `step` (0.01, 1 or 100 yuan), kept at two decimals."""
    units = (value / step).quantize(YUAN, rounding=ROUND_HALF_UP)
    return (units * step).quantize(FEN)


def scale_bp(value: Decimal, basis_points: int, step: Decimal) -> Decimal:
    """value × basis_points / 10000, rounded to the step."""
    return quantize_to(value * basis_points / Decimal(10000), step)


def draw(rng: random.Random, low: int, high: int, step: Decimal) -> Decimal:
    """A random amount between low and high yuan, a multiple of step."""
    lo, hi = int(Decimal(low) / step), int(Decimal(high) / step)
    return (rng.randint(lo, max(lo, hi)) * step).quantize(FEN)


def split(total: Decimal, weights: list[int], step: Decimal) -> list[Decimal]:
    """Share `total` among the weights in whole steps, exactly (largest remainder)."""
    if not weights:
        return []
    units = int((total / step).to_integral_value())
    weight_sum = sum(weights)
    if weight_sum == 0:
        return [ZERO for _ in weights]
    shares = [units * w // weight_sum for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(units * weights[i] % weight_sum), i))
    for i in remainders[: units - sum(shares)]:
        shares[i] += 1
    return [(s * step).quantize(FEN) for s in shares]


def yuan_text(value: Decimal) -> str:
    """64415757.01 -> '64,415,757.01'."""
    return f"{value.quantize(FEN):,.2f}"


def wan_value(value: Decimal) -> Decimal:
    """Yuan -> 万元 at two decimals (exact when the yuan amount is a multiple of 100)."""
    return (value / WAN).quantize(FEN, rounding=ROUND_HALF_UP)


def wan_text(value: Decimal) -> str:
    return f"{wan_value(value):,.2f}"


def plain_wan_text(value: Decimal) -> str:
    """万元 as a sentence prints it: 2946.25 (no thousands separator)."""
    return f"{wan_value(value):.2f}"


def percent_text(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "0.00%"
    return f"{(part * 100 / whole).quantize(FEN, rounding=ROUND_HALF_UP)}%"
