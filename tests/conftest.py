"""Shared fixtures: the real corpus beside the clone, and warehouses built from it once."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ingest.parse import ParseOptions
from ingest.runner import run_batch

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BUDGETWH_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED_TEXT = REPO / "samples" / "000_0b9bbb1dcd80bfa1.txt"
AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")


def amounts(cells) -> Counter:
    return Counter(c.strip() for c in cells if c and AMOUNT.match(c.strip()))


def pytest_collection_modifyitems(config, items):
    if not CORPUS.exists():
        skip = pytest.mark.skip(reason=f"the shared corpus is not at {CORPUS}")
        for item in items:
            if "corpus" in item.fixturenames:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory, corpus) -> tuple[Path, object]:
    """The whole shared corpus ingested once (two parser processes)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    summary = run_batch([corpus], db, jobs=2, options=ParseOptions())
    return db, summary


@pytest.fixture()
def read_db():
    connections = []

    def open_(path: Path):
        con = duckdb.connect(str(path), read_only=True)
        connections.append(con)
        return con

    yield open_
    for con in connections:
        con.close()


@pytest.fixture(scope="session")
def corpus_built(tmp_path_factory, corpus_warehouse) -> Path:
    """The whole corpus ingested and built by a real `dbt build` (models and their tests)."""
    import shutil

    from budgetwh.build import dbt_build

    source, _ = corpus_warehouse
    db = tmp_path_factory.mktemp("corpus_built") / "built.duckdb"
    shutil.copy(source, db)
    result = dbt_build(db)
    assert result.ok, "\n".join(result.failures()[:30])
    return db
