"""Harmless mess: what real disclosures do that a warehouse must cope with but that breaks
no identity. The department printed under another name in some tables (extra spaces,
half-width parentheses, 中共示例市委X for 中国共产党示例市委员会X), a row printed again across
a page break, empty 07/08 tables with their sentence (every document has those), and the
0.01 rounding gap in the non-fiscal flow (made in the truth: see `FinalStatement.surplus_distribution`)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from synth.departments import Department
from synth.document import PrintedDocument, PrintedTable
from synth.layout_common import NameForTable

BREAKABLE_KINDS = ("income", "expenditure", "general_budget_expenditure", "general_budget_basic_economic",
                   "project_performance")


@dataclass(frozen=True)
class NameVariant:
    alias: str
    table_indexes: tuple[int, ...]  # tables (in the builder's order) that print the alias


def choose_name_variant(department: Department, tables_with_names: int, rng: random.Random) -> NameVariant | None:
    """Some tables after the first print a variant of the name (never the first: the
    document's department is what its first table prints)."""
    if tables_with_names < 2 or not department.aliases:
        return None
    alias = rng.choice(department.aliases)
    count = rng.randint(1, min(3, tables_with_names - 1))
    indexes = tuple(sorted(rng.sample(range(1, tables_with_names), count)))
    return NameVariant(alias, indexes)


def name_function(department: Department, variant: NameVariant | None) -> NameForTable:
    def name_for(index: int) -> str:
        if variant is not None and index in variant.table_indexes:
            return variant.alias
        return department.name

    return name_for


@dataclass(frozen=True)
class RepeatedRow:
    table_index: int  # among document.tables()
    break_after: int  # body row printed again after the break


def choose_repeated_row(document: PrintedDocument, rng: random.Random) -> RepeatedRow | None:
    candidates: list[tuple[int, list[int]]] = []
    for index, table in enumerate(document.tables()):
        if table.table_kind not in BREAKABLE_KINDS:
            continue
        rows = _break_points(table)
        if rows:
            candidates.append((index, rows))
    if not candidates:
        return None
    index, rows = rng.choice(candidates)
    return RepeatedRow(index, rng.choice(rows))


def _break_points(table: PrintedTable) -> list[int]:
    grid = table.grid
    body = grid.body
    if grid.inner_header is not None:
        # inside 公开12表's indicator block, before 其他需要说明事项 and 总分
        return list(range(grid.inner_header[1], len(body) - 3))
    if len(body) < 6:
        return []
    spanning = {r for r, row in enumerate(body) for c in row if c is not None and c.rowspan > 1}
    return [r for r in range(2, len(body) - 2) if r not in spanning]


def apply_repeated_row(document: PrintedDocument, choice: RepeatedRow) -> PrintedTable:
    table = document.tables()[choice.table_index]
    table.grid.break_after = choice.break_after
    return table


def row_label(table: PrintedTable, body_index: int) -> str:
    """How a person would name a body row: its code and name, or its first labels."""
    texts = [c.text for c in table.grid.body[body_index] if c is not None and c.text and not c.is_amount]
    return " ".join(texts[:3])
