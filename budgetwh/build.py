"""Run dbt against a warehouse file: `dbt build` (seeds, models, tests) and friends."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from budgetwh.paths import PROJECT_DIR


@dataclass
class DbtResult:
    command: list[str]
    returncode: int
    seconds: float
    output: str
    # the tests a failed one-query test stands for (ONE_QUERY_TESTS), which dbt's log does not name
    failed_declared_tests: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failures(self) -> list[str]:
        """The lines of dbt's log a person needs: what failed and why."""
        keep = ("ERROR", "FAIL ", "Failure in", "Error in", "Runtime Error", "Compilation Error", "Database Error")
        lines = self.output.splitlines()
        picked: list[str] = []
        for i, line in enumerate(lines):
            if any(k in line for k in keep):
                picked.append(line)
                # the reason is printed on the lines below "... Error in model ..."
                if "Error in" in line:
                    picked.extend(lines[i + 1:i + 3])
        return self.failed_declared_tests + picked


class DbtProcess:
    """dbt in a child process (budgetwh/dbt_process.py): each build gets a clean process, its own
    DuckDB handle or SparkSession, released on exit. Start it early and `run` it when the command
    is known: dbt's import overlaps what the caller does meanwhile."""

    def __init__(self, target_name: str, target_dir: Path, env: dict[str, str], log_level: str = "info",
                 parse_first: bool = False):
        self.fixed_args = [
            "--target", target_name,
            "--project-dir", str(PROJECT_DIR),
            "--target-path", str(target_dir),
            "--log-path", str(target_dir / "logs"),
        ]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "budgetwh.dbt_process", *(["--parse-first"] if parse_first else []), *self.fixed_args],
            cwd=PROJECT_DIR,
            env={
                # dbt's debug-level file log (every statement of every node) costs a quarter of a
                # nightly's build; info keeps what ran and what failed. DBT_LOG_LEVEL_FILE=debug
                # brings the statements back.
                "DBT_LOG_LEVEL_FILE": log_level,
                **({"DBT_LOG_LEVEL": log_level} if log_level != "info" else {}),
                **os.environ,
                "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                **env,
            },
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def run(self, args: list[str], quiet: bool = True) -> DbtResult:
        requested = time.monotonic()
        output, _ = self.process.communicate(json.dumps(args) + "\n")
        result = DbtResult(["dbt", *args, *self.fixed_args], self.process.returncode, time.monotonic() - requested, output)
        if not quiet:
            print(result.output)
        return result

    def cancel(self) -> None:
        """Stop the process: before its command (it only imported dbt; the caller found nothing to
        build), or while dbt runs (the caller failed or was interrupted, and discards the warehouse)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def dbt_target_dir(db_path: Path) -> Path:
    """Each warehouse gets its own compile target, so two builds of two files never collide."""
    return db_path.parent / f".{db_path.stem.lstrip('.')}.dbt-target"


def start_dbt(
    db_path: Path, log_level: str = "info", env: dict[str, str] | None = None, parse_first: bool = False,
) -> DbtProcess:
    """A dbt process for the warehouse file `db_path`, waiting for its command (see `dbt_build`).
    `log_level` 'warn' logs failures and warnings only (a nightly: half a second less of dbt's own
    Python; run_results.json still holds every node); DBT_LOG_LEVEL(_FILE) override it. `env`:
    more variables for the project (BUDGETWH_VALIDATION_HANDOFF). `parse_first`: parse the project
    while waiting (for a command that parses it as `dbt parse` does: no --vars)."""
    return DbtProcess("duckdb", dbt_target_dir(db_path), {"BUDGETWH_DB": str(db_path), **(env or {})},
                      log_level=log_level, parse_first=parse_first)


def run_dbt(args: list[str], db_path: Path, quiet: bool = True) -> DbtResult:
    """dbt on the duckdb target, against the warehouse file `db_path`."""
    return start_dbt(db_path).run(args, quiet=quiet)


def project_fingerprint() -> str:
    """What the build is made of: a changed model, macro or seed means a full rebuild."""
    digest = hashlib.sha256()
    paths = [PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "macros", "seeds", "tests/dbt"):
        paths += sorted(p for p in (PROJECT_DIR / folder).rglob("*") if p.is_file())
    for path in paths:
        digest.update(str(path.relative_to(PROJECT_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def built_fingerprint(db_path: Path) -> str | None:
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute("select fingerprint from meta.build_state order by built_at desc limit 1").fetchone()
            return row[0] if row else None
    except duckdb.Error:
        return None


def _record_fingerprint(db_path: Path, fingerprint: str) -> None:
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema if not exists meta")
        con.execute("create table if not exists meta.build_state (fingerprint varchar, built_at timestamp)")
        con.execute("insert into meta.build_state values (?, current_timestamp)", [fingerprint])


# tests/dbt: the YAML's tests of these kinds in one query (two: the audit models' and the rest), which
# incremental builds run in their place
ONE_QUERY_TESTS = ("assert_declared_column_tests", "assert_declared_audit_column_tests")


def one_query_test_kinds() -> list[str]:
    """The generic tests those two run (dbt_project.yml, vars.one_query_test_kinds)."""
    import yaml

    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return list(project["vars"]["one_query_test_kinds"])


def dbt_build(
    db_path: Path, select: str | None = None, quiet: bool = True, full_refresh: bool | None = None,
    process: DbtProcess | None = None, fingerprint: str | None = None,
) -> DbtResult:
    """dbt build; incremental models add only new documents unless the project changed since the
    warehouse was last built (then everything is rebuilt, so no row is left from older code).
    `process` is one started by `start_dbt(db_path)` beforehand; `fingerprint` the project's, if
    the caller has it already."""
    fingerprint = fingerprint or project_fingerprint()
    if full_refresh is None:
        full_refresh = built_fingerprint(db_path) != fingerprint
    args = ["build"]
    if full_refresh:
        args += ["--full-refresh", "--exclude", *ONE_QUERY_TESTS]
    else:
        # the seeds are those the warehouse was built with (they are part of the fingerprint); the
        # column tests run as one query (a node of dbt's costs more than the check itself)
        args += ["--exclude", "resource_type:seed", *(f"test_name:{kind}" for kind in one_query_test_kinds())]
    if select:
        args += ["--select", select]
    result = (process or start_dbt(db_path)).run(args, quiet=quiet)
    if result.ok and not select:
        _record_fingerprint(db_path, fingerprint)
    elif not result.ok and not full_refresh:
        result.failed_declared_tests = _failed_declared_tests(db_path)
    return result


def _failed_declared_tests(db_path: Path) -> list[str]:
    """`Failure in test <one of ONE_QUERY_TESTS>` says that some declared test failed, not which: the
    compiled query of each that failed, run again, names them (one row per failing test)."""
    target = dbt_target_dir(db_path)
    try:
        results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return []
    named = []
    for name in ONE_QUERY_TESTS:
        failed = any(r["unique_id"] == f"test.budgetwh.{name}" and r["status"] in ("fail", "error") for r in results)
        compiled = target / "compiled" / "budgetwh" / "tests" / "dbt" / f"{name}.sql"
        if not failed or not compiled.exists():
            continue
        try:
            with duckdb.connect(str(db_path), read_only=True) as con:
                rows = con.execute(compiled.read_text(encoding="utf-8")).fetchall()
        except duckdb.Error as error:
            named.append(f"{name}: could not name its failing tests ({error})")
            continue
        named += [f"{name}: {test} failed ({count:,} rows)" for test, count in rows]
    return named


def run_dbt_spark(args: list[str], warehouse: Path, quiet: bool = True) -> DbtResult:
    """dbt on the spark target (local mode) against the warehouse folder `warehouse`; its session
    ends with the subprocess, so that validation and export can open the metastore after it."""
    from budgetwh.spark import spark_environment

    return DbtProcess("spark", warehouse / ".dbt-target", spark_environment(warehouse)).run(args, quiet=quiet)


def dbt_build_spark(warehouse: Path, select: str | None = None, quiet: bool = True, full_refresh: bool | None = None) -> DbtResult:
    """dbt build on the spark target; a full rebuild when the project changed since the warehouse
    was last built (the fingerprint is kept in the warehouse folder, build_state.txt)."""
    fingerprint = project_fingerprint()
    state = warehouse / "build_state.txt"
    if full_refresh is None:
        full_refresh = not state.exists() or state.read_text().strip() != fingerprint
    args = ["build", "--exclude", *ONE_QUERY_TESTS]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", select]
    result = run_dbt_spark(args, warehouse, quiet=quiet)
    if result.ok and not select:
        state.write_text(fingerprint + "\n")
    return result
