"""The synthetic corpus keeps its accounting promises: read back from its text renderings,
every defect-free document satisfies every identity, every injected defect fails exactly the
identity the manifest names (plus its also_fails), and harmless mess fails nothing."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from synth.corpus import Settings, generate
from synth.defects import DEFECT_KINDS, applicable_kinds
from tests.identity_checker import (
    check_corpus,
    function_columns,
    identity_names,
    read_function_table,
    read_text_document,
)

HARMLESS_KINDS = {"department_name_variant", "repeated_row_across_page_break", "empty_table_with_sentence",
                  "non_fiscal_rounding_gap"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, dict]:
    """6 departments (both layouts) × 2016–2020 (the 2018 economic-code change, the 01 lines
    added in 2019 and 2020) × both report kinds, a defect in about 60 % of the documents."""
    out = tmp_path_factory.mktemp("synth-identities")
    settings = Settings(departments=6, years=tuple(range(2016, 2021)), region="示例市", out=out, formats=("txt",),
                        defect_rate_ppm=600_000, seed=3)
    generate(settings)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, manifest, check_corpus(out, manifest)


def test_the_corpus_has_every_defect_kind_and_clean_documents(corpus):
    _out, manifest, _results = corpus
    kinds = {d["kind"] for d in manifest["defects"]}
    assert kinds == set(DEFECT_KINDS)
    clean = [d for d in manifest["documents"] if not d["defects"]]
    assert len(clean) >= 10


def test_defect_free_documents_pass_every_identity(corpus):
    _out, manifest, results = corpus
    failing = {d["document_id"]: sorted(results[d["document_id"]].failures)
               for d in manifest["documents"] if not d["defects"] and results[d["document_id"]].failures}
    assert failing == {}


def test_each_defect_fails_its_identity_and_only_its_also_fails(corpus):
    _out, manifest, results = corpus
    wrong = {}
    for defect in manifest["defects"]:
        expected = {defect["identity"], *defect["also_fails"]}
        got = results[defect["document_id"]].failures
        if got != expected:
            wrong[defect["id"]] = (defect["kind"], sorted(expected), sorted(got))
    assert wrong == {}


def test_defects_name_identities_from_the_catalogue_and_apply_where_they_can(corpus):
    _out, manifest, _results = corpus
    known = identity_names()
    layouts = {d["document_id"]: d["layout"] for d in manifest["documents"]}
    for defect in manifest["defects"]:
        assert defect["identity"] in known
        assert set(defect["also_fails"]) <= known
        assert defect["identity"] not in defect["also_fails"]
        assert defect["kind"] in applicable_kinds(layouts[defect["document_id"]], defect["report_kind"])
        assert defect["printed"] != defect["true"]


def test_harmless_mess_fails_nothing(corpus):
    _out, manifest, results = corpus
    kinds = {h["kind"] for h in manifest["harmless"]}
    assert kinds == HARMLESS_KINDS
    defect_free = {d["document_id"] for d in manifest["documents"] if not d["defects"]}
    touched = {h["document_id"] for h in manifest["harmless"] if h["document_id"] in defect_free}
    assert touched, "no defect-free document carries harmless mess"
    assert {doc: sorted(results[doc].failures) for doc in touched if results[doc].failures} == {}


def test_the_rounding_gap_is_an_info_note_not_a_failure(corpus):
    _out, manifest, results = corpus
    gaps = [h["document_id"] for h in manifest["harmless"] if h["kind"] == "non_fiscal_rounding_gap"]
    assert gaps
    for doc in gaps:
        notes = [(identity, residual) for identity, residual in results[doc].notes]
        assert ("non_fiscal_flow_balance", Decimal("0.01")) in notes
        assert "non_fiscal_flow_balance" not in results[doc].failures
    without_gap = {d["document_id"] for d in manifest["documents"]} - set(gaps)
    assert all(not results[doc].notes for doc in without_gap)


def test_every_accounting_identity_is_checked_somewhere(corpus):
    _out, _manifest, results = corpus
    checked = set().union(*(r.checked for r in results.values()))
    accounting = {
        "income_total_equals_sources", "expenditure_total_equals_parts", "flow_block_total_equals_parts",
        "flow_row_balance", "hierarchy_lei_equals_sum_of_kuan", "hierarchy_kuan_equals_sum_of_xiang",
        "hierarchy_total_equals_sum_of_lei", "economic_lei_equals_sum_of_kuan", "economic_personnel_total",
        "economic_public_total", "summary_income_total_equals_lines", "summary_expenditure_total_equals_lines",
        "summary_grand_totals_balance", "appropriation_income_total_equals_lines", "appropriation_grand_totals_balance",
        "summary_expenditure_by_lei_matches_expenditure_table", "summary_income_total_matches_income_table",
        "summary_expenditure_total_matches_expenditure_table", "appropriation_by_lei_matches_flow_table",
        "appropriation_income_matches_flow_income", "economic_basic_total_matches_flow_basic",
        "three_public_office_costs_match_economic", "three_public_reception_matches_economic",
        "three_public_vehicle_matches_economic", "project_execution_rate", "project_score", "non_fiscal_flow_balance",
        "closing_equals_next_opening", "summary_closing_equals_next_opening", "narrative_figure_matches_table",
        "unit_slip",
    }
    assert accounting <= identity_names()
    assert accounting - checked == set()


def _normalise_name(name: str, region: str = "示例市") -> str:
    name = re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")
    return re.sub(rf"^中共{region}委", f"中国共产党{region}委员会", name)


def test_department_name_variants_normalise_to_the_canonical_name(corpus):
    out, manifest, _results = corpus
    variants = [h for h in manifest["harmless"] if h["kind"] == "department_name_variant"]
    assert variants
    for variant in variants:
        assert variant["printed"] != variant["canonical"]
        assert _normalise_name(variant["printed"]) == variant["canonical"]
        text = (out / variant["documents"][0]).read_text(encoding="utf-8")
        assert f"部门：{variant['printed']}" in text
    for department in manifest["departments"]:
        assert all(_normalise_name(alias) == department["name"] for alias in department["aliases"])


def test_facts_are_exact_and_shanghai_amounts_are_whole_hundreds(corpus):
    _out, manifest, _results = corpus
    layout = {d["name"]: d["layout"] for d in manifest["departments"]}
    for department, years in manifest["facts"].items():
        for kinds in years.values():
            for tables in kinds.values():
                for rows in tables.values():
                    for columns in rows.values():
                        for fact in columns.values():
                            text = fact.get("value_yuan", fact.get("value"))
                            assert re.fullmatch(r"-?\d+\.\d{2}", text), text
                            if "value_yuan" in fact and layout[department] == "shanghai":
                                assert Decimal(text) % 100 == 0, (department, text)


def test_project_rates_and_scores_are_exact_without_rounding(corpus):
    _out, manifest, _results = corpus
    projects = 0
    for years in manifest["facts"].values():
        for kinds in years.values():
            for name, fact in kinds.get("final_accounts", {}).get("project_performance", {}).items():
                if any(c.get("altered") for c in fact.values()):
                    continue
                full = Decimal(fact["budget_full_year"]["value_yuan"])
                executed = Decimal(fact["executed"]["value_yuan"])
                rate = Decimal(fact["execution_rate"]["value"])
                weight = Decimal(fact["weight"]["value"])
                assert executed * 100 / full == rate, name
                assert weight * rate / 100 == Decimal(fact["score"]["value"]), name
                assert executed % 100 == 0 and full % 100 == 0
                projects += 1
    assert projects >= 20


def test_every_yunnan_final_has_two_to_ten_projects(corpus):
    _out, manifest, _results = corpus
    for entry in manifest["documents"]:
        if entry["layout"] == "yunnan" and entry["report_kind"] == "final_accounts":
            tables = manifest["printed_amounts"][entry["document_id"]]
            projects = [t for t in tables if t["table_kind"] == "project_performance"]
            assert 2 <= len(projects) <= 10


def test_housing_fund_is_30311_before_2018_and_30113_after(corpus):
    _out, manifest, _results = corpus
    for years in manifest["facts"].values():
        for year, kinds in years.items():
            for tables in kinds.values():
                economic = tables.get("general_budget_basic_economic", {})
                income = tables.get("income", {})
                if "2210201" not in income:
                    continue
                code = "30311" if int(year) <= 2017 else "30113"
                assert code in economic, (year, sorted(economic))


def test_text_rendering_starts_with_the_synthetic_heading(corpus):
    out, manifest, _results = corpus
    for entry in manifest["documents"]:
        first = (out / entry["file"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == entry["heading"]
        assert first.endswith("（合成示例数据，非真实披露）")


def _observed(name: str) -> set[tuple[str, str]]:
    import csv
    import os

    shared = Path(os.environ.get("BUDGETWH_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
    path = shared / "reference" / name
    if not path.exists():
        pytest.skip(f"the shared reference lists are not at {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        return {(row["code"], row["name_as_printed"]) for row in csv.DictReader(handle)}


def test_every_code_and_name_printed_is_one_observed_in_real_documents(corpus):
    """Function and economic codes come from ../shared/reference with the names printed there."""
    out, manifest, _results = corpus
    functional = _observed("observed_functional_codes.csv")
    economic = _observed("observed_economic_codes.csv")
    printed: set[tuple[str, str]] = set()
    for entry in manifest["documents"]:
        document = read_text_document(out / entry["file"])
        for kind in ("income", "expenditure", "general_budget_expenditure"):
            table = document.first(kind)
            columns = function_columns(entry["layout"], entry["report_kind"], kind)
            printed |= set(read_function_table(table, columns).names.items())
        for cells in document.first("general_budget_basic_economic").rows:
            if entry["layout"] == "yunnan":  # (科目编码, 科目名称, 金额) three times
                printed |= {(cells[k], cells[k + 1]) for k in (0, 3, 6) if re.fullmatch(r"3\d{2}(?:\d{2})?", cells[k])}
            else:  # (类, 款, 科目名称, …)
                starts = (0, 4) if entry["report_kind"] == "final_accounts" else (0,)
                printed |= {(cells[k] + cells[k + 1], cells[k + 2]) for k in starts if re.fullmatch(r"3\d{2}", cells[k])}
    assert len(printed) > 100
    unseen = {(code, name) for code, name in printed
              if (code, name) not in (economic if code.startswith("3") else functional)}
    assert unseen == set()
