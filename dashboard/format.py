"""Display formatting: exact yuan → 元 or 万元 text, percents, Chinese labels for codes.

Money stays `Decimal` until it is text. The one place a float appears is `chart_value`, for the
geometry of a bar; every number a reader sees (tables, tooltips, metrics) comes from `format_amount`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Unit = Literal["元", "万元"]
UNITS: tuple[Unit, ...] = ("元", "万元")

_YUAN_PER_UNIT: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}
_CENT = Decimal("0.01")
NONE_SHOWN = "—"

REPORT_KIND_LABELS = {"final_accounts": "决算", "budget": "预算"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = ("error", "warning", "info")
LEVEL_LABELS = {"类": "类", "款": "款", "项": "项"}


def to_unit(amount_yuan: Decimal, unit: Unit) -> Decimal:
    """The exact amount in `unit` (万元 = yuan / 10000, no rounding: 18 digits fit Decimal's 28)."""
    if unit not in _YUAN_PER_UNIT:
        raise ValueError(f"unknown unit {unit!r}: expected 元 or 万元")
    return Decimal(amount_yuan) / _YUAN_PER_UNIT[unit]


def format_amount(amount_yuan: Decimal | None, unit: Unit = "元") -> str:
    """`61,578,341.04` (元) or `6,157.83` (万元): thousands separators, two decimals, half up (四舍五入)."""
    if amount_yuan is None:
        return NONE_SHOWN
    value = to_unit(amount_yuan, unit).quantize(_CENT, rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)  # no "-0.00" for a tiny negative rounded away
    return f"{value:,.2f}"


def format_amount_with_unit(amount_yuan: Decimal | None, unit: Unit = "元") -> str:
    text = format_amount(amount_yuan, unit)
    return text if text == NONE_SHOWN else f"{text} {unit}"


def chart_value(amount_yuan: Decimal | None, unit: Unit = "元") -> float | None:
    """Bar length only: charts draw floats. Labels and tooltips use `format_amount` instead."""
    if amount_yuan is None:
        return None
    return float(to_unit(amount_yuan, unit))


def format_percent(percent: Decimal | None) -> str:
    """A value already in percent (execution_rate, change_pct): `99.69%`."""
    if percent is None:
        return NONE_SHOWN
    return f"{Decimal(percent).quantize(_CENT, rounding=ROUND_HALF_UP):,.2f}%"


def format_share(share: Decimal | None) -> str:
    """A 0–1 share (share_of_department_total) as a percent: `95.58%`."""
    if share is None:
        return NONE_SHOWN
    return format_percent(Decimal(share) * 100)


def format_count(count: int | None) -> str:
    return NONE_SHOWN if count is None else f"{count:,}"


def report_kind_label(report_kind: str | None) -> str:
    return REPORT_KIND_LABELS.get(report_kind or "", report_kind or NONE_SHOWN)


def severity_label(severity: str | None) -> str:
    return SEVERITY_LABELS.get(severity or "", severity or NONE_SHOWN)


def subject_label(code: str | None, name: str | None) -> str:
    """`20132 组织事务`; the code alone when no name is known."""
    if not code:
        return name or NONE_SHOWN
    return f"{code} {name}" if name else code


def short_document_id(document_id: str | None) -> str:
    """The first 12 hex digits of the sha256: enough to tell documents apart on screen."""
    return document_id[:12] if document_id else NONE_SHOWN


def source_label(page_no: int | None, row_no: int | None) -> str:
    """Where on the printed document: `第1页 第7行`."""
    if page_no is None and row_no is None:
        return NONE_SHOWN
    return f"第{page_no if page_no is not None else '?'}页 第{row_no if row_no is not None else '?'}行"


def change_flag(is_new: bool | None, is_discontinued: bool | None) -> str:
    if is_new:
        return "新增"
    if is_discontinued:
        return "停列"
    return ""
