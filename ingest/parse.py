"""One file -> one ParsedDocument (or a RejectedDocument saying why not)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ingest.catalogue import load_catalogue
from ingest.metadata import read_metadata
from ingest.model import ParsedDocument, RejectedDocument, TextLine
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from ingest.readers.xlsx import read_xlsx
from ingest.tables import assemble

FORMATS = {".pdf": "pdf", ".txt": "txt", ".xlsx": "xlsx"}
REFUSED_FORMATS = {
    ".xls": "XLS (Excel 97-2003) is not read; save it as XLSX",
    ".doc": "Word documents are not read; print it to PDF",
    ".docx": "Word documents are not read; print it to PDF",
}


@dataclass(frozen=True)
class ParseOptions:
    department: str | None = None
    year: int | None = None
    max_pages: int = 500


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def parse_bytes(data: bytes, path: Path, options: ParseOptions) -> ParsedDocument:
    name = path.name
    fmt = format_of(path)
    if fmt is None:
        reason = REFUSED_FORMATS.get(path.suffix.lower(), f"'{path.suffix or 'no extension'}' is not PDF, TXT or XLSX")
        raise RejectedDocument("unsupported_format", f"{name}: {reason}")
    if not data:
        raise RejectedDocument("empty_file", f"{name}: the file is empty (0 bytes)")
    warnings: list[str] = []
    if fmt == "pdf":
        items, page_count, warnings = read_pdf(data, name, max_pages=options.max_pages)
    elif fmt == "xlsx":
        items, page_count = read_xlsx(data, name)
    else:
        items, page_count = read_text(data, name), 0
    tables, _captions, pages = assemble(items, load_catalogue(), paged=fmt == "pdf")
    page_count = page_count or pages or 1
    opening = [item.text for item in items if isinstance(item, TextLine)][:40]
    known = [t for t in tables if t.kind and t.kind != "narrative"]
    says_disclosure = any(("预算" in line or "决算" in line) for line in opening)
    if not known and not says_disclosure:
        raise RejectedDocument(
            "not_a_disclosure",
            f"{name}: no budget or final-accounts table (公开NN表 or a known title) and no 预算/决算 heading was found",
        )
    meta = read_metadata(tables, opening, name, department=options.department, year=options.year)
    if meta.fiscal_year is None:
        raise RejectedDocument("unknown_year", f"{name}: no fiscal year is printed or in the file name; pass --year")
    if meta.report_kind is None:
        raise RejectedDocument(
            "unknown_report_kind", f"{name}: cannot tell a budget (预算) from final accounts (决算) in this document"
        )
    return ParsedDocument(
        document_id=sha256_of(data),
        source_name=name,
        source_path=str(path),
        source_format=fmt,
        department_raw=meta.department_raw,
        fiscal_year=meta.fiscal_year,
        report_kind=meta.report_kind,
        page_count=page_count,
        is_synthetic=meta.is_synthetic,
        tables=tables,
        warnings=warnings,
    )


def parse_file(path: Path, options: ParseOptions) -> ParsedDocument:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RejectedDocument("unreadable_file", f"{path.name}: cannot be read ({error.strerror})") from None
    return parse_bytes(data, path, options)
