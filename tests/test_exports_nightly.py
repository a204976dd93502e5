"""Parquet exports read back exactly; the nightly swaps a fully built warehouse and export snapshot in
atomically, changes only the new department-year's rows, and leaves yesterday's state on failure."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from budgetwh.export import export
from budgetwh.nightly import nightly_lock
from tests.conftest import REPO, SEED_TEXT
from tests.test_ingest_robustness import BUDGETWH, cli


def test_exports_read_back_with_exact_decimals_and_no_placeholder_rows(corpus_built, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(corpus_built, db)
    summary = export(db, tmp_path / "exports")
    out = tmp_path / "exports"
    assert out.is_symlink() and (out / "manifest.json").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"fct_expenditure", "fct_income", "dim_department", "mart_expenditure_yoy", "mart_disclosure_quality",
            "mart_department_comparison", "mart_budget_execution"} <= set(manifest["models"])
    for name, model in manifest["models"].items():
        assert sum(f["rows"] for f in model["files"]) == model["rows"], name
        for file in model["files"]:
            data = (out / file["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == file["sha256"]
    table = pq.read_table(out / "fct_expenditure", partitioning="hive")
    assert str(table.schema.field("total_yuan").type) == "decimal128(18, 2)"
    rows = table.to_pylist()
    assert {r["fiscal_year"] for r in rows} == {2020, 2024, 2025}
    assert all(any(v is not None for k, v in r.items() if k != "fiscal_year") for r in rows), "no all-null placeholder row"
    seed_row = next(r for r in rows if r["subject_code"] == "2013201" and r["fiscal_year"] == 2020)
    assert seed_row["total_yuan"] == Decimal("13541586.35")
    with duckdb.connect() as con:
        via_duckdb = con.execute(
            f"select sum(total_yuan) from read_parquet('{out}/fct_expenditure/*/*.parquet', hive_partitioning = true)"
        ).fetchone()[0]
    with duckdb.connect(str(db), read_only=True) as con:
        in_warehouse = con.execute("select sum(total_yuan) from marts.fct_expenditure").fetchone()[0]
    assert via_duckdb == in_warehouse
    assert summary.rows == sum(m["rows"] for m in manifest["models"].values())


def _export_rows(out: Path, model: str) -> set[tuple]:
    with duckdb.connect() as con:
        files = sorted((out / model).rglob("*.parquet"))
        if not files:
            return set()
        rows = con.execute(
            f"select * from read_parquet({[str(f) for f in files]}, hive_partitioning = true, union_by_name = true)"
        ).fetchall()
    return {tuple(str(v) for v in row) for row in rows}


@pytest.fixture()
def nightly_dirs(tmp_path, corpus):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_TEXT, inbox)
    shutil.copy(corpus / "shanghai" / "sh_putuo_wanli_jiedao_2025_budget.pdf", inbox)
    return inbox, tmp_path / "wh" / "budget.duckdb", tmp_path / "exports"


def nightly(inbox: Path, db: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return cli(["nightly", str(inbox), "--db", str(db), "--out", str(out)], env=env)


def test_a_nightly_with_one_new_document_changes_only_that_department_year(nightly_dirs, corpus):
    inbox, db, out = nightly_dirs
    first = nightly(inbox, db, out)
    assert first.returncode == 0, first.stdout + first.stderr
    before = {m: _export_rows(out, m) for m in ["fct_expenditure", "fct_income", "mart_expenditure_yoy",
                                                 "mart_disclosure_quality", "mart_department_comparison"]}
    published, built_at = os.readlink(out), db.stat().st_mtime_ns
    again = nightly(inbox, db, out)  # nothing new: no rebuild, no new snapshot
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 landed, 2 already there" in again.stdout and "nothing new" in again.stdout
    assert (os.readlink(out), db.stat().st_mtime_ns) == (published, built_at)
    shutil.copy(corpus / "shanghai" / "sh_putuo_zhengfuban_2025_dept_budget.pdf", inbox)
    with duckdb.connect(str(db), read_only=True) as reader:  # a reader of yesterday's file, open throughout
        second = nightly(inbox, db, out)
        assert reader.execute("select count(*) from raw.documents").fetchone()[0] == 2
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 landed, 2 already there" in second.stdout
    # yesterday's file, swapped out under a second name, is deleted by a process of its own
    deadline = time.monotonic() + 30
    while list(db.parent.glob(".*.replaced-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(db.parent.glob(".*.replaced-*"))
    with duckdb.connect(str(db), read_only=True) as con:
        new_key = con.execute(
            "select department_key from marts.dim_department where department_name = '上海市普陀区人民政府办公室'"
        ).fetchone()[0]
    for model, old in before.items():
        new = _export_rows(out, model)
        changed = (old - new) | (new - old)
        assert changed, model
        if model == "mart_department_comparison":
            # ranks and region totals of the new department's region-year move; nothing else does
            assert all("上海市普陀区" in row and "2025" in row for row in changed), model
        else:
            assert all(new_key in row and "2025" in row for row in changed), model
        assert old <= new or model == "mart_department_comparison", model


def _state(db: Path, out: Path) -> tuple[str, str]:
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    with duckdb.connect(str(db), read_only=True) as con:
        documents = str(con.execute("select list(source_name order by 1) from raw.documents").fetchone()[0])
    return manifest, documents


def test_a_failed_nightly_leaves_yesterdays_warehouse_and_exports(nightly_dirs, corpus):
    inbox, db, out = nightly_dirs
    assert nightly(inbox, db, out).returncode == 0
    before = _state(db, out)
    shutil.copy(corpus / "shanghai" / "sh_putuo_zhengfuban_2025_dept_budget.pdf", inbox)
    for step in ["ingest", "build", "validate", "export", "swap"]:
        failed = nightly(inbox, db, out, env={"BUDGETWH_NIGHTLY_FAIL_AT": step})
        assert failed.returncode == 1, step
        assert f"nightly failed at {step}" in failed.stderr and "untouched" in failed.stderr
        assert _state(db, out) == before, step
        assert not list(db.parent.glob(".*.next.duckdb*")), step


def test_killing_the_nightly_mid_build_leaves_yesterday_readable_and_identical(nightly_dirs, corpus):
    inbox, db, out = nightly_dirs
    assert nightly(inbox, db, out).returncode == 0
    before = _state(db, out)
    shutil.copy(corpus / "shanghai" / "sh_putuo_zhengfuban_2025_dept_budget.pdf", inbox)
    proc = subprocess.Popen(BUDGETWH + ["nightly", str(inbox), "--db", str(db), "--out", str(out)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    target = db.parent / ".budget.next.dbt-target"
    shutil.rmtree(target, ignore_errors=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (target / "run").exists():
        time.sleep(0.1)  # dbt has started writing models of the new warehouse
    assert proc.poll() is None, "the nightly was still running when killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _state(db, out) == before
    again = nightly(inbox, db, out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 landed" in again.stdout


def test_a_second_concurrent_nightly_is_refused(nightly_dirs):
    inbox, db, out = nightly_dirs
    db.parent.mkdir(parents=True, exist_ok=True)
    with nightly_lock(db):
        refused = nightly(inbox, db, out)
    assert refused.returncode == 1
    assert "another nightly is running" in refused.stderr
