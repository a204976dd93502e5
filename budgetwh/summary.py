"""The one-screen summary `make run` ends with: what the warehouse holds and what it found."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb


def warehouse_summary(db_path: Path, exports: Path) -> list[str]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        departments = con.execute("""
            select count(*), count(*) filter (where is_synthetic), count(distinct region) from marts.dim_department
        """).fetchone()
        years = con.execute("select min(fiscal_year), max(fiscal_year) from raw.documents").fetchone()
        documents = con.execute("""
            select sum(n), string_agg(n || ' ' || source_format, ', ' order by source_format)
            from (select source_format, count(*) as n from raw.documents group by 1)
        """).fetchone()
        kinds = dict(con.execute("select report_kind, count(*) from raw.documents group by 1").fetchall())
        rejected = con.execute("select count(distinct sha256) from raw.ingest_errors").fetchone()[0]
        facts = con.execute("""
            select
                (select count(*) from marts.fct_income), (select count(*) from marts.fct_expenditure),
                (select count(*) from marts.fct_general_budget_flow), (select count(*) from marts.fct_basic_expenditure_economic),
                (select count(*) from marts.fct_three_public_costs), (select count(*) from marts.fct_project_performance)
        """).fetchone()
        findings = dict(con.execute("""
            select severity, count(*) from audit.identity_residuals where not passed group by 1
        """).fetchall())
        checked = con.execute("select count(*), count(distinct identity) from audit.identity_residuals").fetchone()
        flagged = con.execute("""
            select count(distinct document_id) from audit.identity_residuals where not passed and severity in ('error', 'warning')
        """).fetchone()[0]
    finally:
        con.close()
    lines = [
        f"warehouse   {db_path}",
        f"departments {departments[0]} ({departments[1]} synthetic) in {departments[2]} regions; fiscal years {years[0]}-{years[1]}",
        f"documents   {documents[0]} ({documents[1]}); {kinds.get('final_accounts', 0)} final accounts, "
        f"{kinds.get('budget', 0)} budgets; {rejected} rejected files",
        f"facts       income {facts[0]:,} · expenditure {facts[1]:,} · budget flow {facts[2]:,} · "
        f"economic {facts[3]:,} · 三公 {facts[4]:,} · projects {facts[5]:,}",
        f"identities  {checked[0]:,} checks of {checked[1]} identities; failed: {findings.get('error', 0):,} errors, "
        f"{findings.get('warning', 0):,} warnings, {findings.get('info', 0):,} info notes; "
        f"{flagged} documents with errors or warnings (marts.mart_disclosure_quality)",
    ]
    manifest = exports / "manifest.json"
    if manifest.exists():
        models = json.loads(manifest.read_text(encoding="utf-8"))["models"]
        files = sum(len(m["files"]) for m in models.values())
        lines.append(f"exports     {exports} ({len(models)} models, {files} parquet files, manifest.json)")
    else:
        lines.append(f"exports     none yet at {exports}: run `budgetwh export`")
    docs = db_path.parent / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    if docs.exists():
        lines.append(f"data docs   {docs}")
    return lines
