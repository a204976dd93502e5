"""DuckDB against Spark (local mode) on the same documents: the figures docs/SCALE.md is sized from.

    .venv/bin/python -m bench.engines [--sizes 100,1000] [--corpus ../shared/corpus] [--out bench/out]

1. The real corpus (every PDF, workbook and text rendering under --corpus, the broken files
   excepted): pages and printed rows per document, and ingest pages/s at 1 and 2 cores on both
   engines (`budgetwh ingest --jobs N` and `budgetwh ingest --engine spark --jobs N`).
2. For each size (department-years; a budget and final accounts each) a generated text corpus,
   ingested and built on both engines: `budgetwh ingest` + `budgetwh build --skip-validation`
   against `budgetwh ingest --engine spark` + `budgetwh build --target spark --skip-validation
   --skip-export`; the seconds dbt itself took (as the CLI reports it), wall seconds and peak
   memory of each command, and the size of the warehouse on disk.
Every step is a real CLI run in its own process; results are printed and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
YEARS = (2016, 2024)
INGESTED = re.compile(r"ingest: (\d+) landed.*?([\d,]+) rows from ([\d,]+) pages in ([\d.]+)s")
BUILT = re.compile(r"dbt build(?: \(spark\))?: ok in ([\d.]+)s")


def run(*args: str) -> tuple[str, float, int]:
    """A budgetwh command under /usr/bin/time: (stdout, wall seconds, peak resident MB of the tree's
    largest process — for Spark, the JVM)."""
    started = time.monotonic()
    process = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "budgetwh.cli", *args],
        cwd=REPO, capture_output=True, text=True,
    )
    seconds = time.monotonic() - started
    if process.returncode not in (0, 1):
        raise RuntimeError(f"budgetwh {' '.join(args)} failed:\n{process.stdout}\n{process.stderr[-3000:]}")
    peak_kb = int(process.stderr.strip().splitlines()[-1])
    return process.stdout, seconds, peak_kb // 1024


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def ingest_figures(stdout: str) -> dict:
    match = INGESTED.search(stdout.replace("\n", " "))
    landed, rows, pages, seconds = match.groups()
    return {"landed": int(landed), "rows": int(rows.replace(",", "")), "pages": int(pages.replace(",", "")),
            "ingest_s": float(seconds)}


def real_corpus(corpus: Path, work: Path) -> dict:
    folders = [p for p in sorted(corpus.iterdir()) if p.is_dir() and p.name != "bad"]
    result: dict = {"folders": [p.name for p in folders]}
    for jobs in (1, 2):
        db = work / f"real-{jobs}.duckdb"
        stdout, wall, peak = run("ingest", *map(str, folders), "--db", str(db), "--jobs", str(jobs))
        result[f"duckdb_jobs{jobs}"] = {**ingest_figures(stdout), "wall_s": wall, "peak_mb": peak}
        warehouse = work / f"real-spark-{jobs}"
        stdout, wall, peak = run("ingest", "--engine", "spark", *map(str, folders),
                                 "--spark-warehouse", str(warehouse), "--jobs", str(jobs))
        result[f"spark_jobs{jobs}"] = {**ingest_figures(stdout), "wall_s": wall, "peak_mb": peak}
    con = duckdb.connect(str(work / "real-1.duckdb"), read_only=True)
    result["per_format"] = [
        dict(zip(("format", "documents", "pages", "rows", "pages_per_document", "rows_per_page", "rows_per_document"), r, strict=True))
        for r in con.execute("""
            select source_format, count(*), sum(page_count), sum(row_count),
                round(avg(page_count), 1), round(sum(row_count) / sum(page_count), 1), round(avg(row_count), 1)
            from raw.documents group by all order by 1
        """).fetchall()
    ]
    con.close()
    return result


def generated(size: int, work: Path) -> dict:
    departments = math.ceil(size / (YEARS[1] - YEARS[0] + 1))
    corpus = work / f"corpus-{size}"
    run("synth", "--departments", str(departments), "--years", f"{YEARS[0]}-{YEARS[1]}", "--out", str(corpus),
        "--formats", "txt", "--seed", "7", "--jobs", "2")
    figures: dict = {"department_years": departments * (YEARS[1] - YEARS[0] + 1)}

    db = work / f"w-{size}.duckdb"
    stdout, wall, peak = run("ingest", str(corpus), "--db", str(db), "--jobs", "2")
    figures["duckdb_ingest"] = {**ingest_figures(stdout), "wall_s": wall, "peak_mb": peak}
    stdout, wall, peak = run("build", "--db", str(db), "--skip-validation")
    figures["duckdb_build"] = {"dbt_s": float(BUILT.search(stdout).group(1)), "wall_s": wall, "peak_mb": peak}
    figures["duckdb_file_mb"] = db.stat().st_size / 2**20

    warehouse = work / f"spark-{size}"
    stdout, wall, peak = run("ingest", "--engine", "spark", str(corpus), "--spark-warehouse", str(warehouse), "--jobs", "2")
    figures["spark_ingest"] = {**ingest_figures(stdout), "wall_s": wall, "peak_mb": peak}
    stdout, wall, peak = run("build", "--target", "spark", "--spark-warehouse", str(warehouse),
                             "--skip-validation", "--skip-export")
    figures["spark_build"] = {"dbt_s": float(BUILT.search(stdout).group(1)), "wall_s": wall, "peak_mb": peak}
    figures["spark_tables_mb"] = folder_mb(warehouse / "tables")
    figures["spark_raw_mb"] = folder_mb(warehouse / "tables" / "raw.db")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--out", default=str(REPO / "bench" / "out"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"cores": len(__import__("os").sched_getaffinity(0))}
    work = Path(tempfile.mkdtemp(prefix="budgetwh-engines-"))
    try:
        if Path(args.corpus).exists():
            results["real_corpus"] = real_corpus(Path(args.corpus), work)
            print(json.dumps(results["real_corpus"], indent=2, ensure_ascii=False), flush=True)
        for size in (int(s) for s in args.sizes.split(",")):
            results[f"generated_{size}"] = generated(size, work)
            print(json.dumps({size: results[f"generated_{size}"]}, indent=2), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (out / "engines.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"-> {out / 'engines.json'}")


if __name__ == "__main__":
    main()
