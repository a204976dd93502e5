"""The warehouse against a generated corpus's ground truth: every injected defect is found under
the identity the manifest names and nothing else is flagged (recall, false positives); facts,
year-over-year, comparison and budget execution equal the generator's figures, all rows."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal as D
from pathlib import Path

import duckdb
import pytest

from budgetwh.build import dbt_build
from ingest.runner import run_batch
from tests.conftest import REPO
from tests.synth_quality import score


def synth(out: Path, *args: str) -> dict:
    subprocess.run(
        [sys.executable, "-m", "budgetwh.cli", "synth", "--out", str(out), "--formats", "txt", *args],
        cwd=REPO, check=True, capture_output=True,
    )
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def build(corpus: Path, db: Path) -> None:
    summary = run_batch([corpus], db, jobs=2)
    assert summary.exit_code == 0 and not summary.rejected
    result = dbt_build(db)
    assert result.ok, "\n".join(result.failures()[:20])


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    root = tmp_path_factory.mktemp("defective")
    manifest = synth(root / "corpus", "--departments", "6", "--years", "2019-2021", "--defect-rate", "0.6", "--seed", "11")
    build(root / "corpus", root / "w.duckdb")
    return manifest, root / "corpus", root / "w.duckdb"


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    root = tmp_path_factory.mktemp("clean")
    manifest = synth(root / "corpus", "--departments", "9", "--years", "2019-2022", "--defect-rate", "0", "--seed", "13")
    build(root / "corpus", root / "w.duckdb")
    return manifest, root / "corpus", root / "w.duckdb"


def test_every_injected_defect_is_found_under_its_identity_and_nothing_else_is_flagged(defective):
    manifest, corpus, db = defective
    kinds = {d["kind"] for d in manifest["defects"]}
    assert len(kinds) >= 5, kinds  # the corpus exercises most defect kinds
    result = score(db, corpus)
    assert result.defects >= 8
    assert result.missed == [], [m["id"] for m in result.missed]
    assert result.recall == 1.0
    assert result.false_positives == []


def test_a_defect_free_corpus_raises_no_error_or_warning(clean):
    manifest, corpus, db = clean
    result = score(db, corpus)
    assert result.defects == 0 and result.false_positives == []
    harmless = {h["kind"] for h in manifest["harmless"]}
    assert {"department_name_variant", "empty_table_with_sentence", "non_fiscal_rounding_gap",
            "repeated_row_across_page_break"} <= harmless


def _keys(con) -> dict[str, str]:
    """The manifest's canonical department names to the warehouse's keys."""
    keys = {}
    for key, name, aliases in con.execute("select department_key, department_name, aliases from marts.dim_department").fetchall():
        for alias in [name, *aliases]:
            keys[alias] = key
    return keys


def _truth(manifest: dict, table: str, column: str) -> dict[tuple, D]:
    truth = {}
    for department, years in manifest["facts"].items():
        for year, kinds in years.items():
            for kind, tables in kinds.items():
                for key, columns in tables.get(table, {}).items():
                    if column in columns and key.isdigit():  # subject rows; 合计 is no subject
                        truth[(department, int(year), kind, key)] = D(columns[column]["value_yuan"])
    return truth


def test_facts_equal_the_generators_truth(clean):
    manifest, _, db = clean
    with duckdb.connect(str(db), read_only=True) as con:
        keys = _keys(con)
        names = {v: k for k, v in keys.items() if k in manifest["facts"]}
        for table, fact, columns in [
            ("expenditure", "fct_expenditure", {"total": "total_yuan", "basic": "basic_yuan", "project": "project_yuan"}),
            ("income", "fct_income", {"total": "total_yuan", "fiscal_appropriation": "fiscal_appropriation_yuan"}),
        ]:
            for column, warehouse_column in columns.items():
                truth = _truth(manifest, table, column)
                rows = con.execute(f"select department_key, fiscal_year, report_kind, subject_code, {warehouse_column} from marts.{fact}").fetchall()
                landed = {(names[k], y, r, s): v for k, y, r, s, v in rows if v}  # a printed 0.00 is a blank
                assert landed == {k: v for k, v in truth.items() if v != 0}, (table, column)


def test_every_generated_department_belongs_to_the_generated_region(clean):
    """Party, CPPCC and government departments alike: 中国人民政治协商会议示例市委员会办公室 is 示例市's."""
    manifest, _, db = clean
    with duckdb.connect(str(db), read_only=True) as con:
        regions = dict(con.execute("select department_name, region from marts.dim_department").fetchall())
    assert any(name.startswith("中国人民政治协商会议") for name in regions), sorted(regions)
    assert {name: region for name, region in regions.items() if region != "示例市"} == {}


def test_year_over_year_comparison_and_execution_equal_the_truth(clean):
    manifest, _, db = clean
    truth = _truth(manifest, "expenditure", "total")
    with duckdb.connect(str(db), read_only=True) as con:
        names = {v: k for k, v in _keys(con).items() if k in manifest["facts"]}
        regions = dict(con.execute("select department_key, region from marts.dim_department").fetchall())
        yoy = con.execute("""
            select department_key, fiscal_year, report_kind, subject_code, total_yuan, prior_total_yuan, change_pct,
                   is_new_subject, is_discontinued_subject
            from marts.mart_expenditure_yoy
        """).fetchall()
        comparison = con.execute("""
            select department_key, fiscal_year, report_kind, subject_code, share_of_department_total,
                   rank_among_departments, region_total_yuan
            from marts.mart_department_comparison
        """).fetchall()
        execution = con.execute("""
            select department_key, fiscal_year, subject_code, budget_yuan, final_yuan, execution_rate
            from marts.mart_budget_execution where line_kind = 'function_subject'
        """).fetchall()
    years = {(d, y, k) for d, y, k, _ in truth}

    expected_yoy = {}
    for (d, y, k, s), value in truth.items():
        prior = truth.get((d, y - 1, k, s))
        pct = None if not prior else (value - prior) / abs(prior) * 100
        new = prior is None and (d, y - 1, k) in years
        expected_yoy[(d, y, k, s)] = (value, prior, None if pct is None else round(pct, 2), new, False)
    for (d, y, k, s), prior in truth.items():
        if (d, y + 1, k) in years and (d, y + 1, k, s) not in truth:
            expected_yoy[(d, y + 1, k, s)] = (None, prior, D("-100.00"), False, True)
    landed_yoy = {(names[k], y, r, s): (v, p, c, n, x) for k, y, r, s, v, p, c, n, x in yoy}
    assert landed_yoy == expected_yoy
    assert any(x for *_, x in expected_yoy.values()), "the truth has a discontinued subject to flag"
    assert any(n for *_, n, _ in expected_yoy.values()), "the truth has a new subject to flag"

    totals = defaultdict(D)
    for (d, y, k, s), value in truth.items():
        if len(s) == 3:
            totals[(d, y, k)] += value
    by_subject = defaultdict(list)
    for (d, y, k, s), value in truth.items():
        key = _keys_for(names, d)
        by_subject[(regions[key], y, k, s)].append((value, d))
    expected_comparison = {}
    for (_region, y, k, s), entries in by_subject.items():
        region_total = sum(v for v, _ in entries)
        for value, d in entries:
            rank = 1 + sum(1 for other, _ in entries if other > value)
            share = round(value / totals[(d, y, k)], 6)
            expected_comparison[(d, y, k, s)] = (share, rank, region_total)
    landed_comparison = {(names[k], y, r, s): (sh, rk, rt) for k, y, r, s, sh, rk, rt in comparison}
    assert landed_comparison == expected_comparison

    expected_execution = {}
    for (d, y, k, s), value in truth.items():
        if k != "final_accounts" or (d, y, "budget") not in years:
            continue
        budget = truth.get((d, y, "budget", s))
        rate = None if not budget else round(value / budget * 100, 2)
        expected_execution[(d, y, s)] = (budget, value, rate)
    for (d, y, k, s), budget in truth.items():
        if k == "budget" and (d, y, "final_accounts") in years and (d, y, "final_accounts", s) not in truth:
            expected_execution[(d, y, s)] = (budget, None, D("0.00"))
    landed_execution = {(names[k], y, s): (b, f, r) for k, y, s, b, f, r in execution}
    assert landed_execution == expected_execution


def _keys_for(names: dict[str, str], department: str) -> str:
    return next(key for key, name in names.items() if name == department)
