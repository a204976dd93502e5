"""The dashboard end to end: exports built by the real CLI from the bundled seed, the app served by
`budgetwh dashboard` (a real Streamlit server), every page opened in headless Chromium.

Figures checked are the seed's (中国共产党玉溪市委员会组织部, 2020 final accounts): 20132 组织事务
61,578,341.04 元 = 6,157.83 万元, the 公开09表 unit slip (44.31 against 112,985.10) and the
公开10表 narrative's 4901.56元. Charts are checked through their marks' aria-labels (each carries the
exact formatted figure) and the table printed beside them. A synthetic multi-year corpus is added
when `budgetwh synth` works; no required assertion depends on it.

Screenshots go to artifacts/ (git-ignored); docs/img/dashboard.png, the README's, is written when
missing or when BUDGETWH_DASHBOARD_README_SHOT=1.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest

from dashboard import data
from tests.conftest import REPO, SEED_TEXT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = REPO / "artifacts"
README_SHOT = REPO / "docs" / "img" / "dashboard.png"
SEED_DEPARTMENT = "中国共产党玉溪市委员会组织部"
SEED_DOCUMENT = hashlib.sha256(SEED_TEXT.read_bytes()).hexdigest()
WAIT_MS = 30_000


def budgetwh() -> list[str]:
    script = Path(sys.executable).with_name("budgetwh")
    return [str(script)] if script.exists() else [sys.executable, "-m", "budgetwh.cli"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(budgetwh() + list(args), capture_output=True, text=True, cwd=REPO, timeout=300)


def check(result: subprocess.CompletedProcess, what: str) -> None:
    assert result.returncode == 0, f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"


# ---------------------------------------------------------------------------------------------
# exports, built once per session by the CLI


@dataclass(frozen=True)
class BuiltExports:
    seed: Path
    multi_year: Path | None  # the seed plus a synthetic corpus, when `budgetwh synth` works
    why_no_multi_year: str
    base: Path


@pytest.fixture(scope="session")
def built_exports(tmp_path_factory) -> BuiltExports:
    base = tmp_path_factory.mktemp("dashboard")
    seed_db = base / "seed" / "w.duckdb"
    seed_db.parent.mkdir()
    check(run_cli("ingest", str(SEED_TEXT), "--db", str(seed_db)), "ingest of the seed")

    multi_db: Path | None = base / "multi" / "w.duckdb"
    multi_db.parent.mkdir()
    why_not = ""
    synth = run_cli("synth", "--departments", "3", "--years", "2019-2021", "--out", str(base / "synth"),
                    "--formats", "txt", "--seed", "7")
    if synth.returncode != 0:
        why_not, multi_db = f"budgetwh synth failed: {synth.stderr.strip()[-300:]}", None
    else:
        ingest = run_cli("ingest", str(SEED_TEXT), str(base / "synth"), "--db", str(multi_db))
        if ingest.returncode != 0:
            why_not, multi_db = f"ingest of the synthetic corpus failed: {ingest.stdout[-300:]}", None

    # the two dbt builds are the slow part: run them side by side (separate warehouse files)
    builds = {
        db: subprocess.Popen(budgetwh() + ["build", "--db", str(db), "--skip-validation"], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for db in [seed_db] + ([multi_db] if multi_db else [])
    }
    outputs = {db: process.communicate(timeout=600)[0] for db, process in builds.items()}
    assert builds[seed_db].returncode == 0, f"build of the seed warehouse failed:\n{outputs[seed_db]}"
    check(run_cli("export", "--db", str(seed_db), "--out", str(base / "seed" / "exports")), "export of the seed")
    multi_exports = None
    if multi_db and builds[multi_db].returncode == 0:
        check(run_cli("export", "--db", str(multi_db), "--out", str(base / "multi" / "exports")), "export (multi-year)")
        multi_exports = base / "multi" / "exports"
    elif multi_db:
        why_not = f"build of the multi-year warehouse failed: {outputs[multi_db][-300:]}"
    return BuiltExports(seed=base / "seed" / "exports", multi_year=multi_exports, why_no_multi_year=why_not, base=base)


def test_seed_export_reads_back_through_the_data_layer(built_exports):
    """The same figures the browser tests look for, straight from dashboard/data.py."""
    folder = built_exports.seed
    (department,) = data.departments(folder).to_pylist()
    assert department["department_name"] == SEED_DEPARTMENT and department["region"] == "玉溪市"
    key = department["department_key"]
    kuan = data.subject_series(folder, key, "expenditure", "final_accounts", "201").to_pylist()
    assert [(row["subject_code"], row["total_yuan"]) for row in kuan] == [("20132", Decimal("61578341.04"))]
    traced = data.lineage(folder, key, 2020, "final_accounts", "fct_expenditure", "20132")
    assert traced is not None
    assert (traced.document_id, traced.table_kind, traced.page_no, traced.row_no) == (SEED_DOCUMENT, "expenditure", 1, 7)
    summary = data.overview(folder)
    assert summary.expenditure_totals == {"final_accounts": Decimal("64424991.20")}
    assert summary.findings_by_severity.get("error", 0) == 0
    identities = {row["identity"] for row in data.findings(folder, ["warning"]).to_pylist()}
    assert identities == {"unit_slip", "narrative_figure_matches_table"}


# ---------------------------------------------------------------------------------------------
# the server: `budgetwh dashboard` on a free port


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def dashboard_server(exports: Path, log: Path) -> Iterator[str]:
    port = free_port()
    with open(log, "w") as output:
        # own process group: teardown stops `budgetwh dashboard` and its Streamlit child together
        server = subprocess.Popen(
            budgetwh() + ["dashboard", "--exports", str(exports), "--port", str(port), "--host", "127.0.0.1"],
            cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"the dashboard exited ({server.returncode}):\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not answer within 60 s:\n{log.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        server.send_signal(signal.SIGTERM)  # budgetwh forwards it to Streamlit
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        try:
            os.killpg(server.pid, signal.SIGKILL)  # anything of ours still in the group
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def seed_app(built_exports) -> Iterator[str]:
    with dashboard_server(built_exports.seed, built_exports.base / "seed-server.log") as url:
        yield url


@pytest.fixture(scope="module")
def multi_year_app(built_exports) -> Iterator[str]:
    if built_exports.multi_year is None:
        pytest.skip(f"no multi-year exports: {built_exports.why_no_multi_year}")
    with dashboard_server(built_exports.multi_year, built_exports.base / "multi-server.log") as url:
        yield url


# ---------------------------------------------------------------------------------------------
# the browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `make browser` installs Debian's (browsers cannot be downloaded here)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def wait_for_app(tab, settle_ms: int = 600) -> None:
    """Until the script has run to the end and stayed there for `settle_ms` (Streamlit marks its root
    with the script's state; a widget seeded from the URL reruns the script once more)."""
    tab.wait_for_function(
        """settle => new Promise(resolve => {
            let quietSince = null;
            const poll = () => {
                const app = document.querySelector('[data-testid="stApp"]');
                const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
                quietSince = idle ? (quietSince ?? performance.now()) : null;
                if (quietSince !== null && performance.now() - quietSince >= settle) resolve(true);
                else setTimeout(poll, 50);
            };
            poll();
        })""",
        arg=settle_ms, timeout=WAIT_MS,
    )
    assert tab.get_by_test_id("stException").count() == 0, tab.get_by_test_id("stException").first.inner_text()


def open_app(tab, url: str) -> None:
    tab.goto(url)
    wait_for_app(tab)


def main_text(tab) -> str:
    return tab.get_by_test_id("stMain").inner_text()


def chart_marks(tab) -> list[str]:
    """Every chart mark's aria-label: the exact figure each bar stands for (charts.DESCRIPTION)."""
    tab.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=WAIT_MS)
    return tab.locator('[data-testid="stVegaLiteChart"] [role="graphics-symbol"][aria-label]').evaluate_all(
        "marks => marks.map(mark => mark.getAttribute('aria-label'))"
    )


def expect_marks(tab, *expected: str) -> list[str]:
    """Wait until the charts draw a mark for each expected figure (Vega renders after the script)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        marks = chart_marks(tab)
        missing = [mark for mark in expected if mark not in marks]
        if not missing:
            return marks
        if time.monotonic() > deadline:
            pytest.fail(f"no chart mark {missing}; the charts draw: {marks}")
        tab.wait_for_timeout(200)


def choose(tab, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`, then wait for the rerun. A rerun that replaces
    the widget just as it is clicked closes its list: open it again."""
    for _ in range(5):
        wait_for_app(tab)
        tab.get_by_test_id("stSelectbox").filter(has_text=label).first.get_by_role("combobox").click()
        try:
            tab.get_by_role("option").first.wait_for(timeout=3_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: try again
            tab.keyboard.press("Escape")
    else:
        screenshot(tab, "dashboard-failed-choice")
        pytest.fail(f"the list of {label!r} does not open")
    wanted = tab.get_by_role("option", name=option, exact=True)
    if not wanted.count():
        pytest.fail(f"no option {option!r} in {label!r}: {tab.get_by_role('option').all_inner_texts()}")
    wanted.click()
    tab.wait_for_timeout(300)
    wait_for_app(tab)


def expect_text(tab, text: str) -> None:
    from playwright.sync_api import expect

    expect(tab.get_by_test_id("stMain")).to_contain_text(text, timeout=WAIT_MS)


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path


def save_readme_screenshot(tab) -> None:
    """docs/img/dashboard.png, when missing or asked for (it is tracked: a rerun must not churn it)."""
    if README_SHOT.exists() and os.environ.get("BUDGETWH_DASHBOARD_README_SHOT") != "1":
        return
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size({"width": 1400, "height": 1100})
    # Streamlit scrolls its main block, not the window
    tab.evaluate("document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer]')"
                 ".forEach(block => block.scrollTo(0, 0))")
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(README_SHOT))


# ---------------------------------------------------------------------------------------------
# pages over the seed


def table_rows(table) -> list[list[str]]:
    """An st.table's body as rows of cell text."""
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.querySelectorAll('td, th')).map(cell => cell.innerText.trim()))"
    )


def expect_texts(tab, *texts: str) -> str:
    for text in texts:
        expect_text(tab, text)
    return main_text(tab)


def metric_value(tab, label: str) -> str:
    return tab.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue").inner_text()


def test_overview_shows_counts_totals_and_findings(page, seed_app):
    open_app(page, seed_app)
    expect_texts(page, "总览", "64,424,991.20", "玉溪市")  # Σ of the 支出决算表's 类 = 本年支出合计
    assert metric_value(page, "警告 (warning)") == "2"
    assert metric_value(page, "错误 (error)") == "0"
    assert metric_value(page, "文件") == "1"
    expect_marks(page, "2020 · 决算 · 64,424,991.20 元")
    screenshot(page, "dashboard-overview")


def test_department_charts_by_subject_drill_down_and_unit_switch(page, seed_app, built_exports):
    open_app(page, f"{seed_app}/department")
    expect_text(page, SEED_DEPARTMENT)
    choose(page, "部门", SEED_DEPARTMENT)
    expect_marks(
        page,
        "2020 · 201 一般公共服务支出 · 61,578,341.04 元",  # 支出, by 类
        "2020 · 201 一般公共服务支出 · 61,572,606.85 元",  # 收入, by 类
        "2020 · 基本支出 · 15,403,662.01 元",
        "2020 · 项目支出 · 49,021,329.19 元",
    )
    # the 三公 table's 预算数 column is printed in 万元 under a 元 header: shown as printed, flagged
    expect_text(page, "44.31 对 112,985.10")

    choose(page, "科目层级", "201 一般公共服务支出 下的款")
    expect_texts(page, "支出（按款）", "20132 组织事务", "61,578,341.04")
    expect_marks(page, "2020 · 20132 组织事务 · 61,578,341.04 元")

    page.get_by_test_id("stSidebar").get_by_text("万元", exact=True).click()
    expect_texts(page, "金额（万元）", "6,157.83")
    wait_for_app(page)
    expect_marks(page, "2020 · 20132 组织事务 · 6,157.83 万元")
    assert "unit=%E4%B8%87%E5%85%83" in page.url  # ?unit=万元: the view can be linked to
    screenshot(page, "dashboard-department")
    if built_exports.multi_year is None:  # else the multi-year page, a better picture, is the README's
        save_readme_screenshot(page)


def test_comparison_ranks_the_regions_departments(page, seed_app):
    open_app(page, f"{seed_app}/comparison?subject={quote('20132 组织事务')}")
    expect_texts(
        page, "20132 组织事务 · 2020 决算 · 玉溪市",
        "95.58%",  # 61,578,341.04 of the department's 64,424,991.20
        "61,578,341.04", "64,424,991.20",
    )
    expect_marks(page, f"1 · {SEED_DEPARTMENT} · 61,578,341.04 元")
    screenshot(page, "dashboard-comparison")


def test_quality_lists_unit_slip_and_narrative_findings(page, seed_app):
    open_app(page, f"{seed_app}/quality")
    text = expect_texts(
        page,
        # unit_slip: “三公”经费合计 预算数 44.31 against 决算数 112,985.10
        "unit_slip", "112,985.10", "44.31", "-112,940.79",
        # the narrative's 4901.56元 where 万元 is meant
        "narrative_figure_matches_table", "49,015,595.00", "4,901.56", "-49,010,693.44",
    )
    marks = expect_marks(
        page,
        f"{SEED_DEPARTMENT} · unit_slip · 1",
        f"{SEED_DEPARTMENT} · narrative_figure_matches_table · 1",
    )
    # info notes are off by default: the 06 table's 30399 printed twice is not listed yet
    assert not any("duplicate_economic_code" in mark for mark in marks)
    assert "30399 printed 2 times" not in text
    screenshot(page, "dashboard-quality")

    page.get_by_test_id("stMultiSelect").click()
    page.get_by_role("option", name="提示 (info)").click()
    page.keyboard.press("Escape")
    expect_text(page, "30399 printed 2 times")
    expect_marks(page, f"{SEED_DEPARTMENT} · duplicate_economic_code · 1")


def test_lineage_traces_a_figure_to_document_table_page_and_row(page, seed_app):
    open_app(page, f"{seed_app}/lineage")
    choose(page, "表", "支出（公开03表）")
    choose(page, "数字（行）", "20132 组织事务")
    expect_texts(page, "20132 组织事务：61,578,341.04 元", SEED_DOCUMENT, "公开03表 支出决算表")
    provenance = dict(table_rows(page.get_by_test_id("stTable").first))
    assert provenance["文件 document_id"] == SEED_DOCUMENT
    assert provenance["表"] == "公开03表 支出决算表（expenditure）"
    assert provenance["页"] == "1"
    assert provenance["行"].startswith("7（")
    screenshot(page, "dashboard-lineage")

    # the same figure by link, in 万元
    open_app(page, f"{seed_app}/lineage?table={quote('支出（公开03表）')}&line={quote('20132 组织事务')}&unit={quote('万元')}")
    expect_text(page, "20132 组织事务：6,157.83 万元")


# ---------------------------------------------------------------------------------------------
# no exports yet


def test_missing_exports_show_the_empty_state_until_they_appear(page, built_exports, tmp_path):
    missing = tmp_path / "exports"
    with dashboard_server(missing, tmp_path / "server.log") as url:
        open_app(page, url)
        expect_texts(page, "没有可读的导出数据", "no export folder", str(missing), "make run", "budgetwh export")
        open_app(page, f"{url}/quality")  # every page says so, not a 404
        expect_text(page, "没有可读的导出数据")
        screenshot(page, "dashboard-empty")

        missing.mkdir()
        open_app(page, url)
        expect_text(page, "no manifest.json in the export folder")

        # the export lands (as `budgetwh export` publishes it: a symlink switched into place)
        missing.rmdir()
        missing.symlink_to(built_exports.seed.resolve(), target_is_directory=True)
        open_app(page, url)
        expect_texts(page, "总览", "64,424,991.20")


# ---------------------------------------------------------------------------------------------
# several years (synthetic departments beside the seed)


def test_a_department_over_several_years(page, multi_year_app):
    open_app(page, f"{multi_year_app}/department")
    choose(page, "地区", "示例市")
    choose(page, "部门", "示例市教育局")
    expect_text(page, "合成示例数据")
    marks = expect_marks(page)
    years = {mark.split(" · ")[0] for mark in marks if " · 205 教育支出 · " in mark}
    assert years == {"2019", "2020", "2021"}
    choose(page, "年度（以下各节）", "2021")
    expect_texts(page, "同比变化（2021 对 2020，支出）", "2021（元）", "2020（元）", "预算执行（2021 年预算数对决算数）", "功能科目")
    screenshot(page, "dashboard-multi-year")
    save_readme_screenshot(page)
