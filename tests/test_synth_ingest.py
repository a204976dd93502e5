"""Ingest reads the synthetic corpus back: every printed amount of every table, in every
format and PDF look, lands where the manifest says it was printed; the synthetic marker,
year, report kind and department are recognised; the same seed gives the same bytes."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ingest.parse import ParseOptions, parse_file
from synth.corpus import Settings, generate

AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth-ingest")
    settings = Settings(departments=6, years=(2019, 2020), region="示例市", out=out, defect_rate_ppm=300_000,
                        seed=5, jobs=2)
    generate(settings)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    parsed = {entry["file"]: parse_file(out / entry["file"], ParseOptions()) for entry in manifest["documents"]}
    return out, manifest, parsed


def _landed_by_table(document) -> dict[tuple[str, int], Counter]:
    seen: Counter = Counter()
    landed: dict[tuple[str, int], Counter] = {}
    for table in document.tables:
        if not table.kind or table.kind == "narrative":
            continue
        seen[table.kind] += 1
        amounts = Counter(c.strip() for row in table.rows for c in row.cells if c and AMOUNT.match(c.strip()))
        landed[(table.kind, seen[table.kind])] = amounts
    return landed


def _mismatches(corpus, fmt: str) -> dict:
    _out, manifest, parsed = corpus
    wrong = {}
    for entry in manifest["documents"]:
        if entry["format"] != fmt:
            continue
        landed = _landed_by_table(parsed[entry["file"]])
        for table in manifest["printed_amounts"][entry["document_id"]]:
            got = landed.get((table["table_kind"], table["occurrence"]), Counter())
            want = Counter(table["amounts"])
            if got != want:
                wrong[(entry["file"], table["title"], table["occurrence"])] = {
                    "missing": sorted((want - got).elements())[:5], "extra": sorted((got - want).elements())[:5],
                    "look": entry["look"], "orientation": entry["orientation"],
                }
    return wrong


@pytest.mark.parametrize("fmt", ["txt", "xlsx", "pdf"])
def test_ingest_recovers_every_printed_amount_of_every_table(corpus, fmt):
    assert _mismatches(corpus, fmt) == {}


def test_the_corpus_has_unruled_shanghai_three_public_tables_whose_header_starts_with_heji(corpus):
    # 合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费 is a header, not a 合计 row
    _out, manifest, _parsed = corpus
    assert any(e["format"] == "pdf" and e["layout"] == "shanghai" and e["look"] != "grid"
               for e in manifest["documents"])


def test_ingest_sees_the_synthetic_marker_year_kind_and_department(corpus):
    _out, manifest, parsed = corpus
    wrong = {}
    for entry in manifest["documents"]:
        document = parsed[entry["file"]]
        got = (document.is_synthetic, document.fiscal_year, document.report_kind, document.department_raw)
        want = (True, entry["fiscal_year"], entry["report_kind"], entry["department_printed"])
        if got != want:
            wrong[entry["file"]] = (got, want)
    assert wrong == {}


def test_every_table_of_the_manifest_is_found_with_its_kind(corpus):
    _out, manifest, parsed = corpus
    for entry in manifest["documents"]:
        landed = _landed_by_table(parsed[entry["file"]])
        expected = {(t["table_kind"], t["occurrence"]) for t in manifest["printed_amounts"][entry["document_id"]]}
        assert expected <= set(landed), entry["file"]


def test_the_pdfs_cover_every_look_orientation_and_code_style(corpus):
    _out, manifest, _parsed = corpus
    pdfs = [e for e in manifest["documents"] if e["format"] == "pdf"]
    assert {e["look"] for e in pdfs} == {"grid", "rules", "plain"}
    assert {e["orientation"] for e in pdfs} == {"portrait", "landscape", "mixed"}
    assert {e["code_style"] for e in pdfs} == {"single", "split"}
    assert {e["layout"] for e in pdfs} == {"yunnan", "shanghai"}
    assert all(e["pages"] and e["pages"] > 1 for e in pdfs)


def test_a_table_continues_on_the_next_page_without_a_caption(corpus):
    _out, manifest, parsed = corpus
    continued = 0
    for entry in manifest["documents"]:
        if entry["format"] != "pdf":
            continue
        for table in parsed[entry["file"]].tables:
            if table.kind in ("income", "expenditure", "general_budget_expenditure", "general_budget_basic_economic"):
                continued += len({row.page_no for row in table.rows}) > 1
    assert continued >= 3


def test_a_row_repeated_across_a_page_break_is_printed_twice(corpus):
    out, manifest, _parsed = corpus
    repeats = [h for h in manifest["harmless"] if h["kind"] == "repeated_row_across_page_break"]
    assert repeats
    for repeat in repeats:
        text = (out / next(f for f in repeat["documents"] if f.endswith(".txt"))).read_text(encoding="utf-8")
        label = repeat["row"].split(" ")[0]
        lines = [line for line in text.split("\n") if "\t" in line and line.split("\t")[0] == label]
        assert len(lines) >= 2 or label == "", (repeat["id"], label)


def test_the_same_seed_gives_byte_identical_files(tmp_path):
    def run(out: Path, jobs: int) -> dict[str, bytes]:
        generate(Settings(departments=2, years=(2017, 2018), region="示例市", out=out, defect_rate_ppm=500_000,
                          seed=11, jobs=jobs))
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = run(tmp_path / "a", jobs=1)
    second = run(tmp_path / "b", jobs=2)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) == 1 + 2 * 2 * 2 * 3
