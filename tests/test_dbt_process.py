"""dbt runs in its own process, started before its command is known (budgetwh/dbt_process.py):
the nightly overlaps dbt's import with its copy and ingest."""

from __future__ import annotations

import signal

from budgetwh.build import dbt_target_dir, run_dbt, start_dbt


def test_a_dbt_process_stopped_before_its_command_touches_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    process = start_dbt(db)
    process.cancel()
    assert process.process.returncode == -signal.SIGKILL  # stopped, not waited for while it imports dbt
    assert not db.exists() and not dbt_target_dir(db).exists()


def test_dbt_errors_reach_the_caller_with_the_reason(tmp_path):
    result = run_dbt(["run-operation", "no_such_macro"], tmp_path / "w.duckdb")
    assert result.returncode == 2  # dbt could not run the command (1 is a command that ran and failed)
    assert not result.ok
    assert "could not find a macro with the name 'no_such_macro'" in result.output
    assert any("Compilation Error" in line for line in result.failures())
