"""Per document: the department, fiscal year and report kind the document prints.

Read from its captions (部门：…, the titles), its opening lines, then its file name;
`--department` / `--year` on the command line win over all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.model import PrintedTable

_YEAR_OF_REPORT = re.compile(r"((?:19|20)\d{2})\s*年?\s*度?\s*(?:部门|单位)?\s*(?:决算|预算)")
_YEAR_PREFIX = re.compile(r"^((?:19|20)\d{2})\s*年")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TITLE_DEPARTMENT = re.compile(r"^(.{2,40}?)\s*(?:(?:19|20)\d{2}\s*年?\s*度?)?\s*(?:部门|单位)(?:决算|预算)")
_SYNTHETIC_MARK = "合成示例数据"


@dataclass
class DocumentMetadata:
    department_raw: str | None
    fiscal_year: int | None
    report_kind: str | None
    is_synthetic: bool


def _department(tables: list[PrintedTable], opening: list[str], source_name: str) -> str | None:
    for table in tables:
        if table.department_raw:
            return table.department_raw
    joined = "".join(line.replace(" ", "") for line in opening[:6])
    match = _TITLE_DEPARTMENT.match(joined)
    if match:
        return match.group(1)
    stem = Path(source_name).stem
    if "__" in stem:  # collectors name files '<department>__<title>'
        return stem.split("__", 1)[0]
    return None


def _fiscal_year(tables: list[PrintedTable], opening: list[str], source_name: str) -> int | None:
    joined = "".join(line.replace(" ", "") for line in opening[:12])
    match = _YEAR_OF_REPORT.search(joined)
    if match:
        return int(match.group(1))
    for table in tables:
        if table.title:
            prefix = _YEAR_PREFIX.match(table.title.replace(" ", ""))
            if prefix:
                return int(prefix.group(1))
    match = _FILE_YEAR.search(Path(source_name).stem)
    if match:
        return int(match.group(1))
    counts: Counter[int] = Counter()
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                if cell:
                    counts.update(int(y) for y in _ANY_YEAR.findall(cell))
    if counts:
        return counts.most_common(1)[0][0]
    return None


_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|预算数")


def _report_kind(tables: list[PrintedTable], opening: list[str], source_name: str) -> str | None:
    """Each title or heading votes: 决算 for final accounts, else 预算 (not the 一般公共预算 of a
    fund's name) for a budget."""
    final = budget = 0
    for line in [t.title or "" for t in tables] + opening[:12]:
        plain = _FUND_NAMES.sub("", line)
        if "决算" in plain:
            final += 1
        elif "预算" in plain:
            budget += 1
    if final != budget:
        return "final_accounts" if final > budget else "budget"
    name = source_name.lower()
    if "final" in name or "决算" in name:
        return "final_accounts"
    if "budget" in name or "预算" in name:
        return "budget"
    return None


def read_metadata(
    tables: list[PrintedTable],
    opening: list[str],
    source_name: str,
    department: str | None = None,
    year: int | None = None,
) -> DocumentMetadata:
    synthetic = any(_SYNTHETIC_MARK in line for line in opening[:20])
    return DocumentMetadata(
        department_raw=department or _department(tables, opening, source_name),
        fiscal_year=year or _fiscal_year(tables, opening, source_name),
        report_kind=_report_kind(tables, opening, source_name),
        is_synthetic=synthetic,
    )
