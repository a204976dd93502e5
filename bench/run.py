"""`make bench`: how fast every stage is, and how its cost grows with the corpus.

    .venv/bin/python -m bench.run [--sizes 100,1000,10000] [--pdf-sample 40] [--out bench/out]

For each size (department-years; each has a budget and final accounts, so twice as many documents)
it generates a text-rendering corpus and measures: ingest (documents/s), `dbt build` (full), the
great-expectations validation, the parquet export, a nightly adding one new document on top, peak
memory of each stage, and five analyst queries on the marts. PDF ingest (pages/s at --jobs 1 and 2)
is measured on a PDF sample of the same generator. Floors measured in the same run: pdfplumber's
bare extract_tables() on the sample's pages, `dbt build` of an empty project, and DuckDB running the
compiled SQL of every model directly. Results are printed and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.ingest import bare_extract
from budgetwh.build import dbt_target_dir

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
YEARS = (2016, 2024)
INGEST_SECONDS = re.compile(r"rows from [\d,]+ pages in ([\d.]+)s")

QUERIES = {
    "yoy_top10": """
        select d.department_name, y.subject_code, y.subject_name, y.change_yuan, y.change_pct
        from marts.mart_expenditure_yoy y join marts.dim_department d using (department_key)
        where y.fiscal_year = 2024 and y.report_kind = 'final_accounts' and y.subject_level = '款'
        order by abs(y.change_yuan) desc nulls last limit 10
    """,
    "department_comparison": """
        select department_key, total_yuan, share_of_department_total, rank_among_departments, region_total_yuan
        from marts.mart_department_comparison
        where fiscal_year = 2023 and report_kind = 'final_accounts' and subject_code = '201'
        order by rank_among_departments limit 20
    """,
    "quality_report": """
        select department_name, fiscal_year, report_kind, identities_checked, identities_failed, failed_identities
        from marts.mart_disclosure_quality
        where identities_failed > 0 order by errors desc, warnings desc limit 20
    """,
    "lineage_lookup": """
        select f.total_yuan, d.source_name, r.table_title, r.page_no, r.row_no, r.cells
        from marts.fct_expenditure f
        join raw.documents d using (document_id)
        join raw.table_rows r
          on r.document_id = f.document_id and r.table_kind = f.table_kind and r.page_no = f.page_no and r.row_no = f.row_no
        where f.department_key = (select min(department_key) from marts.dim_department) and f.fiscal_year = 2022
          and f.subject_code = '201'
    """,
    "budget_execution_ranking": """
        select department_key, subject_code, budget_yuan, final_yuan, execution_rate
        from marts.mart_budget_execution
        where fiscal_year = 2024 and line_kind = 'function_subject' and length(subject_code) = 3 and budget_yuan > 0
        order by execution_rate asc limit 20
    """,
}


def timed(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds and peak resident memory (MB) of one command, with its output."""
    started = time.perf_counter()
    process = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], cwd=REPO, env={**os.environ, **(env or {})},
        capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{process.stdout}\n{process.stderr}")
    peak_kb = int(process.stderr.strip().splitlines()[-1]) if process.stderr.strip() else 0
    return seconds, peak_kb // 1024, process.stdout


def budgetwh(*args: str) -> list[str]:
    return [str(BIN / "budgetwh"), *args]


def generate(out: Path, departments: int, formats: str, seed: int, years=YEARS) -> float:
    seconds, _, _ = timed(budgetwh(
        "synth", "--departments", str(departments), "--years", f"{years[0]}-{years[1]}", "--out", str(out),
        "--formats", formats, "--seed", str(seed), "--jobs", "2",
    ))
    return seconds


def dbt_floor(work: Path) -> float:
    """`dbt build` of a project with nothing in it: dbt's own start-up and parse."""
    project = work / "empty_project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text("name: empty\nversion: '1.0'\nconfig-version: 2\nprofile: empty\n")
    (project / "profiles.yml").write_text(
        f"empty:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {work / 'empty.duckdb'}\n"
    )
    seconds, _, _ = timed([str(BIN / "dbt"), "build", "--project-dir", str(project), "--profiles-dir", str(project)])
    return seconds


def direct_sql_floor(db: Path, target: Path) -> float:
    """DuckDB running every model's compiled SQL directly, in the order dbt ran them."""
    results = json.loads((target / "run_results.json").read_text())
    manifest = json.loads((target / "manifest.json").read_text())
    order = [r["unique_id"] for r in results["results"] if r["unique_id"].startswith("model.")]
    # same file name in another folder: the compiled SQL names the database by its file name
    (db.parent / "direct").mkdir(exist_ok=True)
    work = db.parent / "direct" / db.name
    shutil.copy(db, work)
    con = duckdb.connect(str(work))
    started = time.perf_counter()
    for unique_id in order:
        node = manifest["nodes"][unique_id]
        compiled = (target / "compiled" / "budgetwh" / node["original_file_path"]).read_text()
        con.execute(f'create or replace table "{node["schema"]}"."{node["alias"]}" as {compiled}')
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def analyst_queries(db: Path) -> dict[str, float]:
    con = duckdb.connect(str(db), read_only=True)
    timings = {}
    for name, sql in QUERIES.items():
        best = math.inf
        for _ in range(3):
            started = time.perf_counter()
            con.execute(sql).fetchall()
            best = min(best, time.perf_counter() - started)
        timings[name] = best * 1000
    con.close()
    return timings


def pdf_rates(work: Path, departments: int) -> dict:
    corpus = work / "pdf_sample"
    generate(corpus, departments, "pdf", seed=17, years=(2023, 2024))
    files = sorted((corpus / "pdf").glob("*.pdf"))
    pages, bare = bare_extract(files)
    rates = {"pdf_files": len(files), "pdf_pages": pages, "bare_pages_per_s": pages / bare}
    for jobs in (1, 2):
        wall, peak, output = timed(budgetwh("ingest", str(corpus / "pdf"), "--db", str(work / f"pdf{jobs}.duckdb"), "--jobs", str(jobs)))
        # the batch's own seconds (worker pool, parse, land) as the CLI reports them, which is what the
        # bare floor measures too; the wall time adds the interpreter's start and imports (~1.5 s)
        batch = float(INGEST_SECONDS.search(output.replace("\n", " ")).group(1))
        rates[f"jobs{jobs}_pages_per_s"] = pages / batch
        rates[f"jobs{jobs}_wall_pages_per_s"] = pages / wall
        rates[f"jobs{jobs}_peak_mb"] = peak
    rates["ingest_over_bare"] = (pages / rates["jobs1_pages_per_s"]) / bare
    rates["jobs2_speedup"] = rates["jobs2_pages_per_s"] / rates["jobs1_pages_per_s"]
    rates["jobs2_wall_speedup"] = rates["jobs2_wall_pages_per_s"] / rates["jobs1_wall_pages_per_s"]
    return rates


def run_size(size: int, work: Path, pdf_sample: int, floors: dict) -> dict:
    departments = math.ceil(size / (YEARS[1] - YEARS[0] + 1))
    corpus = work / "corpus"
    db = work / "w.duckdb"
    result: dict = {"department_years": departments * (YEARS[1] - YEARS[0] + 1), "departments": departments}
    result["generate_s"] = generate(corpus, departments, "txt", seed=size)
    documents = len(list((corpus / "txt").glob("*.txt")))
    result["documents"] = documents
    seconds, peak, _ = timed(budgetwh("ingest", str(corpus / "txt"), "--db", str(db), "--jobs", "2"))
    result.update(ingest_s=seconds, ingest_docs_per_s=documents / seconds, ingest_peak_mb=peak)
    seconds, peak, _ = timed(budgetwh("build", "--db", str(db), "--skip-validation"))
    result.update(build_s=seconds, build_peak_mb=peak)
    seconds, peak, _ = timed(budgetwh("validate", "--db", str(db)))
    result.update(validate_s=seconds, validate_peak_mb=peak)
    seconds, peak, _ = timed(budgetwh("export", "--db", str(db), "--out", str(work / "exports")))
    result.update(export_s=seconds, export_peak_mb=peak)
    result["warehouse_mb"] = db.stat().st_size // (1024 * 1024)
    result["direct_sql_s"] = direct_sql_floor(db, dbt_target_dir(db))
    result["queries_ms"] = analyst_queries(db)
    # nightlies on top, one new department-year each: the first after a full build (dbt parses the
    # project in full for the nightly's own warehouse copy), then the steady state of every night after
    inbox = work / "inbox"
    generate(work / "new", 2, "txt", seed=size + 1, years=(2025, 2025))
    inbox.mkdir()
    for night, file in enumerate(sorted((work / "new" / "txt").glob("*final*.txt"))[:2], start=1):
        shutil.copy(file, inbox / f"new-{file.name}")
        seconds, peak, output = timed(budgetwh("nightly", str(inbox), "--db", str(db), "--out", str(work / "exports")))
        suffix = "" if night == 1 else "_steady"
        result.update({f"nightly{suffix}_s": seconds, f"nightly{suffix}_peak_mb": peak})
        result[f"nightly{suffix}_steps"] = nightly_steps(output)
    result.update(pdf_rates(work, min(pdf_sample, departments)))
    result.update(floors)
    return result


def nightly_steps(output: str) -> dict[str, float]:
    """The seconds of each step, from the CLI's `  build done (15.3s)` lines (cumulative there)."""
    steps, previous = {}, 0.0
    for match in re.finditer(r"^\s*(\w+) done \(([\d.]+)s\)", output, re.MULTILINE):
        steps[match.group(1)] = round(float(match.group(2)) - previous, 1)
        previous = float(match.group(2))
    return steps


def print_table(results: list[dict]) -> None:
    rows = [
        ("department-years", "department_years", "{:,}"), ("documents", "documents", "{:,}"),
        ("generate s", "generate_s", "{:.1f}"),
        ("ingest txt docs/s (jobs 2)", "ingest_docs_per_s", "{:.1f}"),
        ("ingest PDF pages/s jobs 1", "jobs1_pages_per_s", "{:.1f}"), ("ingest PDF pages/s jobs 2", "jobs2_pages_per_s", "{:.1f}"),
        ("  floor: bare extract_tables p/s", "bare_pages_per_s", "{:.1f}"), ("  ingest / bare", "ingest_over_bare", "{:.2f}x"),
        ("  jobs 2 speed-up", "jobs2_speedup", "{:.2f}x"),
        ("  wall pages/s jobs 1 (with start-up)", "jobs1_wall_pages_per_s", "{:.1f}"),
        ("  wall pages/s jobs 2 (with start-up)", "jobs2_wall_pages_per_s", "{:.1f}"),
        ("dbt build s", "build_s", "{:.1f}"), ("  floor: empty dbt project s", "dbt_empty_s", "{:.1f}"),
        ("  floor: DuckDB on compiled SQL s", "direct_sql_s", "{:.1f}"),
        ("validate s", "validate_s", "{:.1f}"), ("export s", "export_s", "{:.1f}"),
        ("build+validate+export s", None, "{:.1f}"),
        ("nightly +1 document s (first)", "nightly_s", "{:.1f}"),
        ("nightly +1 document s (steady)", "nightly_steady_s", "{:.1f}"),
        ("  peak memory MB (nightly)", "nightly_steady_peak_mb", "{:,}"),
        ("peak memory MB (build)", "build_peak_mb", "{:,}"), ("warehouse MB", "warehouse_mb", "{:,}"),
    ]
    print(f"{'':36}" + "".join(f"{r['department_years']:>14,}" for r in results))
    for label, key, fmt in rows:
        values = []
        for r in results:
            value = r["build_s"] + r["validate_s"] + r["export_s"] if key is None else r.get(key)
            values.append(fmt.format(value) if value is not None else "-")
        print(f"{label:36}" + "".join(f"{v:>14}" for v in values))
    for step in ("copy", "ingest", "build", "validate", "export", "swap"):
        print(f"{'  steady nightly: ' + step + ' s':36}"
              + "".join(f"{r.get('nightly_steady_steps', {}).get(step, float('nan')):>14.1f}" for r in results))
    for name in QUERIES:
        print(f"{'query ' + name + ' ms':36}" + "".join(f"{r['queries_ms'][name]:>14.1f}" for r in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="department-years, comma-separated")
    parser.add_argument("--pdf-sample", type=int, default=20, help="departments (× 2 years × 2 kinds) in the PDF sample")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    machine = {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
               "python": platform.python_version(), "duckdb": duckdb.__version__}
    print(f"machine: {machine}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        floors = {"dbt_empty_s": dbt_floor(Path(tmp))}
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            result = run_size(size, Path(tmp), args.pdf_sample, floors)
        result["machine"] = machine
        (args.out / f"results-{size}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
        results.append(result)
        print_table(results)
        print()


if __name__ == "__main__":
    main()
