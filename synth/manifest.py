"""The ground truth written beside the corpus: `DIR/manifest.json`.

Deterministic (sorted keys, no timestamps, no paths outside DIR), so two runs with the same
arguments write the same bytes. What it holds is described in docs/synthetic-corpus.md.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from synth.defects import Defect
from synth.document import PrintedDocument, PrintedTable
from synth.figures import Figures
from synth.money import yuan_text

GENERATOR = {"name": "budgetwh synth", "version": "1.0.0"}
NON_MONEY = {"weight": "points", "execution_rate": "percent", "score": "points"}


def table_label(table: PrintedTable) -> dict:
    return {"table_kind": table.table_kind, "table_code": table.code, "title": table.title,
            "occurrence": table.occurrence}


def printed_amounts(document: PrintedDocument) -> list[dict]:
    """Per table in print order: every amount string printed (repeated rows included)."""
    out = []
    for seq, table in enumerate(document.tables(), start=1):
        out.append({**table_label(table), "table_seq": seq, "unit": table.unit_name, "amounts": table.amounts()})
    return out


def facts(document: PrintedDocument, truth: Figures, printed: Figures) -> dict:
    """table_kind -> key -> column -> {value_yuan | value+unit, printed, altered?} for every
    amount cell the document prints (and the truth behind it)."""
    out: dict[str, dict[str, dict[str, dict]]] = {}
    for table in document.tables():
        for row in table.grid.body:
            for cell in row:
                if cell is None or cell.fact is None:
                    continue
                kind, key, column = cell.fact
                true = truth.get(kind, key, column)
                if not cell.text and not true:
                    continue
                slot = out.setdefault(kind, {}).setdefault(key, {})
                if column in slot:
                    continue
                entry: dict[str, object] = {"printed": cell.text}
                if column in NON_MONEY:
                    entry["value"] = f"{true:.2f}"
                    entry["unit"] = NON_MONEY[column]
                else:
                    entry["value_yuan"] = f"{true:.2f}"
                if printed.get(kind, key, column) != true:
                    entry["altered"] = True
                slot[column] = entry
    return out


def format_in(table: PrintedTable | None, value: Decimal) -> str:
    if table is not None and table.unit_name == "万元":
        return f"{(value / 10000).quantize(Decimal('0.01')):,.2f}"
    return yuan_text(value)


def defect_entry(defect_id: str, defect: Defect, document: PrintedDocument, document_id: str, files: list[str]) -> dict:
    table = next((t for t in document.tables() if t.table_kind == defect.table_kind), None)
    if defect.statement is not None:
        printed = f"{defect.narrative_printed:.2f}"
        true = f"{defect.narrative_true:.2f}"
        cells = [{"statement": defect.statement.id, "restates": [defect.statement.table_kind, defect.statement.key,
                                                                 defect.statement.column],
                  "printed": printed, "true": true, "unit": "万元"}]
    else:
        primary = next((c for c in defect.cells if c.key == defect.row and c.column == defect.column), defect.cells[0])
        printed = format_in(_table_of(document, primary.table_kind), primary.printed)
        true = format_in(_table_of(document, primary.table_kind), primary.true)
        cells = [{"table_kind": c.table_kind, "row": c.key, "column": c.column,
                  "printed": format_in(_table_of(document, c.table_kind), c.printed),
                  "true": format_in(_table_of(document, c.table_kind), c.true)} for c in defect.cells]
    return {
        "id": defect_id,
        "kind": defect.kind,
        "document_id": document_id,
        "documents": files,
        "department": document.department,
        "fiscal_year": document.fiscal_year,
        "report_kind": document.report_kind,
        "table_kind": defect.table_kind,
        "table_code": table.code if table else None,
        "table_title": table.title if table else None,
        "row": defect.row,
        "column": defect.column,
        "printed": printed,
        "true": true,
        "identity": defect.identity,
        "also_fails": sorted(defect.also_fails),
        "cells": cells,
        "description": defect.description,
    }


def _table_of(document: PrintedDocument, kind: str) -> PrintedTable | None:
    return next((t for t in document.tables() if t.table_kind == kind), None)


def write_manifest(out: Path, manifest: dict) -> Path:
    path = out / "manifest.json"
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path
