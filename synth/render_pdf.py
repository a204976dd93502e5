"""The PDF rendering with reportlab and the built-in CID font STSong-Light (nothing to install;
pdfplumber reads its text back).

Looks, chosen per document:
- grid: every cell boxed, as a spreadsheet printed to PDF;
- rules: three horizontal rules only (header top, header bottom, table bottom), as the
  unruled Yunnan rendering: pdfplumber finds no ruled table there;
- plain: no lines at all.
Orientation: portrait, landscape, or mixed (wide tables on landscape pages). A table too long
for its page goes on over the next with its header repeated and no caption; the harmless
repeated row forces such a break and prints the row again. CJK text wraps without spaces and
never splits a number.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from synth.document import Cell, Grid, PrintedDocument, PrintedTable, Row, TextSection

FONT = "STSong-Light"
LOOKS = ("grid", "rules", "plain")
ORIENTATIONS = ("portrait", "landscape", "mixed")
MARGIN_X = 36.0
MARGIN_TOP = 40.0
MARGIN_BOTTOM = 36.0
PAD_X = 2.6
PAD_Y = 2.0
MIN_FONT = 4.5
_WRAPPING = {"name", "label", "text"}
_CAPS = {"name": 120.0, "label": 150.0, "text": 240.0}
_NUMBERISH = set("0123456789.,%-")

_registered = False
_char_widths: dict[str, float] = {}


def _ensure_font() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True


def text_width(text: str, size: float) -> float:
    total = 0.0
    for ch in text:
        width = _char_widths.get(ch)
        if width is None:
            width = pdfmetrics.stringWidth(ch, FONT, 1000) / 1000
            _char_widths[ch] = width
        total += width
    return total * size


def _breakable(text: str, cut: int) -> bool:
    """Whether a line may end before text[cut]. Not inside a number, and not next to one:
    a figure in a sentence keeps a character on each side on its line (…合计6441.93万元…),
    so no reader takes the end or the start of a wrapped line for an amount cell."""
    before, after = text[cut - 1], text[cut]
    return before not in _NUMBERISH and after not in _NUMBERISH


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy CJK wrapping (no spaces needed), breaking only where `_breakable` allows."""
    if not text:
        return [""]
    lines: list[str] = []
    start = 0
    current = 0.0
    i = 0
    while i < len(text):
        w = text_width(text[i], size)
        if current + w > width and i > start:
            cut = i
            while cut > start + 1 and not _breakable(text, cut):
                cut -= 1
            if not _breakable(text, cut):
                cut = i  # no allowed break on this line: break where it is full
            lines.append(text[start:cut])
            start = cut
            current = text_width(text[start:i], size)
        current += w
        i += 1
    lines.append(text[start:])
    return lines


# -- table geometry ----------------------------------------------------------------------


@dataclass
class _Geometry:
    font: float
    widths: list[float]
    header_heights: list[float]
    body_heights: list[float]
    lines: dict[tuple[int, int], list[str]]  # (row index in header+body, col) -> wrapped lines

    @property
    def leading(self) -> float:
        return self.font * 1.25

    @property
    def width(self) -> float:
        return sum(self.widths)


def _anchors(rows: list[Row]):
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None:
                yield r, c, cell


def _column_widths(grid: Grid, font: float, available: float) -> list[float] | None:
    rows = grid.header + grid.body
    natural = [0.0] * grid.n_cols
    header_min = [0.0] * grid.n_cols
    for r, c, cell in _anchors(rows):
        if cell.colspan != 1 or not cell.text:
            continue
        width = text_width(cell.text, font)
        if r < len(grid.header):
            # header labels wrap; they need room for two characters at least
            header_min[c] = max(header_min[c], min(width, font * 2.2))
            if grid.col_kinds[c] not in _WRAPPING:
                natural[c] = max(natural[c], min(width, font * 6))
        else:
            natural[c] = max(natural[c], width)
    preferred, minimum = [], []
    for c, kind in enumerate(grid.col_kinds):
        base = max(natural[c], header_min[c], font)
        if kind in _WRAPPING:
            cap = _CAPS[kind] * font / 8
            preferred.append(min(base, cap) + 2 * PAD_X)
            minimum.append(min(base, font * 4) + 2 * PAD_X)
        else:
            preferred.append(base + 2 * PAD_X)
            minimum.append(base + 2 * PAD_X)
    total = sum(preferred)
    if total <= available:
        # the spare width goes to the columns of names and text (as a designed spreadsheet
        # has them); figures keep columns about as wide as their widest figure
        extra = available - total
        wrapping = [c for c, kind in enumerate(grid.col_kinds) if kind in _WRAPPING]
        widths = list(preferred)
        if wrapping:
            share = sum(preferred[c] for c in wrapping)
            for c in wrapping:
                widths[c] += extra * preferred[c] / share
        else:
            widths = [w * min(1.3, available / total) for w in widths]
        return widths
    flexible = sum(p - m for p, m in zip(preferred, minimum, strict=True))
    need = total - available
    if flexible < need:
        return None
    return [p - (p - m) * need / flexible for p, m in zip(preferred, minimum, strict=True)]


def _geometry(grid: Grid, available: float, start_font: float = 8.0) -> _Geometry | None:
    font = start_font
    while font >= MIN_FONT:
        widths = _column_widths(grid, font, available)
        if widths is not None:
            return _heights(grid, font, widths)
        font -= 0.5
    return None


def _heights(grid: Grid, font: float, widths: list[float]) -> _Geometry:
    rows = grid.header + grid.body
    leading = font * 1.25
    heights = [leading + 2 * PAD_Y] * len(rows)
    lines: dict[tuple[int, int], list[str]] = {}
    spans: list[tuple[int, int, float]] = []
    for r, c, cell in _anchors(rows):
        inner = sum(widths[c: c + cell.colspan]) - 2 * PAD_X
        wrapped = [cell.text] if cell.is_amount else wrap(cell.text, inner, font)
        lines[(r, c)] = wrapped
        need = len(wrapped) * leading + 2 * PAD_Y
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need)
        else:
            spans.append((r, cell.rowspan, need))
    for r, span, need in spans:
        have = sum(heights[r: r + span])
        if have < need:
            heights[r + span - 1] += need - have
    header_count = len(grid.header)
    return _Geometry(font, widths, heights[:header_count], heights[header_count:], lines)


def _groups(grid: Grid) -> list[tuple[int, int]]:
    """Body rows that must stay on one page (joined by a cell spanning them): [start, end)."""
    reach = list(range(1, len(grid.body) + 1))
    for r, _c, cell in _anchors(grid.body):
        reach[r] = max(reach[r], r + cell.rowspan)
    groups: list[tuple[int, int]] = []
    start = 0
    while start < len(grid.body):
        end = reach[start]
        k = start
        while k < end:
            end = max(end, reach[k])
            k += 1
        groups.append((start, end))
        start = end
    return groups


# -- drawing --------------------------------------------------------------------------------


class _Writer:
    def __init__(self, look: str, orientation: str, title: str):
        _ensure_font()
        self.look = look
        self.orientation = orientation
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("budgetwh synth")
        self.canvas.setCreator("budgetwh synth")
        self.pages = 0
        self.page_open = False
        self.size = A4
        self.y = 0.0

    # pages
    def new_page(self, wide: bool = False) -> None:
        if self.page_open:
            self.canvas.showPage()
        if self.orientation == "landscape" or (self.orientation == "mixed" and wide):
            self.size = landscape(A4)
        else:
            self.size = A4
        self.canvas.setPageSize(self.size)
        self.pages += 1
        self.page_open = True
        self.y = self.size[1] - MARGIN_TOP

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN_X

    def room(self) -> float:
        return self.y - MARGIN_BOTTOM

    # text
    def text(self, x: float, text: str, size: float, align: str = "left", width: float | None = None) -> None:
        c = self.canvas
        c.setFont(FONT, size)
        baseline = self.y - size
        if align == "center":
            span = width if width is not None else self.width
            c.drawString(x + (span - text_width(text, size)) / 2, baseline, text)
        elif align == "right":
            span = width if width is not None else self.width
            c.drawString(x + span - text_width(text, size), baseline, text)
        else:
            c.drawString(x, baseline, text)

    def line_of(self, text: str, size: float, align: str = "left", gap: float = 0.35) -> None:
        self.text(MARGIN_X, text, size, align)
        self.y -= size * (1 + gap)

    def paragraph(self, text: str, size: float) -> None:
        leading = size * 1.6
        for line in wrap(text, self.width, size):
            if self.room() < leading:
                self.new_page()
            self.text(MARGIN_X, line, size)
            self.y -= leading
        self.y -= size * 0.4

    def close(self) -> bytes:
        if not self.page_open:
            self.new_page()
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _caption(writer: _Writer, table: PrintedTable, heading: str | None) -> None:
    if heading:
        writer.line_of(heading, 10.5)
    writer.line_of(table.title, 14, align="center", gap=0.6)
    department = f"{table.department_label}{table.department}" if table.department is not None else None
    size = 9.0
    if table.code and table.unit:
        writer.text(MARGIN_X, table.code, size, align="right")
        writer.y -= size * 1.4
    left = department or ""
    right = table.unit or (table.code if table.code and not table.unit else "")
    if left or right:
        if left:
            writer.text(MARGIN_X, left, size)
        if right:
            writer.text(MARGIN_X, right, size, align="right")
        writer.y -= size * 1.5
    writer.y -= 2


def _draw_rows(writer: _Writer, grid: Grid, geometry: _Geometry, rows: list[tuple[int, Row, float]], x0: float) -> None:
    """Draw rows (index in header+body, cells, height) top down from writer.y."""
    c = writer.canvas
    tops: dict[int, float] = {}
    y = writer.y
    for index, _row, height in rows:
        tops[index] = y
        y -= height
    bottoms = {index: tops[index] - height for index, _row, height in rows}
    order = [index for index, _row, _h in rows]
    c.setLineWidth(0.5)
    for position, (index, row, _height) in enumerate(rows):
        x = x0
        for col, cell in enumerate(row):
            width = geometry.widths[col]
            if cell is None:
                x += width
                continue
            span_width = sum(geometry.widths[col: col + cell.colspan])
            last = order[min(position + cell.rowspan - 1, len(order) - 1)]
            top, bottom = tops[index], bottoms[last]
            if writer.look == "grid":
                c.rect(x, bottom, span_width, top - bottom, stroke=1, fill=0)
            _cell_text(writer, cell, geometry.lines.get((index, col), [cell.text]), x, top, bottom, span_width,
                       geometry.font)
            x += width
    writer.y = y


def _cell_text(writer: _Writer, cell: Cell, lines: list[str], x: float, top: float, bottom: float, width: float,
               font: float) -> None:
    if not cell.text:
        return
    c = writer.canvas
    c.setFont(FONT, font)
    leading = font * 1.25
    block = len(lines) * leading
    first_baseline = top - (top - bottom - block) / 2 - font
    for k, line in enumerate(lines):
        baseline = first_baseline - k * leading
        if cell.align == "right":
            tx = x + width - PAD_X - text_width(line, font)
        elif cell.align == "center":
            tx = x + (width - text_width(line, font)) / 2
        else:
            tx = x + PAD_X
        c.drawString(tx, baseline, line)


def _rule(writer: _Writer, x0: float, width: float, y: float) -> None:
    writer.canvas.setLineWidth(0.8)
    writer.canvas.line(x0, y, x0 + width, y)


def _table(writer: _Writer, table: PrintedTable, heading: str | None) -> None:
    wide = table.wide
    writer.new_page(wide)
    geometry = _geometry(table.grid, writer.width)
    if geometry is None and writer.orientation == "portrait":
        writer.size = landscape(A4)  # nothing fits a portrait page at a legible size: turn this page
        writer.canvas.setPageSize(writer.size)
        writer.y = writer.size[1] - MARGIN_TOP
        geometry = _geometry(table.grid, writer.width)
    assert geometry is not None, f"{table.title} does not fit the page"
    grid = table.grid
    _caption(writer, table, heading)
    x0 = MARGIN_X
    header_rows = [(i, row, geometry.header_heights[i]) for i, row in enumerate(grid.header)]
    offset = len(grid.header)

    def body_row(r: int) -> tuple[int, Row, float]:
        return offset + r, grid.body[r], geometry.body_heights[r]

    def start_segment(repeat: list[tuple[int, Row, float]]) -> float:
        top = writer.y
        if repeat:
            _draw_rows(writer, grid, geometry, repeat, x0)
        if writer.look == "rules":
            _rule(writer, x0, geometry.width, top)
            if repeat:
                _group_rules(writer, geometry, repeat, top, x0)
                _rule(writer, x0, geometry.width, writer.y)
        return top

    def continuation_header(after: int) -> list[tuple[int, Row, float]]:
        if grid.inner_header is not None:
            start, end = grid.inner_header
            if after >= end:
                return [body_row(r) for r in range(start, end)]
            return []
        return header_rows

    start_segment(header_rows)
    groups = _groups(grid)
    for gi, (start, end) in enumerate(groups):
        rows = [body_row(r) for r in range(start, end)]
        need = sum(h for _i, _row, h in rows)
        if need > writer.room() and writer.y < writer.size[1] - MARGIN_TOP - 1:
            _end_segment(writer, x0, geometry)
            writer.new_page(wide)
            start_segment(continuation_header(start - 1))
        _draw_rows(writer, grid, geometry, rows, x0)
        if grid.break_after is not None and start <= grid.break_after < end and gi < len(groups) - 1:
            # harmless mess: the page breaks here and the next page repeats the header and this row
            _end_segment(writer, x0, geometry)
            writer.new_page(wide)
            repeat = continuation_header(grid.break_after)
            start_segment(repeat + [body_row(grid.break_after)] if repeat else [body_row(grid.break_after)])
    _end_segment(writer, x0, geometry)
    writer.y -= 6
    for note in table.notes:
        if writer.room() < 20:
            writer.new_page(wide)
        writer.paragraph(note, 8.5)


def _group_rules(writer: _Writer, geometry: _Geometry, rows: list[tuple[int, Row, float]], top: float,
                 x0: float) -> None:
    """Under a header label spanning several columns (收入, 年初结转和结余), a short rule across
    its columns, as the unruled Yunnan rendering draws them."""
    y = top
    last = len(rows) - 1
    for position, (_index, row, height) in enumerate(rows):
        x = x0
        for col, cell in enumerate(row):
            width = geometry.widths[col]
            if cell is not None and cell.colspan > 1 and position + cell.rowspan - 1 < last:
                span = sum(geometry.widths[col: col + cell.colspan])
                bottom = y - sum(h for _i, _r, h in rows[position: position + cell.rowspan])
                writer.canvas.setLineWidth(0.5)
                writer.canvas.line(x + 1, bottom, x + span - 1, bottom)
            x += width
        y -= height


def _end_segment(writer: _Writer, x0: float, geometry: _Geometry) -> None:
    if writer.look == "rules":
        _rule(writer, x0, geometry.width, writer.y)


def _section(writer: _Writer, section: TextSection) -> None:
    writer.new_page()
    if section.heading:
        writer.line_of(section.heading, 14, align="center", gap=0.8)
    for paragraph in section.paragraphs:
        writer.paragraph(paragraph, 10.5)


def render_pdf(document: PrintedDocument, look: str, orientation: str) -> tuple[bytes, int]:
    writer = _Writer(look, orientation, document.heading)
    pending_heading: str | None = None
    first = True
    for part in document.parts:
        if isinstance(part, TextSection):
            if part.kind == "narrative" and not part.paragraphs:
                pending_heading = part.heading  # 第二部分 …: printed above the next table's title
                continue
            if first:
                _cover(writer, document.heading)
                first = False
            _section(writer, part)
            continue
        if first:
            pending_heading = document.heading  # the document heading tops the first table's page
            first = False
        _table(writer, part, pending_heading)
        pending_heading = None
    return writer.close(), writer.pages


def _cover(writer: _Writer, heading: str) -> None:
    writer.new_page()
    writer.y = writer.size[1] * 0.6
    writer.line_of(heading, 18, align="center")
