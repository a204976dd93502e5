"""Ingest speed against its floor: pdfplumber's bare extract_tables() on the same pages.

    .venv/bin/python -m bench.ingest [--corpus ../shared/corpus] [--long-copies 3]

Prints pages/s for the bare extraction, for `budgetwh ingest --jobs 1` and `--jobs 2` (real DuckDB
file, every row landed), on the real PDF corpus and on one long PDF (the Shanghai accounts repeated).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pdfplumber
import pikepdf

from ingest.runner import run_batch

REPO = Path(__file__).resolve().parent.parent


def real_pdfs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.pdf") if "bad" not in p.parts)


def long_pdf(corpus: Path, target: Path, copies: int) -> Path:
    source = corpus / "shanghai" / "sh_putuo_caizhengju_2024_final.pdf"
    with pikepdf.open(source) as original, pikepdf.new() as combined:
        for _ in range(copies):
            combined.pages.extend(original.pages)
        combined.save(target)
    return target


def bare_extract(files: list[Path]) -> tuple[int, float]:
    pages = 0
    started = time.perf_counter()
    for file in files:
        with pdfplumber.open(file) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.flush_cache()
                pages += 1
    return pages, time.perf_counter() - started


def ingest(files: list[Path], jobs: int, workdir: Path) -> tuple[int, float]:
    folder = workdir / f"inbox-{jobs}"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    db = workdir / f"bench-{jobs}.duckdb"
    started = time.perf_counter()
    summary = run_batch([folder], db, jobs=jobs)
    return summary.pages, time.perf_counter() - started


def measure(label: str, files: list[Path]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages, bare_seconds = bare_extract(files)
        _, one_seconds = ingest(files, 1, work)
        _, two_seconds = ingest(files, 2, work)
    row = {
        "corpus": label,
        "files": len(files),
        "pages": pages,
        "bare_pages_per_s": pages / bare_seconds,
        "jobs1_pages_per_s": pages / one_seconds,
        "jobs2_pages_per_s": pages / two_seconds,
        "ingest_over_bare": one_seconds / bare_seconds,
        "jobs2_speedup": one_seconds / two_seconds,
    }
    return row


def print_rows(rows: list[dict]) -> None:
    header = f"{'corpus':<28}{'files':>6}{'pages':>7}{'bare p/s':>10}{'jobs1 p/s':>11}{'jobs2 p/s':>11}{'ingest/bare':>13}{'jobs2 speedup':>15}"
    print(header)
    for r in rows:
        print(
            f"{r['corpus']:<28}{r['files']:>6}{r['pages']:>7}{r['bare_pages_per_s']:>10.1f}{r['jobs1_pages_per_s']:>11.1f}"
            f"{r['jobs2_pages_per_s']:>11.1f}{r['ingest_over_bare']:>12.2f}x{r['jobs2_speedup']:>14.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--long-copies", type=int, default=3, help="copies of the 25-page Shanghai accounts in the long PDF")
    args = parser.parse_args()
    rows = [measure("real corpus (3 provinces)", real_pdfs(args.corpus))]
    with tempfile.TemporaryDirectory() as tmp:
        long_file = long_pdf(args.corpus, Path(tmp) / "long.pdf", args.long_copies)
        rows.append(measure(f"one {args.long_copies * 25}-page PDF", [long_file]))
    print_rows(rows)


if __name__ == "__main__":
    main()
