"""Score the warehouse's identity checks against a generated corpus's manifest: every injected
defect must be found under the identity it names; nothing may be flagged anywhere else."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass
class QualityScore:
    defects: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_positives: list[tuple] = field(default_factory=list)  # (file, identity, severity, line)
    unexplained_on_defective: list[tuple] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.found) / self.defects if self.defects else 1.0


CROSS_YEAR = {"closing_equals_next_opening", "summary_closing_equals_next_opening"}


def score(db_path: Path, corpus: Path) -> QualityScore:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        files = {name: document_id for document_id, name in con.execute(
            "select document_id, source_name from raw.documents").fetchall()}
        failures = con.execute("""
            select document_id, identity, severity, line_label from audit.identity_residuals
            where not passed and severity in ('error', 'warning')
        """).fetchall()
    finally:
        con.close()
    by_document: dict[str, list[tuple]] = {}
    for document_id, identity, severity, line in failures:
        by_document.setdefault(document_id, []).append((identity, severity, line))

    result = QualityScore()
    defective: dict[str, set[str]] = {}
    defective_years: set[tuple[str, int, str]] = set()
    for defect in manifest["defects"]:
        expected = {defect["identity"], *defect.get("also_fails", [])}
        for file in defect["documents"]:
            document_id = files.get(Path(file).name)
            if document_id is None:
                continue  # that format was not ingested
            result.defects += 1
            defective.setdefault(document_id, set()).update(expected)
            defective_years.add((defect["department"], defect["fiscal_year"], defect["report_kind"]))
            if any(identity == defect["identity"] for identity, _, _ in by_document.get(document_id, [])):
                result.found.append(defect["id"])
            else:
                result.missed.append(defect)
    documents = {Path(d["file"]).name: d for d in manifest["documents"]}
    names = {v: k for k, v in files.items()}
    for document_id, rows in by_document.items():
        name = names[document_id]
        meta = documents.get(name)
        if meta is None:
            continue  # not part of the generated corpus (the real seed, say)
        for identity, severity, line in rows:
            if identity in defective.get(document_id, set()):
                continue
            previous_year_defective = (meta["department"], meta["fiscal_year"] - 1, meta["report_kind"]) in defective_years
            if identity in CROSS_YEAR and previous_year_defective:
                continue  # last year's injected defect moved last year's closing balance
            target = result.unexplained_on_defective if document_id in defective else result.false_positives
            target.append((name, identity, severity, line))
    return result
