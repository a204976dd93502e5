"""Idempotence, concurrency, a killed batch, and every kind of bad input."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.runner import run_batch
from tests.conftest import REPO, SEED_TEXT

BUDGETWH = [sys.executable, "-m", "budgetwh.cli"]


def cli(args: list[str], env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        BUDGETWH + args, capture_output=True, text=True, cwd=REPO, env={**os.environ, **(env or {})}, **kwargs
    )


def raw_fingerprint(db: Path) -> tuple:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return (
            con.execute("select document_id, source_name, row_count from raw.documents order by 1").fetchall(),
            con.execute("select count(*), count(distinct (document_id, table_seq, row_no)) from raw.table_rows").fetchone(),
            con.execute("select source_name, error_kind from raw.ingest_errors order by 1").fetchall(),
        )


@pytest.fixture()
def small_folder(tmp_path, corpus) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder)
    for name in ["yuxi_zuzhibu_2020_final.unruled-render.pdf", "yuxi_zuzhibu_2020_final.tables.xlsx"]:
        shutil.copy(corpus / "yunnan" / name, folder)
    shutil.copy(corpus / "shanghai" / "sh_putuo_zhengfuban_2025_dept_budget.pdf", folder)
    shutil.copy(corpus / "bad" / "encrypted_userpw_aes256.pdf", folder)
    return folder


def test_ingesting_the_same_files_again_changes_nothing_and_says_already_landed(small_folder, tmp_path):
    db = tmp_path / "w.duckdb"
    first = cli(["ingest", str(small_folder), "--db", str(db)])
    before = raw_fingerprint(db)
    second = cli(["ingest", str(small_folder), "--db", str(db)])
    assert first.returncode == 1 and second.returncode == 1  # the encrypted file is still rejected
    assert raw_fingerprint(db) == before
    assert len(before[0]) == 4
    assert second.stdout.count("already landed") == 4
    assert "4 already there" in second.stdout


def test_two_concurrent_ingests_land_each_document_once(small_folder, tmp_path):
    db = tmp_path / "w.duckdb"
    procs = [
        subprocess.Popen(BUDGETWH + ["ingest", str(small_folder), "--db", str(db)], cwd=REPO,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], outputs
    documents, (rows, distinct_rows), errors = raw_fingerprint(db)
    assert len(documents) == 4 and len({d[0] for d in documents}) == 4
    assert rows == distinct_rows
    assert errors == [("encrypted_userpw_aes256.pdf", "encrypted_pdf")]


def test_a_batch_killed_midway_leaves_whole_documents_and_a_rerun_lands_the_rest(tmp_path, corpus):
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "inbox"
    shutil.copytree(corpus / "shanghai", folder)
    for name in ["yuxi_zuzhibu_2020_final.spreadsheet-render.pdf", "yuxi_zuzhibu_2020_final.unruled-render.pdf"]:
        shutil.copy(corpus / "yunnan" / name, folder)
    proc = subprocess.Popen(BUDGETWH + ["ingest", str(folder), "--db", str(db)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 50_000):
        time.sleep(0.05)  # the first document has committed once the log holds its rows
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    import duckdb

    with duckdb.connect(str(db)) as con:
        landed = con.execute("select count(*) from raw.documents").fetchone()[0]
        torn = con.execute(
            """
            select d.source_name from raw.documents d
            left join (select document_id, count(*) as n from raw.table_rows group by 1) r using (document_id)
            where coalesce(r.n, 0) <> d.row_count
            """
        ).fetchall()
        orphans = con.execute(
            "select count(*) from raw.table_rows where document_id not in (select document_id from raw.documents)"
        ).fetchone()[0]
    assert 1 <= landed < 7, "the kill came in the middle of the batch"
    assert torn == [] and orphans == 0
    rerun = cli(["ingest", str(folder), "--db", str(db)])
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{7 - landed} landed, {landed} already there, 0 rejected" in rerun.stdout


def _letter_pdf(path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 760, "关于召开春季运动会的通知")
    page.drawString(72, 740, "各单位：定于四月十日上午在体育场举行运动会，请准时参加。")
    page.save()


def test_bad_inputs_are_rejected_with_a_reason_and_the_rest_of_the_batch_lands(tmp_path, corpus):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder)
    for bad in (corpus / "bad").iterdir():
        shutil.copy(bad, folder)
    _letter_pdf(folder / "notice.pdf")
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "score"])
    workbook.active.append(["alice", 3])
    workbook.save(folder / "scores.xlsx")
    (folder / "broken.xlsx").write_bytes(b"this is not a workbook")
    (folder / "notes.txt").write_text("shopping list\teggs\tmilk\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    db = tmp_path / "w.duckdb"
    result = cli(["ingest", str(folder), "--db", str(db), "--jobs", "2"])
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    documents, _, errors = raw_fingerprint(db)
    assert [d[1] for d in documents] == [SEED_TEXT.name]
    kinds = dict(errors)
    assert kinds["notice.pdf"] == "not_a_disclosure"
    assert kinds["scores.xlsx"] == "not_a_disclosure"
    assert kinds["broken.xlsx"] == "not_an_xlsx"
    assert kinds["notes.txt"] == "not_a_disclosure"
    assert "photo.jpg" not in kinds and "skipped 1 file" in result.stdout
    for name in kinds:
        assert re.search(rf"rejected \(\w+\): {re.escape(name)}: ", result.stdout), name


def test_damaged_cross_reference_table_lands_with_a_warning(tmp_path, corpus):
    data = (corpus / "yunnan" / "yuxi_zuzhibu_2020_final.spreadsheet-render.pdf").read_bytes()
    start = data.rfind(b"\nxref\n") + 1
    damaged = data[:start] + b"xref\n0 3\ngarbage garbage\n" + data[start + 300:]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    db = tmp_path / "w.duckdb"
    result = cli(["ingest", str(path), "--db", str(db)])
    assert result.returncode == 0, result.stdout
    assert "damaged cross-reference table" in result.stdout
    documents, (rows, _), _ = raw_fingerprint(db)
    assert len(documents) == 1 and rows == documents[0][2] > 200


def test_page_limit_time_limit_and_a_dying_worker_reject_only_their_document(tmp_path, corpus):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder)
    shutil.copy(corpus / "shanghai" / "sh_putuo_caizhengju_2024_final.pdf", folder / "long.pdf")
    shutil.copy(corpus / "yunnan" / "yuxi_zuzhibu_2020_final.unruled-render.pdf", folder / "dies.pdf")
    shutil.copy(corpus / "yunnan" / "yuxi_zuzhibu_2020_final.tables.xlsx", folder)
    db = tmp_path / "w.duckdb"
    result = cli(["ingest", str(folder), "--db", str(db), "--max-pages", "20"],
                 env={"BUDGETWH_TEST_WORKER_DIES_ON": "dies.pdf"})
    assert result.returncode == 1
    _, _, errors = raw_fingerprint(db)
    assert dict(errors) == {"long.pdf": "too_many_pages", "dies.pdf": "worker_died"}
    assert "25 pages is over the limit of 20" in result.stdout
    slow = tmp_path / "slow"
    slow.mkdir()
    _many_pages(corpus / "shanghai" / "sh_putuo_caizhengju_2024_final.pdf", slow / "slow.pdf", copies=8)
    result = cli(["ingest", str(slow), str(SEED_TEXT), "--db", str(tmp_path / "t.duckdb"), "--timeout", "3"])
    assert result.returncode == 1
    assert "parsing took longer than 3s (--timeout)" in result.stdout
    documents, _, errors = raw_fingerprint(tmp_path / "t.duckdb")
    assert [d[1] for d in documents] == [SEED_TEXT.name]
    assert errors == [("slow.pdf", "timeout")]


def _many_pages(source: Path, target: Path, copies: int) -> None:
    """A 200-page document: it takes far longer than the seed to parse."""
    import pikepdf

    with pikepdf.open(source) as original, pikepdf.new() as combined:
        for _ in range(copies):
            combined.pages.extend(original.pages)
        combined.save(target)


def test_usage_errors_exit_2(tmp_path):
    assert cli(["ingest"]).returncode == 2
    assert cli(["ingest", str(tmp_path / "missing")]).returncode == 2
    assert cli(["ingest", str(SEED_TEXT), "--jobs", "0"]).returncode == 2


def test_overrides_win_over_what_the_document_prints(tmp_path, read_db):
    db = tmp_path / "w.duckdb"
    from ingest.parse import ParseOptions

    run_batch([SEED_TEXT], db, options=ParseOptions(year=2021, department="玉溪市委组织部"))
    con = read_db(db)
    assert con.execute("select department_raw, fiscal_year from raw.documents").fetchone() == ("玉溪市委组织部", 2021)
