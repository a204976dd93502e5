"""The table catalogue: printed codes and titles -> canonical table kinds.

`seeds/table_catalogue.csv` is the one catalogue that ingest and dbt both read, so a
title learnt here is known to the staging models too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "seeds" / "table_catalogue.csv"

_QUOTES = "“”\"'‘’「」『』"
_SPACE = re.compile(r"\s+")
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,12}[)）]$")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_LEADING_TABLE_NO = re.compile(r"^(?:附表|表)\s*\d+(?:[-－]\d+)?[:：.、\s]*")
TABLE_CODE = re.compile(r"公开\s*(\d{1,2})\s*表|公开表\s*([一二三四五六七八九十]{1,3}|\d{1,2})")


def normalise_title(text: str) -> str:
    """The comparable form of a printed title: no spaces or quotes, no year or
    '（功能科目）'-style qualifier, no '表3' prefix. Ordinals such as '一、' are kept on
    purpose: they mark a line of a table of contents, not a table."""
    text = _SPACE.sub("", text)
    text = text.translate({ord(q): None for q in _QUOTES})
    text = _LEADING_TABLE_NO.sub("", text)
    text = _LEADING_YEAR.sub("", text)
    text = _TRAILING_PAREN.sub("", text)
    return text


@dataclass(frozen=True)
class CatalogueEntry:
    table_kind: str
    table_code: str | None
    report_kind: str
    printed_title: str


@dataclass(frozen=True)
class Catalogue:
    by_title: dict[str, CatalogueEntry]
    by_code: dict[str, CatalogueEntry]

    def kind_for(self, title: str | None, code: str | None) -> str | None:
        if title:
            entry = self.by_title.get(normalise_title(title))
            if entry:
                return entry.table_kind
        if code and code in self.by_code:
            return self.by_code[code].table_kind
        return None

    def match_title(self, text: str) -> CatalogueEntry | None:
        return self.by_title.get(normalise_title(text))


@lru_cache(maxsize=1)
def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    by_title: dict[str, CatalogueEntry] = {}
    by_code: dict[str, CatalogueEntry] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            entry = CatalogueEntry(
                table_kind=record["table_kind"],
                table_code=record["table_code"] or None,
                report_kind=record["report_kind"],
                printed_title=record["printed_title"],
            )
            by_title[normalise_title(entry.printed_title)] = entry
            if entry.table_code:
                by_code[entry.table_code] = entry
    return Catalogue(by_title=by_title, by_code=by_code)


def canonical_code(text: str) -> str | None:
    """'公开 05表' -> '公开05表'; '公开表 五' -> '公开表五' (a different numbering, kept as printed)."""
    match = TABLE_CODE.search(text)
    if not match:
        return None
    if match.group(1):
        return f"公开{int(match.group(1)):02d}表"
    return f"公开表{match.group(2)}"
