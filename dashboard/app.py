"""The Streamlit entry point: `streamlit run dashboard/app.py -- --exports DIR` (what `budgetwh dashboard` runs).

Thin on purpose: find the export folder, pick the unit, hand both to the pages (dashboard/pages.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from dashboard import data, pages
from dashboard.format import UNITS

PAGES: tuple[tuple[str, str, Callable[[pages.Context], None]], ...] = (
    ("overview", "总览 Overview", pages.overview_page),
    ("department", "部门 Department", pages.department_page),
    ("comparison", "比较 Comparison", pages.comparison_page),
    ("quality", "质量 Quality", pages.quality_page),
    ("lineage", "溯源 Lineage", pages.lineage_page),
)


def exports_argument(argv: list[str]) -> str | None:
    """`--exports DIR` after streamlit's `--`; None falls back to $BUDGETWH_EXPORTS, then exports/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--exports")
    known, _ = parser.parse_known_args(argv)
    return known.exports


def streamlit_page(url_path: str, title: str, render: Callable[[], None], default: bool) -> st.Page:
    render.__name__ = f"page_{url_path}"  # Streamlit tells callables apart by name
    return st.Page(render, title=title, url_path=url_path, default=default)


def main() -> None:
    st.set_page_config(page_title="budgetwh 部门决算与预算", page_icon="📊", layout="wide")
    folder = data.resolve_exports_folder(exports_argument(sys.argv[1:]))
    try:
        info = data.export_info(folder)
    except data.ExportsUnavailable as error:
        # every URL shows the empty state, so a bookmarked page says what is missing too
        navigation = st.navigation([
            streamlit_page(url_path, title, lambda error=error: pages.empty_state(folder, error), index == 0)
            for index, (url_path, title, _) in enumerate(PAGES)
        ])
        navigation.run()
        return

    with st.sidebar:
        unit = st.radio("金额单位", UNITS, key="unit", horizontal=True, bind="query-params")
        st.caption(
            f"导出 `{Path(folder).name}` → `{info.snapshot.name}`"
            + (f"，生成于 {info.generated_at}" if info.generated_at else "")
            + f"；{info.total_rows:,} 行",
            help=f"{folder} → {info.snapshot}",
        )
    context = pages.Context(folder=Path(folder), info=info, unit=unit)
    navigation = st.navigation([
        streamlit_page(url_path, title, lambda render=render: _render(render, context, folder), index == 0)
        for index, (url_path, title, render) in enumerate(PAGES)
    ])
    navigation.run()


def _render(render: Callable[[pages.Context], None], context: pages.Context, folder: Path) -> None:
    try:
        render(context)
    except data.ExportsUnavailable as error:
        # the snapshot vanished under us (a nightly pruned it) or lacks a model: say which, not a traceback
        pages.empty_state(folder, error)


if __name__ == "__main__":  # Streamlit runs the script as __main__; tests import it
    main()
