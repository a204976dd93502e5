"""The nightly's incremental build gives exactly what a full build of the same documents gives —
every model, every exported partition, every document's findings — while recomputing only the
departments that have a new document (int_build__scope) and rewriting only the export partitions
that changed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from budgetwh.build import dbt_build, dbt_target_dir, one_query_test_kinds, run_dbt
from budgetwh.export import export
from ingest.runner import run_batch
from tests.test_exports_nightly import _export_rows, nightly
from tests.test_synth_warehouse import synth

# built by the nightly's own bookkeeping, or stamped with the time of the build
NOT_COMPARED_TABLES = {"identity_results", "int_build__documents_built", "int_build__scope", "validation_runs"}
NOT_COMPARED_COLUMNS = {"ingested_at", "built_at", "run_id", "run_at"}


def _later(path: Path) -> bool:
    """Held back for the second night: a middle year of department d002 (its next year's YoY and
    cross-year checks move) and every document of department d005 (a department not seen before)."""
    return path.name.startswith(("d002-2020-", "d005-"))


@pytest.fixture(scope="module")
def two_nights_and_a_full_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    synth(root / "corpus", "--departments", "5", "--years", "2019-2022", "--defect-rate", "0.3", "--seed", "23")
    files = sorted((root / "corpus" / "txt").glob("*.txt"))
    later = [f for f in files if _later(f)]
    assert len(later) == 10
    inbox, db, out = root / "inbox", root / "nightly" / "budget.duckdb", root / "exports"
    inbox.mkdir()
    for file in files:
        if not _later(file):
            shutil.copy(file, inbox)
    first = nightly(inbox, db, out)
    assert first.returncode == 0, first.stdout + first.stderr
    first_manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for file in later:
        shutil.copy(file, inbox)
    second = nightly(inbox, db, out)
    assert second.returncode == 0, second.stdout + second.stderr
    full = root / "full" / "budget.duckdb"
    summary = run_batch([root / "corpus" / "txt"], full, jobs=2)
    assert summary.exit_code == 0 and len(summary.landed) == len(files)
    result = dbt_build(full)
    assert result.ok, "\n".join(result.failures()[:20])
    export(full, root / "full_exports")
    return {"db": db, "out": out, "full": full, "full_out": root / "full_exports", "second": second,
            "first_manifest": first_manifest, "later": later}


def test_every_model_of_the_incremental_build_equals_the_full_build(two_nights_and_a_full_build):
    db, full = two_nights_and_a_full_build["db"], two_nights_and_a_full_build["full"]
    con = duckdb.connect()
    con.execute(f"attach '{db}' as nightly (read_only)")
    con.execute(f"attach '{full}' as full_build (read_only)")
    tables = con.execute("""
        select schema_name, table_name, list(column_name order by column_index)
        from duckdb_columns()
        where database_name = 'full_build' and schema_name in ('staging', 'intermediate', 'marts', 'audit')
        group by all order by all
    """).fetchall()
    compared, rows = 0, 0
    for schema, table, columns in tables:
        if table in NOT_COMPARED_TABLES:
            continue
        select = ", ".join(f'"{c}"' for c in columns if c not in NOT_COMPARED_COLUMNS)
        a = f'select {select} from nightly."{schema}"."{table}"'
        b = f'select {select} from full_build."{schema}"."{table}"'
        only_nightly = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
        only_full = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
        assert (only_nightly, only_full) == (0, 0), f"{schema}.{table}: {only_nightly} rows only in the nightly's, {only_full} only in the full build's"
        compared += 1
        rows += con.execute(f"select count(*) from ({b})").fetchone()[0]
    assert compared >= 40 and rows > 30_000


def test_the_incremental_build_recomputed_only_the_new_documents_departments(two_nights_and_a_full_build):
    db, later = two_nights_and_a_full_build["db"], two_nights_and_a_full_build["later"]
    with duckdb.connect(str(db), read_only=True) as con:
        new = con.execute("select document_id from intermediate.int_build__scope where is_new").fetchall()
        scope_departments = con.execute("""
            select list(distinct d.department_name order by d.department_name)
            from intermediate.int_build__scope s join marts.dim_department d using (department_key)
        """).fetchone()[0]
        scope_documents = con.execute("select count(*) from intermediate.int_build__scope").fetchone()[0]
        built = con.execute("select count(*), count(distinct built_at) from intermediate.int_build__documents_built").fetchone()
        # history: the new documents, and the documents whose cross-year checks the new 2020 moved
        history = con.execute("""
            select count(distinct document_id) from audit.identity_results
            where run_at = (select max(run_at) from audit.identity_results)
        """).fetchone()[0]
        scoped_runs = con.execute("select count(*) from audit.validation_runs where scope = 'build scope'").fetchone()[0]
    assert len(new) == len(later) == 10
    assert len(scope_departments) == 2  # d002's and d005's, nothing else
    assert scope_documents == 16  # every document of the two: 4 years × 2 kinds each, 10 of them new
    assert built == (40, 2)
    assert 10 <= history <= 14
    assert scoped_runs > 0
    assert "the build scope" in two_nights_and_a_full_build["second"].stdout


def test_the_nightly_validates_the_residuals_dbt_hands_over_while_it_builds_the_rest(two_nights_and_a_full_build):
    """identity_residuals hands its scope's rows to the validation (macros/validation_handoff.sql),
    which checks them while dbt builds what follows: the suites' findings are dbt's, for every
    document of the scope, and nothing handed over is left beside the warehouse."""
    db = two_nights_and_a_full_build["db"]
    assert "checked while dbt built the models after the residuals" in two_nights_and_a_full_build["second"].stdout
    with duckdb.connect(str(db), read_only=True) as con:
        gx = con.execute("""
            select identity, checked, failed from audit.validation_runs
            where run_id = (select run_id from audit.validation_runs where scope = 'build scope' order by run_at desc limit 1)
            order by identity
        """).fetchall()
        dbt = con.execute("""
            select c.identity, count(r.identity), count(r.identity) filter (where not r.passed)
            from reference.identity_catalogue c
            left join audit.identity_residuals r
                on r.identity = c.identity and r.document_id in (select document_id from intermediate.int_build__scope)
            group by 1 order by 1
        """).fetchall()
    assert gx == dbt
    assert sum(checked for _, checked, _ in gx) > 1_000 and sum(failed for *_, failed in gx) > 0
    assert not [p.name for p in db.parent.iterdir() if "residuals" in p.name]


def test_the_nightly_exports_equal_the_full_builds_and_reuse_unchanged_partitions(two_nights_and_a_full_build):
    out, full_out = two_nights_and_a_full_build["out"], two_nights_and_a_full_build["full_out"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    full_manifest = json.loads((full_out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["models"]) == set(full_manifest["models"])
    for model in manifest["models"]:
        assert _export_rows(out, model) == _export_rows(full_out, model), model
        assert manifest["models"][model]["rows"] == full_manifest["models"][model]["rows"], model
    reused = sum(m["partitions_reused"] for m in manifest["models"].values())
    partitions = sum(len(m["partitions"]) for m in manifest["models"].values())
    assert 0 < reused < partitions
    # dim_function_subject gains no code from the new documents: linked, not written again
    first = two_nights_and_a_full_build["first_manifest"]["models"]
    unchanged = [m for m in manifest["models"] if manifest["models"][m]["partitions"] == first[m]["partitions"]]
    for model in unchanged:
        assert manifest["models"][model]["files"] == first[model]["files"], model
    assert all(m["partitions_reused"] == 0 for m in first.values())


def test_the_incremental_build_keeps_every_column_description_as_a_comment(two_nights_and_a_full_build):
    """Comments are written when a table is created, not rewritten by each night's added rows
    (macros/persist_docs.sql): after the second night they are still the full build's, which are
    the YAML's descriptions."""
    db, full = two_nights_and_a_full_build["db"], two_nights_and_a_full_build["full"]
    query = """
        select schema_name, table_name, column_name, comment from duckdb_columns()
        where schema_name in ('staging', 'intermediate', 'marts', 'audit') order by all
    """
    with duckdb.connect(str(db), read_only=True) as con:
        nightly_comments = [c for c in con.execute(query).fetchall() if c[1] != "validation_runs"]
    with duckdb.connect(str(full), read_only=True) as con:
        full_comments = con.execute(query).fetchall()
    assert nightly_comments == full_comments  # validation_runs: written by the nightly's validation only
    comments = {(s, t, c): comment for s, t, c, comment in nightly_comments}
    assert comments[("marts", "fct_expenditure", "total_yuan")] == "本年支出合计 / 支出预算合计, yuan."
    assert sum(1 for s, t, c in comments if s == "marts" and comments[(s, t, c)]) > 150


def _declared_column_tests(target: Path) -> list[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return sorted(n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "test"
                  and (n.get("test_metadata") or {}).get("name") in one_query_test_kinds())


def test_the_nightly_runs_the_declared_column_tests_in_one_query_before_recording_its_documents(
    two_nights_and_a_full_build, tmp_path
):
    """An incremental build runs the YAML's generic tests as two queries
    (tests/dbt/assert_declared_column_tests.sql, …_audit_…), which must pass before the build records
    its documents, and which fail where the tests they replace would, naming them."""
    db = two_nights_and_a_full_build["db"]
    target = dbt_target_dir(db.parent / f".{db.stem}.next.duckdb")
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    declared = _declared_column_tests(dbt_target_dir(two_nights_and_a_full_build["full"]))
    assert len(declared) == 107
    assert not [r for r in results if r["unique_id"].split(".")[2] in declared]
    assert [r["unique_id"] for r in results if r["unique_id"].startswith("test.")] == [
        "test.budgetwh.assert_declared_column_tests", "test.budgetwh.assert_declared_audit_column_tests"]
    # the record of the build is built after every check; its own test runs in full builds
    declared.remove("unique_int_build__documents_built_document_id")
    recorded = next(r for r in results if r["unique_id"] == "model.budgetwh.int_build__documents_built")

    def execute(result, moment):
        return next(t[moment] for t in result["timing"] if t["name"] == "execute")

    compiled = ""
    for name in ("assert_declared_column_tests", "assert_declared_audit_column_tests"):
        combined = next(r for r in results if r["unique_id"] == f"test.budgetwh.{name}")
        assert combined["status"] == "pass"
        assert execute(combined, "completed_at") <= execute(recorded, "started_at")
        compiled += (target / "compiled" / "budgetwh" / "tests" / "dbt" / f"{name}.sql").read_text(encoding="utf-8")
    assert sorted(re.findall(r"select '(\w+)' as failing_test", compiled)) == declared  # each once

    broken = tmp_path / "broken.duckdb"
    shutil.copy(db, broken)
    with duckdb.connect(str(broken)) as con:
        first_year = "fiscal_year = (select min(fiscal_year) from marts.fct_income)"
        nulled = con.execute(f"update marts.fct_income set department_key = null where {first_year}").fetchone()[0]
        # the relationships of the facts check the rows the last build recomputed (its scope)
        unknown = con.execute("update marts.fct_expenditure set subject_code = '299' || subject_code "
                              "where department_key in (select department_key from intermediate.int_build__scope)").fetchone()[0]
        con.execute("update marts.fct_expenditure set subject_code = '298' || subject_code "
                    "where department_key not in (select department_key from intermediate.int_build__scope)")
        mislabelled = con.execute("update marts.fct_income set report_kind = 'final' "
                                  f"where not ({first_year}) and report_kind = 'final_accounts'").fetchone()[0]
        con.execute("insert into marts.dim_department select * from marts.dim_department limit 1")
        outside = con.execute("update marts.mart_department_comparison set share_of_department_total = 1.5 "
                              "where rank_among_departments = 1").fetchone()[0]
    assert nulled and unknown and mislabelled and outside
    result = run_dbt(["test", "--select", "assert_declared_column_tests"], broken)
    assert not result.ok
    with duckdb.connect(str(broken), read_only=True) as con:
        sql = (dbt_target_dir(broken) / "compiled" / "budgetwh" / "tests" / "dbt" / "assert_declared_column_tests.sql")
        found = sorted(con.execute(sql.read_text(encoding="utf-8")).fetchall())
    assert found == [
        ("accepted_range_mart_department_comparison_share_of_department_total__1__0", outside),
        ("accepted_values_fct_income_report_kind__final_accounts__budget", 1),  # one value not accepted
        ("not_null_fct_income_department_key", nulled),
        ("relationships_fct_expenditure_subject_code__subject_code__ref_dim_function_subject_", unknown),
        ("unique_dim_department_department_key", 1),
    ]
    # what the tests it stands for report when dbt runs them one by one: the same tests, the same counts
    one_by_one = run_dbt(["test", "--select", *(name for name, _ in found)], broken)
    results = json.loads((dbt_target_dir(broken) / "run_results.json").read_text(encoding="utf-8"))["results"]
    assert not one_by_one.ok
    assert sorted((r["unique_id"].split(".")[2], r["failures"]) for r in results if r["status"] == "fail") == found


def test_an_incremental_build_tests_the_new_documents_and_catches_a_duplicate_in_one(tmp_path):
    """The tests of the staging models that hold every printed row check, on an incremental build,
    only the documents it adds (`where: "__new_documents__"`, macros/tests/new_documents.sql): a row
    printed twice under one key in a new document still fails the build."""
    synth(tmp_path / "corpus", "--departments", "2", "--years", "2021-2022", "--defect-rate", "0", "--seed", "5")
    files = sorted((tmp_path / "corpus" / "txt").glob("*.txt"))
    new = [f for f in files if f.name.startswith("d002-2022-")]
    db = tmp_path / "w.duckdb"
    assert run_batch([f for f in files if f not in new], db).exit_code == 0
    assert dbt_build(db).ok
    assert run_batch(new, db).exit_code == 0
    with duckdb.connect(str(db)) as con:
        con.execute("""
            insert into raw.table_rows
            select r.* from raw.table_rows r join raw.documents d using (document_id)
            where d.source_name = ? and r.row_no = 3
            order by r.table_seq limit 1
        """, [new[0].name])
    result = dbt_build(db)
    assert not result.ok
    # dbt's log names the one query that failed; the build names the test in it that did
    assert result.failures()[0].startswith("assert_declared_column_tests: "
                                           "unique_combination_of_columns_stg_disclosure__table_rows_document_id")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from intermediate.int_build__documents_built "
                           "where document_id in (select document_id from raw.documents where source_name like 'd002-2022-%')"
                           ).fetchone()[0] == 0  # not recorded: the next build checks them again
    # what the staging tests read: the documents not yet built, not the millions of rows before them
    checks = (dbt_target_dir(db) / "run" / "budgetwh" / "tests" / "dbt" / "assert_declared_column_tests.sql").read_text(encoding="utf-8")
    new_documents = ('where document_id in (select document_id from "w"."raw"."documents" where document_id not in '
                     '(select document_id from "w"."intermediate"."int_build__documents_built"))')
    table_rows = '"w"."staging"."stg_disclosure__table_rows" '
    staging = [check for check in checks.split("union all") if f"(select * from {table_rows}" in check]
    assert len(staging) == 2 and all(f"{table_rows}{new_documents}) dbt_subquery" in check for check in staging)
