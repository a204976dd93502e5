"""great-expectations validates the residuals through a Checkpoint: its findings equal dbt's,
Data Docs are written, and a warehouse that cannot be validated exits non-zero."""

from __future__ import annotations

import shutil

import duckdb

from ingest.runner import run_batch
from tests.conftest import SEED_TEXT
from tests.test_ingest_robustness import cli


def test_gx_checkpoint_agrees_with_dbt_and_writes_data_docs(corpus_built, tmp_path):
    db = tmp_path / "validated.duckdb"
    shutil.copy(corpus_built, db)
    result = cli(["validate", "--db", str(db)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "documents × failed identities" in result.stdout
    assert "unit_slip" in result.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        gx = dict(con.execute("select identity, failed from audit.validation_runs").fetchall())
        dbt = dict(con.execute(
            "select identity, count(*) filter (where not passed) from audit.identity_residuals group by 1"
        ).fetchall())
        suites = {row[0] for row in con.execute("select distinct suite from audit.validation_runs").fetchall()}
        docs = con.execute("select any_value(data_docs_path) from audit.validation_runs").fetchone()[0]
    assert {k: v for k, v in gx.items() if k in dbt} == dbt
    assert suites == {
        "identities_row", "identities_hierarchy", "identities_table_balance", "identities_cross_table",
        "identities_cross_year", "identities_narrative", "identities_plausibility",
    }
    index = tmp_path / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert docs == str(index) and index.exists()
    assert "identities_plausibility" in index.read_text(encoding="utf-8")
    # GX's comments-only variables file is dropped: it parsed it hundreds of times a run
    assert not (tmp_path / "gx" / "uncommitted" / "config_variables.yml").exists()


def test_validate_exits_non_zero_when_the_suites_cannot_run(tmp_path):
    db = tmp_path / "raw_only.duckdb"
    run_batch([SEED_TEXT], db)  # landed, never built: there are no residuals to validate
    result = cli(["validate", "--db", str(db)])
    assert result.returncode == 1
    assert "validation could not run" in result.stderr
    assert cli(["validate", "--db", str(tmp_path / "missing.duckdb")]).returncode == 1


def test_data_docs_are_built_once_per_run_and_list_only_the_latest_runs(corpus_built, tmp_path, monkeypatch):
    import re

    import validate.suites as suites

    db = tmp_path / "w.duckdb"
    shutil.copy(corpus_built, db)
    monkeypatch.setattr(suites, "DATA_DOCS_RUNS_LISTED", 2)
    variables = tmp_path / "gx" / "uncommitted" / "config_variables.yml"
    for run in range(3):
        if run == 2:
            variables.write_text("# a person's own variable\nsite_owner: audit team\n", encoding="utf-8")
        report = suites.run_validation(db)
    assert variables.read_text(encoding="utf-8").endswith("site_owner: audit team\n")  # defines one: kept
    site = tmp_path / "gx" / "uncommitted" / "data_docs" / "local_site"
    listed = set(re.findall(r'validations/[^"]*\.html', (site / "index.html").read_text(encoding="utf-8")))
    runs = {path.split("/")[3] for path in listed}
    # 8 validations (7 identity suites and the shape) per run; the index lists the 2 latest runs
    assert len(listed) == 16 and len(runs) == 2
    assert len(list((site / "validations").rglob("*.html"))) == 24  # every run's pages are kept
    assert report.data_docs == site / "index.html"
