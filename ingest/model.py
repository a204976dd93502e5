"""What the readers produce and the writer lands."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | None  # None: a position covered by a merged cell; '': an empty cell


@dataclass
class TextLine:
    """A printed line outside any cell grid (a caption, a note, narrative)."""

    page_no: int
    text: str
    # The line split where the printer left a wide gap: "部门：X | 公开02表 | 金额单位：元".
    segments: list[str]
    # True when the line runs to the right margin: the paragraph goes on below.
    runs_to_margin: bool = False


@dataclass
class GridBlock:
    """Rows of cells from one page: a ruled table, an unruled table placed by its
    header's columns, a worksheet, or a run of tab-separated lines."""

    page_no: int
    rows: list[list[Cell]]
    # Whether anything but blank space came before this block on its page.
    first_on_page: bool = True
    # A ruled PDF grid: the x where each of its columns starts (the table continued on the next
    # page may be drawn with other column widths, and is placed by these).
    column_starts: list[float] | None = None


@dataclass
class PageBreak:
    page_no: int


Item = TextLine | GridBlock | PageBreak


@dataclass
class PrintedRow:
    page_no: int
    cells: list[Cell]


@dataclass
class PrintedTable:
    title: str | None
    code: str | None
    kind: str | None
    unit_raw: str | None
    department_raw: str | None
    first_page: int
    rows: list[PrintedRow] = field(default_factory=list)


@dataclass
class ParsedDocument:
    """A document ready to land: its printed tables and what it says about itself."""

    document_id: str  # sha256 of the file's bytes
    source_name: str
    source_path: str
    source_format: str  # pdf | txt | xlsx
    department_raw: str | None
    fiscal_year: int
    report_kind: str  # final_accounts | budget
    page_count: int
    is_synthetic: bool
    tables: list[PrintedTable]
    warnings: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


class RejectedDocument(Exception):
    """A file that cannot land, with a reason a person can act on."""

    def __init__(self, error_kind: str, message: str):
        super().__init__(message)
        self.error_kind = error_kind
        self.message = message
