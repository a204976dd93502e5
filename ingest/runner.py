"""A batch: find the files, skip what has landed, parse in worker processes, land.

Parsing runs in `jobs` worker processes; the one writer is this process. A document
that runs past its time limit, or whose worker dies, is rejected on its own: the worker
is replaced and the batch goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from ingest.land import RawWriter, connect
from ingest.model import ParsedDocument, RejectedDocument
from ingest.parse import FORMATS, ParseOptions, parse_file, sha256_of


@dataclass
class Rejection:
    source_name: str
    source_path: str
    sha256: str | None
    error_kind: str
    message: str


@dataclass
class BatchSummary:
    landed: list[str] = field(default_factory=list)
    already_landed: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders that are not PDF/TXT/XLSX
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    pages: int = 0
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files named on the command line are all tried; in folders, only PDF/TXT/XLSX."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
                if candidate.name.startswith("."):
                    continue
                if candidate.suffix.lower() in FORMATS:
                    files.append(candidate)
                else:
                    skipped.append(str(candidate))
        else:
            files.append(path)
    return files, skipped


def _worker(conn: Connection, options: ParseOptions) -> None:
    # Tests make a worker die on a named file, as the OOM killer would.
    die_on = os.environ.get("BUDGETWH_TEST_WORKER_DIES_ON")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        path = Path(task)
        if die_on and path.name == die_on:
            os._exit(137)
        try:
            conn.send(("ok", task, parse_file(path, options)))
        except RejectedDocument as rejected:
            conn.send(("rejected", task, rejected.error_kind, rejected.message))
        except MemoryError:
            conn.send(("rejected", task, "out_of_memory", f"{path.name}: parsing ran out of memory"))
        except Exception as error:  # noqa: BLE001 - one document's parser bug must not end the batch
            conn.send(
                ("rejected", task, "parser_error", f"{path.name}: the parser failed ({type(error).__name__}: {error})")
            )


@dataclass
class _Slot:
    process: mp.Process
    conn: Connection
    task: str | None = None
    started: float = 0.0


class ParserPool:
    """The worker processes a batch parses in. `run_batch` starts its own; a caller that knows a
    batch is coming (the nightly, while it copies the warehouse) can start one early and hand it over."""

    def __init__(self, jobs: int, options: ParseOptions):
        # A fork server keeps workers free of the writer's DuckDB threads.
        self.context = mp.get_context("forkserver")
        self.context.set_forkserver_preload(["ingest.parse"])
        self.options = options
        self.slots = [self._spawn() for _ in range(max(1, jobs))]

    def _spawn(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.options), daemon=True)
        process.start()
        child.close()
        return _Slot(process=process, conn=parent)

    def replace(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()
        fresh = self._spawn()
        slot.process, slot.conn, slot.task = fresh.process, fresh.conn, None

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in self.slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()


def parse_in_workers(files: list[Path], jobs: int, options: ParseOptions, timeout: float, pool: ParserPool | None = None):
    """Yield ('ok', path, ParsedDocument) or ('rejected', path, kind, message) per file; the pool,
    given or started here, is closed at the end."""
    queue = deque(str(f) for f in files)
    pool = pool or ParserPool(min(jobs, max(1, len(files))), options)
    try:
        while queue or any(s.task for s in pool.slots):
            for slot in pool.slots:
                if slot.task is None and queue:
                    slot.task, slot.started = queue.popleft(), time.monotonic()
                    slot.conn.send(slot.task)
            busy = [s for s in pool.slots if s.task]
            ready = wait([s.conn for s in busy], timeout=0.2)
            for slot in busy:
                if slot.conn in ready:
                    try:
                        message = slot.conn.recv()
                    except (EOFError, OSError):
                        name = Path(slot.task).name
                        yield ("rejected", slot.task, "worker_died",
                               f"{name}: the parser process died while reading it (exit code {slot.process.exitcode})")
                        pool.replace(slot)
                        continue
                    slot.task = None
                    yield message
                elif time.monotonic() - slot.started > timeout:
                    name = Path(slot.task).name
                    yield ("rejected", slot.task, "timeout",
                           f"{name}: parsing took longer than {timeout:g}s (--timeout); skipped")
                    pool.replace(slot)
                elif not slot.process.is_alive():
                    name = Path(slot.task).name
                    yield ("rejected", slot.task, "worker_died",
                           f"{name}: the parser process died while reading it (exit code {slot.process.exitcode})")
                    pool.replace(slot)
    finally:
        pool.close()


def run_batch(
    paths: list[Path],
    db_path: Path,
    jobs: int = 1,
    options: ParseOptions | None = None,
    timeout: float = 300.0,
    lock_timeout: float = 600.0,
    progress=None,
    on_wait=None,
    parsers: ParserPool | None = None,
) -> BatchSummary:
    """Land every new file of `paths` in `db_path`. `parsers`, if given, is a ParserPool started
    beforehand (with the same options); the batch closes it."""
    options = options or ParseOptions()
    started = time.monotonic()
    summary = BatchSummary()
    files, summary.skipped = discover(paths)

    try:
        con = connect(db_path, lock_timeout=lock_timeout, on_wait=on_wait)
    except BaseException:
        if parsers:
            parsers.close()
        raise
    try:
        writer = RawWriter(con)
        landed = writer.landed_ids()
        to_parse: list[Path] = []
        digests: dict[str, str | None] = {}
        seen_in_batch: set[str] = set()
        for path in files:
            try:
                digest = sha256_of(path.read_bytes())
            except OSError as error:
                rejection = Rejection(path.name, str(path), None, "unreadable_file",
                                      f"{path.name}: cannot be read ({error.strerror})")
                summary.rejected.append(rejection)
                writer.reject(rejection.source_name, rejection.source_path, None, rejection.error_kind, rejection.message)
                continue
            digests[str(path)] = digest
            if digest in landed or digest in seen_in_batch:
                summary.already_landed.append(str(path))
                continue
            seen_in_batch.add(digest)
            to_parse.append(path)

        task = progress.add_task("parsing", total=len(to_parse)) if progress else None
        for message in parse_in_workers(to_parse, jobs, options, timeout, pool=parsers):
            status, path = message[0], message[1]
            name = Path(path).name
            if status == "ok":
                document: ParsedDocument = message[2]
                if writer.land(document):
                    summary.landed.append(path)
                    summary.rows += document.row_count
                    summary.pages += document.page_count
                    summary.warnings.extend(document.warnings)
                else:
                    summary.already_landed.append(path)
            else:
                rejection = Rejection(name, path, digests.get(path), message[2], message[3])
                summary.rejected.append(rejection)
                writer.reject(rejection.source_name, rejection.source_path, rejection.sha256,
                              rejection.error_kind, rejection.message)
            if progress:
                progress.advance(task)
    finally:
        con.close()
        if parsers and any(slot.process.is_alive() for slot in parsers.slots):
            parsers.close()
    summary.seconds = time.monotonic() - started
    return summary
