"""Generate a corpus: plan the documents, build each department's years in a worker, write
the files and gather the manifest.

Work is split by department (its years hang together), so `--jobs` parallelises without
changing a byte: every random choice is seeded from (seed, department, year, report kind),
and the manifest is assembled in department order.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from synth.defects import DEFECT_KINDS, Defect, applicable_kinds, inject
from synth.departments import Department, build_departments
from synth.document import PrintedDocument
from synth.figures import build_figures
from synth.harmless import (
    RepeatedRow,
    apply_repeated_row,
    choose_name_variant,
    choose_repeated_row,
    name_function,
    row_label,
)
from synth.layouts import build_document, narrative_statements, native_code_style
from synth.manifest import GENERATOR, defect_entry, facts, printed_amounts, write_manifest
from synth.model import DepartmentYear, generate_history
from synth.options import FORMATS, LAYOUTS, REPORT_KINDS
from synth.render_pdf import LOOKS, ORIENTATIONS, render_pdf
from synth.render_text import render_text
from synth.render_xlsx import render_xlsx

KIND_SHORT = {"final_accounts": "final", "budget": "budget"}


@dataclass(frozen=True)
class Settings:
    departments: int
    years: tuple[int, ...]
    region: str
    out: Path
    formats: tuple[str, ...] = FORMATS
    kinds: tuple[str, ...] = REPORT_KINDS
    layouts: tuple[str, ...] = LAYOUTS
    defect_rate_ppm: int = 50_000  # parts per million: 0.05 = 50 000
    seed: int = 42
    jobs: int = 1

    def arguments(self) -> dict:
        """What the manifest records: everything that shapes the output (not --out or --jobs)."""
        return {
            "departments": self.departments, "years": list(self.years), "region": self.region,
            "formats": list(self.formats), "kinds": list(self.kinds), "layouts": list(self.layouts),
            "defect_rate": self.defect_rate_ppm / 1_000_000, "seed": self.seed,
        }


@dataclass
class DepartmentTask:
    settings: Settings
    department: Department
    defects: dict[tuple[int, str], str]  # (year, report kind) -> defect kind


@dataclass
class DepartmentResult:
    index: int
    documents: list[dict] = field(default_factory=list)
    printed_amounts: dict[str, list] = field(default_factory=dict)
    narrative: dict[str, list] = field(default_factory=dict)
    facts: dict[str, dict] = field(default_factory=dict)
    defects: list[dict] = field(default_factory=list)
    harmless: list[dict] = field(default_factory=list)
    aliases_used: set[str] = field(default_factory=set)
    pages: int = 0


def plan_defects(settings: Settings, departments: list[Department]) -> dict[str, dict[tuple[int, str], str]]:
    """Which documents get a defect and of what kind. Kinds go round-robin per (layout, report
    kind) over the kinds that apply there, so a small corpus with a high rate has them all."""
    rng = random.Random(f"defects:{settings.seed}")
    turn: Counter[tuple[str, str]] = Counter()
    plan: dict[str, dict[tuple[int, str], str]] = {}
    for department in departments:
        mine: dict[tuple[int, str], str] = {}
        for year in settings.years:
            for kind in settings.kinds:
                if rng.randrange(1_000_000) >= settings.defect_rate_ppm:
                    continue
                options = applicable_kinds(department.layout, kind)
                slot = (department.layout, kind)
                mine[(year, kind)] = options[turn[slot] % len(options)]
                turn[slot] += 1
        plan[department.id] = mine
    return plan


def document_id(department: Department, year: int, report_kind: str) -> str:
    return f"{department.id}-{year}-{KIND_SHORT[report_kind]}"


def build_department(task: DepartmentTask) -> DepartmentResult:
    settings, department = task.settings, task.department
    history = generate_history(department, list(settings.years), settings.seed)
    result = DepartmentResult(index=department.index)
    for truth in history:
        for report_kind in settings.kinds:
            _build_one(settings, department, truth, report_kind, task.defects.get((truth.year, report_kind)), result)
    return result


def _build_one(settings: Settings, department: Department, truth: DepartmentYear, report_kind: str,
               defect_kind: str | None, result: DepartmentResult) -> None:
    seed = settings.seed
    year = truth.year
    doc_id = document_id(department, year, report_kind)
    rng = random.Random(f"document:{seed}:{doc_id}")
    true_figures = build_figures(truth, report_kind)
    printed = true_figures.copy()
    defect: Defect | None = None
    if defect_kind is not None:
        statements = narrative_statements(truth, printed, report_kind)
        defect = inject(defect_kind, printed, department.layout, statements, rng)

    # harmless mess, decided once for every format of the document
    native = native_code_style(department.layout)
    probe, _ = build_document(truth, printed, report_kind, native, name_function(department, None))
    named_tables = sum(1 for t in probe.tables() if t.department is not None)
    variant = choose_name_variant(department, named_tables, rng) if rng.randint(0, 99) < 35 else None
    repeat = choose_repeated_row(probe, rng) if rng.randint(0, 99) < 35 else None
    other_style = "split" if native == "single" else "single"
    styled = native if rng.randint(0, 99) < 65 else other_style
    look = rng.choice(LOOKS)
    orientation = rng.choice(ORIENTATIONS)

    def build(style: str) -> tuple[PrintedDocument, list]:
        document, statements = build_document(truth, printed, report_kind, style, name_function(department, variant))
        if repeat is not None:
            apply_repeated_row(document, repeat)
        return document, statements

    document, statements = build(native)
    alternate = build(styled)[0] if styled != native else document

    files: dict[str, str] = {}
    for fmt in settings.formats:
        relative = f"{fmt}/{doc_id}.{fmt}"
        target = settings.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "file": relative, "format": fmt, "document_id": doc_id, "layout": department.layout,
            "department": department.name, "department_printed": document.department_printed,
            "fiscal_year": year, "report_kind": report_kind, "unit": document.unit, "heading": document.heading,
            "code_style": native if fmt == "txt" else styled, "look": None, "orientation": None, "pages": None,
        }
        if fmt == "txt":
            target.write_bytes(render_text(document))
        elif fmt == "xlsx":
            target.write_bytes(render_xlsx(alternate))
        else:
            data, pages = render_pdf(alternate, look, orientation)
            target.write_bytes(data)
            entry.update(look=look, orientation=orientation, pages=pages)
            result.pages += pages
        files[fmt] = relative
        result.documents.append(entry)

    file_list = [files[f] for f in settings.formats]
    defect_ids: list[str] = []
    if defect is not None:
        defect_id = f"defect-{doc_id}"
        result.defects.append(defect_entry(defect_id, defect, document, doc_id, file_list))
        defect_ids.append(defect_id)
    harmless_ids = _harmless(result, document, doc_id, file_list, variant, repeat, truth, report_kind)
    if variant is not None:
        result.aliases_used.add(variant.alias)
    for entry in result.documents[-len(settings.formats):]:
        entry["defects"] = defect_ids
        entry["harmless"] = harmless_ids
    result.printed_amounts[doc_id] = printed_amounts(document)
    result.narrative[doc_id] = [
        {"id": s.id, "states": s.what, "restates": [s.table_kind, s.key, s.column]} for s in statements
    ]
    (result.facts.setdefault(department.name, {}).setdefault(str(year), {})[report_kind]) = facts(
        document, true_figures, printed)


def _harmless(result: DepartmentResult, document: PrintedDocument, doc_id: str, files: list[str], variant, repeat,
              truth: DepartmentYear, report_kind: str) -> list[str]:
    ids: list[str] = []

    def add(kind: str, **detail) -> None:
        harmless_id = f"harmless-{doc_id}-{len(ids) + 1}"
        ids.append(harmless_id)
        result.harmless.append({"id": harmless_id, "kind": kind, "document_id": doc_id, "documents": files,
                                "fails": [], **detail})

    tables = document.tables()
    if variant is not None:
        named = [t for t in tables if t.department is not None]
        add("department_name_variant", canonical=document.department, printed=variant.alias,
            tables=[{"table_kind": named[i].table_kind, "table_code": named[i].code, "title": named[i].title,
                     "occurrence": named[i].occurrence} for i in variant.table_indexes])
    if isinstance(repeat, RepeatedRow):
        table = tables[repeat.table_index]
        add("repeated_row_across_page_break", table_kind=table.table_kind, table_code=table.code, title=table.title,
            occurrence=table.occurrence, row=row_label(table, repeat.break_after),
            note="printed again after the break with the header; a PDF breaks the page there, the text "
                 "rendering and the workbook leave a blank line")
    for table in tables:
        if table.table_kind in ("government_fund", "state_capital"):
            add("empty_table_with_sentence", table_kind=table.table_kind, table_code=table.code, title=table.title,
                sentence=next((n for n in table.notes if "无" in n), ""))
    if report_kind == "final_accounts" and truth.final.surplus_distribution:
        add("non_fiscal_rounding_gap", gap_yuan=f"{truth.final.surplus_distribution:.2f}",
            note="01 prints 结余分配 0.01: 年初 + 收入 − 支出 − 年末 of the non-fiscal money (01 − 04) leaves 0.01, "
                 "within the identity's 0.01 tolerance (an info note)",
            identity_note="non_fiscal_flow_balance")
    return ids


@dataclass
class Summary:
    documents: Counter
    pages: int
    defects: Counter
    harmless: Counter
    seconds: float
    manifest: Path

    @property
    def total_documents(self) -> int:
        return sum(self.documents.values())

    @property
    def rate(self) -> float:
        return self.total_documents / self.seconds if self.seconds else 0.0


def generate(settings: Settings, on_department: Callable[[], None] | None = None) -> Summary:
    started = time.perf_counter()
    settings.out.mkdir(parents=True, exist_ok=True)
    departments = build_departments(settings.departments, settings.region, list(settings.layouts), settings.seed)
    plan = plan_defects(settings, departments)
    tasks = [DepartmentTask(settings, d, plan[d.id]) for d in departments]
    results: list[DepartmentResult] = []
    if settings.jobs <= 1:
        for task in tasks:
            results.append(build_department(task))
            if on_department:
                on_department()
    else:
        with ProcessPoolExecutor(max_workers=settings.jobs) as pool:
            for result in pool.map(build_department, tasks, chunksize=1):
                results.append(result)
                if on_department:
                    on_department()
    results.sort(key=lambda r: r.index)
    manifest = _assemble(settings, departments, results)
    path = write_manifest(settings.out, manifest)
    return Summary(
        documents=Counter(d["format"] for d in manifest["documents"]),
        pages=sum(r.pages for r in results),
        defects=Counter(d["kind"] for d in manifest["defects"]),
        harmless=Counter(h["kind"] for h in manifest["harmless"]),
        seconds=time.perf_counter() - started,
        manifest=path,
    )


def _assemble(settings: Settings, departments: list[Department], results: list[DepartmentResult]) -> dict:
    manifest: dict = {
        "generator": GENERATOR, "seed": settings.seed, "region": settings.region, "arguments": settings.arguments(),
        "defect_kinds": list(DEFECT_KINDS),
        "departments": [], "documents": [], "printed_amounts": {}, "narrative_statements": {}, "facts": {},
        "defects": [], "harmless": [],
    }
    for department, result in zip(departments, results, strict=True):
        manifest["departments"].append({
            "id": department.id, "name": department.name, "short_name": department.short_name,
            "layout": department.layout, "unit_kind": department.unit_kind, "aliases": list(department.aliases),
            "aliases_used": sorted(result.aliases_used),
        })
        manifest["documents"].extend(result.documents)
        manifest["printed_amounts"].update(result.printed_amounts)
        manifest["narrative_statements"].update(result.narrative)
        manifest["facts"].update(result.facts)
        manifest["defects"].extend(result.defects)
        manifest["harmless"].extend(result.harmless)
    return manifest
