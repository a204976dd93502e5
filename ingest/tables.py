"""Find the printed tables in a reader's stream of lines and grids.

Every reader (PDF, text rendering, workbook) turns a document into the same stream of
`TextLine`s and `GridBlock`s in print order; this module alone decides where a table
starts (its code or title), which lines caption it (部门, 金额单位), where it continues
over a page, which rows are a header printed again, and what is narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.catalogue import TABLE_CODE, Catalogue, canonical_code, normalise_title
from ingest.model import Cell, GridBlock, Item, PageBreak, PrintedRow, PrintedTable, TextLine

AMOUNT = re.compile(r"^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2}$")
SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_DEPARTMENT = re.compile(r"^(?:编制|预算)?(?:部门|单位)(?:名称)?\s*[:：]\s*(.*)$")
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:人民币)?\s*(万元|千元|元)")
_PAGE_NUMBER = re.compile(r"^[—─\-–_\s]*[-—─–]?\s*\d{1,3}\s*[-—─–]?[—─\-–_\s]*$|^第\s*\d+\s*页")
_PART_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|目\s*录$)")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：\d]|^此表为空|^本表|.*(?:本表无数据|无相关收支|故本表为空)")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_SMALL_INT = re.compile(r"^\d{1,2}$")


def squeeze_cjk(text: str) -> str:
    """Drop the spaces a PDF's letter-spacing puts between CJK characters."""
    return _CJK_GAP.sub("", text)


def is_amount(text: str | None) -> bool:
    return bool(text) and bool(AMOUNT.match(text.strip()))


def _comparable(cells: list[Cell]) -> tuple[str, ...]:
    """The printed text of a row, whatever column the renderer put each label in."""
    return tuple(v for v in (re.sub(r"\s+", "", c or "") for c in cells) if v)


def is_header_like(cells: list[Cell]) -> bool:
    """A row that labels columns: no figure at all, or only column numbers counting up."""
    filled = [c.strip() for c in cells if c and c.strip()]
    if not filled:
        return False
    numbers = []
    for value in filled:
        if any(ch.isdigit() for ch in value):
            if not _SMALL_INT.match(value):
                return False
            numbers.append(int(value))
    # column numbers (栏次 1 2 3 …) count up; a data row's small figures do not
    return all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


@dataclass
class Caption:
    title: str | None = None
    code: str | None = None
    department: str | None = None
    unit: str | None = None
    page_no: int | None = None

    def has_identity(self) -> bool:
        return bool(self.title or self.code)

    def absorb(self, other: Caption) -> None:
        self.title = self.title or other.title
        self.code = self.code or other.code
        self.department = self.department or other.department
        self.unit = self.unit or other.unit
        self.page_no = self.page_no or other.page_no


def classify_caption(segments: list[str], catalogue: Catalogue) -> Caption | None:
    """The caption parts of a line, or None when any part of it is something else."""
    caption = Caption()
    found = False
    pending_department_value = False
    for raw in segments:
        segment = raw.strip()
        if not segment:
            continue
        if pending_department_value and not _UNIT.search(segment) and not canonical_code(segment):
            caption.department = squeeze_cjk(segment)
            pending_department_value = False
            continue
        code = canonical_code(segment)
        if code:
            caption.code = code
            found = True
            segment = TABLE_CODE.sub(" ", segment).strip()
            if not segment:
                continue
        unit = _UNIT.search(segment)
        if unit:
            caption.unit = segment[unit.start():].strip()
            found = True
            segment = segment[: unit.start()].strip()
            if not segment:
                continue
        department = _DEPARTMENT.match(segment)
        if department:
            caption.department = squeeze_cjk(department.group(1).strip()) or None
            pending_department_value = caption.department is None
            found = True
            continue
        if catalogue.match_title(segment):
            caption.title = squeeze_cjk(re.sub(r"\s+", " ", segment).strip())
            found = True
            continue
        return None
    return caption if found else None


def _merge_wrapped_titles(items: list[Item], catalogue: Catalogue) -> list[Item]:
    """A title too long for its line ('…支出预算' / '表') is one caption line."""
    merged: list[Item] = []
    for item in items:
        previous = merged[-1] if merged else None
        if (
            isinstance(item, TextLine)
            and isinstance(previous, TextLine)
            and previous.page_no == item.page_no
            and len(item.text) <= 12
            and not catalogue.match_title(previous.text)
            and catalogue.match_title(previous.text + item.text)
        ):
            merged[-1] = TextLine(
                page_no=item.page_no,
                text=previous.text + item.text,
                segments=[previous.text + item.text],
            )
            continue
        merged.append(item)
    return merged


@dataclass
class _Assembly:
    catalogue: Catalogue
    paged: bool  # PDF: pages are real; text/xlsx: a repeated header marks a page break
    tables: list[PrintedTable] = field(default_factory=list)
    caption_text: list[str] = field(default_factory=list)
    pending: Caption | None = None
    current: PrintedTable | None = None
    narrative: PrintedTable | None = None
    last_text: TextLine | None = None
    page_shift: int = 0  # virtual page breaks found in an unpaged source
    narrative_continues: bool = False
    department_just_printed: bool = False
    current_page: int | None = None  # the last page a grid of the open table was printed on
    current_starts: list[float] | None = None  # where the open table's columns start (a ruled PDF grid)

    # -- tables -------------------------------------------------------------
    def _open(self, caption: Caption, page_no: int, title_hint: str | None = None) -> PrintedTable:
        title = caption.title or title_hint
        table = PrintedTable(
            title=title,
            code=caption.code,
            kind=self.catalogue.kind_for(caption.title, caption.code),
            unit_raw=caption.unit,
            department_raw=caption.department,
            first_page=page_no + self.page_shift,
        )
        self.tables.append(table)
        self.current = table
        self.narrative = None
        self.pending = None
        return table

    def _append(self, table: PrintedTable, page_no: int, cells: list[Cell]) -> None:
        table.rows.append(PrintedRow(page_no=page_no + self.page_shift, cells=cells))

    def _drop_repeated_header(self, table: PrintedTable, rows: list[list[Cell]]) -> list[list[Cell]]:
        seen = {_comparable(r.cells) for r in table.rows if is_header_like(r.cells)}
        dropped = 0
        while dropped < len(rows) and is_header_like(rows[dropped]) and _comparable(rows[dropped]) in seen:
            dropped += 1
        if dropped and not self.paged:
            self.page_shift += 1
        return rows[dropped:]

    def _peel_caption_rows(self, block: GridBlock) -> list[list[Cell]]:
        rows = list(block.rows)
        while rows:
            segments = [c for c in rows[0] if c and c.strip()]
            caption = classify_caption(segments, self.catalogue) if segments else None
            if caption is None:
                break
            self._take_caption(caption, block.page_no, " ".join(segments))
            rows.pop(0)
        return rows

    def _take_caption(self, caption: Caption, page_no: int, text: str) -> None:
        self.caption_text.append(text)
        caption.page_no = page_no
        if caption.has_identity():
            if self.pending and self.pending.has_identity():
                clash = (caption.title and self.pending.title) or (caption.code and self.pending.code)
                if clash:
                    self._flush_pending_without_grid(page_no)
            self.current = None
            self.narrative = None
            if self.pending is None:
                self.pending = caption
            else:
                self.pending.absorb(caption)
        elif self.pending is not None:
            self.pending.absorb(caption)
        elif self.current is not None:
            self.current.unit_raw = self.current.unit_raw or caption.unit
            self.current.department_raw = self.current.department_raw or caption.department
        else:
            self.pending = caption

    def _flush_pending_without_grid(self, page_no: int) -> None:
        """A numbered table printed with its caption only is still a table (with no rows)."""
        if self.pending and self.pending.code:
            self._open(self.pending, self.pending.page_no or page_no)
        self.pending = None

    # -- the stream -----------------------------------------------------------
    def feed_line(self, line: TextLine) -> None:
        text = line.text.strip()
        if not text or _PAGE_NUMBER.match(text):
            return
        caption = classify_caption(line.segments or [text], self.catalogue)
        if caption is not None:
            self._take_caption(caption, line.page_no, text)
            self.department_just_printed = self.pending is not None and bool(self.pending.department)
            self.last_text = None
            return
        just_printed, self.department_just_printed = self.department_just_printed, False
        if _PART_HEADING.match(text):
            self.pending = None
            self.current = None
            self._start_narrative(line.page_no, text)
            self.last_text = line
            return
        if self.pending is not None:
            if _NOTE.match(text) and self.pending.has_identity():
                table = self._open(self.pending, line.page_no)
                self._append(table, line.page_no, [text])
                return
            if just_printed and len(text) <= 16:
                # a department name too long for its cell wraps onto the next line
                self.pending.department = (self.pending.department or "") + text
                return
        if self.current is not None and (not self.paged or self._on_current_page(line.page_no)):
            # a row printed outside the grid keeps its printed columns
            cells = [squeeze_cjk(s.strip()) for s in line.segments if s.strip()] or [text]
            self._append(self.current, line.page_no, cells if len(cells) > 1 else [text])
            self.last_text = line
            return
        self._narrate(line)

    def _on_current_page(self, page_no: int) -> bool:
        return self.current is not None and self.current_page == page_no

    def _start_narrative(self, page_no: int, heading: str | None) -> None:
        self.narrative = PrintedTable(
            title=heading, code=None, kind="narrative", unit_raw=None, department_raw=None,
            first_page=page_no + self.page_shift,
        )
        self.tables.append(self.narrative)
        self.narrative_continues = False
        if heading:
            self._append(self.narrative, page_no, [heading])

    def _narrate(self, line: TextLine) -> None:
        self.current = None
        if self.narrative is None:
            self._start_narrative(line.page_no, None)
        assert self.narrative is not None
        text = line.text.strip()
        if self.narrative_continues and self.narrative.rows:
            last = self.narrative.rows[-1]
            last.cells = [squeeze_cjk((last.cells[0] or "") + text)]
        else:
            self._append(self.narrative, line.page_no, [text])
        self.narrative_continues = line.runs_to_margin
        self.last_text = line

    def feed_grid(self, block: GridBlock) -> None:
        rows = self._peel_caption_rows(block)
        if not rows:
            return
        if self.pending is not None and (self.pending.has_identity() or self.current is None):
            hint = None
            if not self.pending.has_identity() and self.last_text is not None:
                hint = self.last_text.text.strip()
            table = self._open(self.pending, block.page_no, title_hint=hint)
            self.current_starts = block.column_starts
        elif self.current is not None and (block.first_on_page or not self.paged or self._on_current_page(block.page_no)):
            table = self.current
            if block.column_starts and self.current_starts:
                rows = realigned(rows, block.column_starts, self.current_starts)
            rows = self._drop_repeated_header(table, rows)
        else:
            hint = self.last_text.text.strip() if self.last_text is not None else None
            table = self._open(Caption(), block.page_no, title_hint=hint)
            self.current_starts = block.column_starts
        for cells in rows:
            self._append(table, block.page_no, cells)
        self.current_page = block.page_no
        self.last_text = None

    def finish(self) -> list[PrintedTable]:
        if self.pending is not None:
            self._flush_pending_without_grid(self.pending.page_no or 1)
        return [t for t in self.tables if t.rows or t.code]


def realigned(rows: list[list[Cell]], starts: list[float], table_starts: list[float], tolerance: float = 6.0) -> list[list[Cell]]:
    """The rows of a table's continuation drawn with other column widths (a Jiangsu 收支预算总表 is
    7 columns on its first page, 5 on the next), placed in the columns of the table's first grid:
    each cell goes to the column that starts where it starts (the grid's left edge aligned). A
    column that carries nothing may start anywhere; a column that cannot be placed leaves the rows
    as printed. A first-grid column that a wider cell covers is None (merged), as on the first page."""
    if not starts or not table_starts:
        return rows
    shift = table_starts[0] - starts[0]
    mapping: list[int | None] = []
    for j, start in enumerate(starts):
        nearest = min(range(len(table_starts)), key=lambda i: abs(table_starts[i] - (start + shift)))
        if abs(table_starts[nearest] - (start + shift)) <= tolerance:
            mapping.append(nearest)
        elif all(not (row[j] or "").strip() for row in rows if j < len(row)):
            mapping.append(None)
        else:
            return rows
    placed = [m for m in mapping if m is not None]
    if len(set(placed)) != len(placed) or placed != sorted(placed):
        return rows
    if mapping == list(range(len(table_starts))):
        return rows
    out = []
    for row in rows:
        new: list[Cell] = [""] * len(table_starts)
        for j, cell in enumerate(row):
            target = mapping[j] if j < len(mapping) else None
            if target is None:
                continue
            new[target] = cell
            # the first-grid columns this cell spans up to the next placed column
            following = next((m for m in mapping[j + 1:] if m is not None), len(table_starts))
            for covered in range(target + 1, following):
                new[covered] = None
        out.append(new)
    return out


def assemble(items: list[Item], catalogue: Catalogue, paged: bool) -> tuple[list[PrintedTable], list[str], int]:
    """Tables in document order, the caption lines (for the document's metadata), and
    the number of pages (virtual pages for an unpaged source)."""
    assembly = _Assembly(catalogue=catalogue, paged=paged)
    pages = 0
    for item in _merge_wrapped_titles(items, catalogue):
        if isinstance(item, PageBreak):
            pages = max(pages, item.page_no)
            continue
        pages = max(pages, item.page_no)
        if isinstance(item, TextLine):
            assembly.feed_line(item)
        else:
            assembly.feed_grid(item)
    tables = assembly.finish()
    return tables, assembly.caption_text, pages + assembly.page_shift


__all__ = ["assemble", "classify_caption", "is_amount", "is_header_like", "normalise_title", "squeeze_cjk"]
