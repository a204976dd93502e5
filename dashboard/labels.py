"""Chinese labels for the codes the exports carry (table_kind, 三公 item, identity).

They come from the project's seeds, the one catalogue ingest and dbt read too, so a table the
catalogue learns to recognise gets its label here without a second list to keep in step. Without the
seeds (an app pointed at exports copied elsewhere) the code itself is shown.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from budgetwh.paths import PROJECT_DIR

SEEDS = PROJECT_DIR / "seeds"


def _read_seed(name: str) -> list[dict[str, str]]:
    path: Path = SEEDS / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _table_titles() -> dict[tuple[str, str], str]:
    """(table_kind, report_kind) → `公开03表 支出决算表`; the first catalogue row wins, the numbered one first."""
    rows = sorted(_read_seed("table_catalogue.csv"), key=lambda row: row.get("table_code", "") == "")
    titles: dict[tuple[str, str], str] = {}
    for row in rows:
        code = row.get("table_code", "")
        title = f"{code} {row['printed_title']}" if code else row["printed_title"]
        titles.setdefault((row["table_kind"], row["report_kind"]), title)
        titles.setdefault((row["table_kind"], ""), title)
    return titles


def table_label(table_kind: str | None, report_kind: str | None = None) -> str:
    """`公开03表 支出决算表` for final accounts, `支出预算表` for budgets; the code itself when unknown."""
    if not table_kind:
        return "—"
    titles = _table_titles()
    return (
        titles.get((table_kind, report_kind or ""))
        or titles.get((table_kind, ""))
        or table_kind
    )


@lru_cache(maxsize=1)
def _three_public_items() -> dict[str, str]:
    items: dict[str, str] = {}
    for row in _read_seed("three_public_items.csv"):
        if row.get("is_money") == "true":
            items.setdefault(row["item"], row["item_name"])
    return items


def three_public_item_label(item: str | None) -> str:
    """`公务接待费` for `reception`; the item key when the seed does not list it."""
    if not item:
        return "—"
    return _three_public_items().get(item, item)


@lru_cache(maxsize=1)
def _identities() -> dict[str, dict[str, str]]:
    return {row["identity"]: row for row in _read_seed("identity_catalogue.csv")}


def identity_description(identity: str | None) -> str:
    """What the check asserts (the identity catalogue's description), or empty when unknown."""
    return _identities().get(identity or "", {}).get("description", "")
