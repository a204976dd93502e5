"""One department-year and report kind -> the `PrintedDocument` of its layout."""

from __future__ import annotations

from synth.document import SYNTHETIC_MARK, PrintedDocument, PrintedTable, TextSection
from synth.figures import Figures
from synth.layout_common import NameForTable
from synth.layout_shanghai import ShanghaiBuilder
from synth.layout_yunnan import YunnanBuilder
from synth.model import DepartmentYear
from synth.narrative import Statement

REPORT_WORD = {"final_accounts": "决算", "budget": "预算"}


def document_heading(name: str, year: int, report_kind: str) -> str:
    """The first printed line: 示例市教育局2020年度部门决算（合成示例数据，非真实披露）."""
    return f"{name}{year}年度部门{REPORT_WORD[report_kind]}{SYNTHETIC_MARK}"


def build_document(
    truth: DepartmentYear,
    figures: Figures,
    report_kind: str,
    code_style: str,
    name_for: NameForTable,
) -> tuple[PrintedDocument, list[Statement]]:
    department = truth.department
    parts: list[PrintedTable | TextSection]
    if department.layout == "yunnan":
        yunnan = YunnanBuilder(truth, figures, report_kind, code_style, name_for)
        parts = list(yunnan.build())
        statements = yunnan.statements
        unit = "元"
    else:
        shanghai = ShanghaiBuilder(truth, figures, report_kind, code_style, name_for)
        parts = shanghai.build()
        statements = shanghai.statements
        unit = "万元" if report_kind == "final_accounts" else "元"
    tables = [p for p in parts if isinstance(p, PrintedTable)]
    printed = next((t.department for t in tables if t.department), department.name)
    document = PrintedDocument(
        heading=document_heading(department.name, truth.year, report_kind),
        department=department.name,
        department_printed=printed,
        fiscal_year=truth.year,
        report_kind=report_kind,
        layout=department.layout,
        unit=unit,
        code_style=code_style,
        parts=parts,
    )
    return document, statements


def native_code_style(layout: str) -> str:
    """How the layout's own documents print 类/款/项: Yunnan in one column, Shanghai split."""
    return "single" if layout == "yunnan" else "split"


def narrative_statements(truth: DepartmentYear, figures: Figures, report_kind: str) -> list[Statement]:
    """The figures the document's prose will state (what the narrative defect picks from)."""
    from synth.narrative import (
        shanghai_budget_explanation,
        shanghai_budget_other,
        shanghai_final_narrative,
        yunnan_performance_narrative,
    )

    department = truth.department
    if department.layout == "yunnan":
        if report_kind == "budget":
            return []
        return yunnan_performance_narrative(figures, department.short_name, truth.year)[1]
    if report_kind == "final_accounts":
        return shanghai_final_narrative(figures, department.name, truth.year)[1]
    return (shanghai_budget_explanation(figures, department.name, truth.year)[1]
            + shanghai_budget_other(figures, department.name, truth.year)[1])
