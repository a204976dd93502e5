"""The nightly refresh: ingest what is new, build, validate, export — all on copies.

Readers are never blocked and never see a half-built state: the run works on a new warehouse file
(a copy of yesterday's) and a new export snapshot, and swaps both in only when every step has
passed. A failure at any step leaves yesterday's warehouse and exports untouched. A lock file stops
a second nightly while one is running.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from budgetwh.build import built_fingerprint, dbt_build, project_fingerprint, start_dbt
from budgetwh.export import export_snapshot_and_publish_later


class NightlyFailed(Exception):
    def __init__(self, step: str, message: str):
        super().__init__(f"{step}: {message}")
        self.step = step
        self.message = message


class NightlyLocked(Exception):
    pass


@dataclass
class NightlySummary:
    steps: list[tuple[str, float]] = field(default_factory=list)
    ingest: object | None = None
    validation: object | None = None
    exports: object | None = None
    seconds: float = 0.0
    nothing_new: bool = False


@contextmanager
def nightly_lock(db_path: Path):
    lock_path = db_path.parent / f".{db_path.name}.nightly.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise NightlyLocked(f"another nightly is running ({holder}); not starting a second one") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _fail_if_injected(step: str) -> None:
    """Tests name a step to fail at, as a crash there would."""
    if os.environ.get("BUDGETWH_NIGHTLY_FAIL_AT") == step:
        raise NightlyFailed(step, "failure injected for a test (BUDGETWH_NIGHTLY_FAIL_AT)")


def _copy_warehouse(source: Path, target: Path) -> None:
    """Copy a warehouse whole. A read-only connection is held meanwhile: it shares the file with
    the readers (a read-write one fails while any reader has it open) and keeps out any writer until
    the copy is complete. A write-ahead log left beside the file (a writer that did not close) is
    folded into it first, which needs the file to itself."""
    if not source.exists():
        return
    if Path(f"{source}.wal").exists():
        with duckdb.connect(str(source)) as con:
            con.execute("checkpoint")
    with duckdb.connect(str(source), read_only=True):
        shutil.copy2(source, target)


def _replaced_files(db_path: Path) -> list[Path]:
    """Yesterday's warehouse files the nightly swapped out and is deleting (or a crash left)."""
    return sorted(db_path.parent.glob(f".{db_path.stem}.replaced-*.duckdb"))


def _swap_in(work: Path, db_path: Path) -> None:
    """`work` becomes `db_path` in one rename. Renamed over, yesterday's file would be freed inside
    the rename, its 1.4 GB (at 10,000 department-years) of blocks a quarter of a second: it keeps a
    second name until then, and a process of its own deletes it after this one has moved on."""
    replaced = db_path.parent / f".{db_path.stem}.replaced-{os.getpid()}-{time.time_ns()}.duckdb"
    try:
        os.link(db_path, replaced)
    except OSError:  # no warehouse yet, or a file system without hard links: a plain rename
        replaced = None
    os.replace(work, db_path)
    if replaced is not None:
        subprocess.Popen(
            [sys.executable, "-c", "import os, sys; os.unlink(sys.argv[1])", str(replaced)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )


def _nothing_new(ingest, same_project: bool, exports: Path) -> bool:
    """Nothing landed or was rejected, the project is the one the warehouse was built with, and
    exports are published: the build, the suites and the export would reproduce what readers have."""
    return not ingest.landed and not ingest.rejected and same_project and (exports / "manifest.json").exists()


def _handoff(work: Path) -> Path:
    """Where dbt hands the build's residuals to the validation (macros/validation_handoff.sql):
    this path with .parquet, then .done."""
    return work.parent / f".{work.stem.lstrip('.')}.residuals"


def _handoff_files(work: Path) -> tuple[Path, Path]:
    """The residuals dbt handed over, and the file that says they are complete."""
    return Path(f"{_handoff(work)}.parquet"), Path(f"{_handoff(work)}.done")


def _discard(work: Path) -> None:
    for leftover in (work, Path(f"{work}.wal"), *_handoff_files(work)):
        leftover.unlink(missing_ok=True)


class _Background:
    """One call on another thread; `result()` waits for it and returns its value or raises its error."""

    def __init__(self, name: str, call):
        self._value, self._error = None, None

        def run() -> None:
            try:
                self._value = call()
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the result
                self._error = error

        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _validate_beside_build(gx_root: Path, work: Path, build_finished: threading.Event):
    """great-expectations takes seconds to import, and its suites and Checkpoint need no data: they
    are made on another thread while dbt (another process) builds. Then, once dbt has handed over
    the residuals it recomputed (macros/validation_handoff.sql), the suites check them while dbt
    builds the models after them. Returns (the suites, the checked frame): either may be None (dbt
    handed nothing over, or a step failed), and the validation step then does the rest itself,
    failing with the reason if it must."""
    from validate.suites import check_frame, prepare_suites, residuals_frame

    try:
        prepared = prepare_suites(gx_root)
    except Exception:  # noqa: BLE001
        return None, None
    rows, done = _handoff_files(work)
    while not done.exists():
        if build_finished.wait(0.02) and not done.exists():
            return prepared, None
    try:
        import pyarrow.parquet as pq

        return prepared, check_frame(prepared, residuals_frame(pq.read_table(rows)))
    except Exception:  # noqa: BLE001
        return prepared, None


def run_nightly(inbox: Path, db_path: Path, exports: Path, jobs: int = 1, progress=None, on_step=None) -> NightlySummary:
    summary = NightlySummary()
    started = time.monotonic()
    step_started = started

    def done(step: str) -> None:
        nonlocal step_started
        now = time.monotonic()
        summary.steps.append((step, now - step_started))
        step_started = now
        if on_step:
            on_step(step, now - started)

    with nightly_lock(db_path):
        work = db_path.parent / f".{db_path.stem}.next.duckdb"
        _discard(work)
        for leftover in _replaced_files(db_path):  # a crash between a swap and its deletion
            leftover.unlink(missing_ok=True)
        # dbt imports and parses the project while the warehouse is copied and the inbox ingested,
        # and waits for its command (its import is the longest of these: it starts first); the
        # parser processes start, and pandas (the ingest's Arrow tables need it) imports, meanwhile
        dbt = start_dbt(work, log_level="warn", env={"BUDGETWH_VALIDATION_HANDOFF": str(_handoff(work))},
                        parse_first=True)
        from ingest.parse import ParseOptions
        from ingest.runner import ParserPool, run_batch
        from validate.suites import gx_root_for, run_validation

        parsers = ParserPool(jobs, ParseOptions())
        _Background("import-pandas", lambda: __import__("pandas"))
        preparing = None
        try:
            _copy_warehouse(db_path, work)
            done("copy")
            _fail_if_injected("ingest")
            summary.ingest = run_batch([inbox], work, jobs=jobs, progress=progress, parsers=parsers)
            done("ingest")
            # the same project as yesterday: the build recomputes the new documents' departments only
            # (int_build__scope), and the suites validate what it recomputed
            fingerprint = project_fingerprint()
            incremental = built_fingerprint(work) == fingerprint
            if _nothing_new(summary.ingest, incremental, exports):
                summary.nothing_new = True
                dbt.cancel()
                _discard(work)
                summary.seconds = time.monotonic() - started
                return summary
            _fail_if_injected("build")
            # great-expectations' import holds the GIL for a second: started only now, when this
            # thread has nothing more to do than hand dbt its command and wait
            build_finished = threading.Event()
            preparing = _Background(
                "validate-beside-build", lambda: _validate_beside_build(gx_root_for(work), work, build_finished)
            )
            try:
                result = dbt_build(work, full_refresh=not incremental, process=dbt, fingerprint=fingerprint)
            finally:
                build_finished.set()
            if not result.ok:
                raise NightlyFailed("build", "; ".join(result.failures()[:8]) or "dbt build failed")
            done("build")
            _fail_if_injected("validate")
            prepared, checked = preparing.result()

            def export_snapshot():
                _fail_if_injected("export")
                return export_snapshot_and_publish_later(work, exports, read_only=False)

            # the export reads the marts, the validation the residuals: both at once, on one database
            exporting = _Background("export", export_snapshot)
            try:
                summary.validation = run_validation(work, build_scope_only=incremental, prepared=prepared, checked=checked)
            except BaseException:
                with suppress(BaseException):
                    summary.exports, _ = exporting.result()
                raise
            for handed_over in _handoff_files(work):
                handed_over.unlink(missing_ok=True)
            done("validate")
            summary.exports, publish = exporting.result()
            done("export")
            _fail_if_injected("swap")
            con = duckdb.connect(str(work))
            con.execute("checkpoint")
            con.close()
            if Path(f"{db_path}.wal").exists():
                raise NightlyFailed("swap", f"{db_path} was written to while the nightly ran; not replacing it")
            # the warehouse first (a new file in one rename), then the exports (one symlink rename)
            _swap_in(work, db_path)
            publish()
            done("swap")
        except BaseException:
            dbt.cancel()
            parsers.close()
            if preparing is not None:
                # not cut off half-way through writing the GX project's files
                with suppress(BaseException):
                    preparing.result()
            _discard(work)
            if summary.exports is not None and summary.steps[-1][0] != "swap":
                shutil.rmtree(summary.exports.snapshot, ignore_errors=True)
            raise
    summary.seconds = time.monotonic() - started
    return summary
