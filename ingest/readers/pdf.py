"""PDF disclosures through pdfplumber: ruled grids, unruled tables, captions, narrative.

One pass over each page: its words (for captions, notes, narrative and unruled tables)
and its ruled tables come from the same parsed characters.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFXRefFallback
from pdfminer.pdfparser import PDFSyntaxError

from ingest.catalogue import load_catalogue
from ingest.model import Cell, GridBlock, Item, PageBreak, RejectedDocument, TextLine
from ingest.tables import SUBJECT_CODE, classify_caption, is_amount, squeeze_cjk

_NOTE_OR_END = re.compile(r"^(?:注|说明|备注)\s*[:：\d]|^此表为空|^第[一二三四五六七八九十]+部分")
_TOTAL_LABEL = re.compile(r"^(?:合\s*计|总\s*计)$")
_DASH = {"—", "-", "－", "--", "——"}


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def segments(self) -> list[str]:
        """Word runs split at gaps wider than about two characters."""
        ordered = sorted(self.words, key=lambda w: w.x0)
        char_width = median((w.x1 - w.x0) / max(len(w.text), 1) for w in ordered)
        runs: list[list[Word]] = [[ordered[0]]]
        for word in ordered[1:]:
            if word.x0 - runs[-1][-1].x1 > 2.5 * char_width:
                runs.append([word])
            else:
                runs[-1].append(word)
        return [_join_words([w.text for w in run]) for run in runs]

    @property
    def text(self) -> str:
        return " ".join(self.segments())


def _join_words(texts: list[str]) -> str:
    out = ""
    for text in texts:
        if out and out[-1].isascii() and out[-1].isalnum() and text[:1].isascii() and text[:1].isalnum():
            out += " "
        out += text
    return squeeze_cjk(out)


def _group_lines(words: list[Word]) -> list[Line]:
    """Words whose vertical extents mostly overlap the line's first word print on one
    line; a figure set a few points off its sentence's baseline stays in the sentence."""
    lines: list[Line] = []
    anchors: list[Word] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            anchor = anchors[-1]
            overlap = min(anchor.bottom, word.bottom) - max(anchor.top, word.top)
            if overlap >= 0.5 * min(word.height, anchor.height):
                lines[-1].words.append(word)
                continue
        lines.append(Line(words=[word]))
        anchors.append(word)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


_FIGURE_THEN_LABEL = re.compile(r"^([-－]?[\d,]+\.\d{1,2})(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])([-－]?[\d,]+\.\d{1,2})$")


def _split_figure_from_label(word: dict) -> list[Word]:
    """A figure printed flush against the next label ('65,931,892.81总计') is two words."""
    text, chars = word["text"], word.get("chars") or []
    match = _FIGURE_THEN_LABEL.search(text)
    if not match or len(chars) != len(text):
        return [Word(text, word["x0"], word["x1"], word["top"], word["bottom"])]
    cut = match.end() if match.group(1) else match.start()
    pieces = []
    for part in (chars[:cut], chars[cut:]):
        pieces.append(Word(
            "".join(c["text"] for c in part), min(c["x0"] for c in part), max(c["x1"] for c in part),
            word["top"], word["bottom"],
        ))
    return pieces


def _clean_cell(value: str | None) -> Cell:
    if value is None:
        return None
    return squeeze_cjk(value.replace("\n", "")).strip()


# -- unruled tables ----------------------------------------------------------


def _is_body_line(line: Line) -> bool:
    texts = [w.text for w in line.words]
    if any(is_amount(t) for t in texts):
        return True
    first = texts[0]
    if _TOTAL_LABEL.match(first):
        # a 合计 row with no figures is an empty table's; a line of labels starting with 合计 is a
        # header (Shanghai's 三公: 合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费)
        return len(texts) <= 2 or any(t in _DASH or t.replace(",", "").isdigit() for t in texts[1:])
    return bool(SUBJECT_CODE.match(first) or first in _DASH)


def _is_figure(text: str) -> bool:
    return is_amount(text) or text in _DASH or text.replace(",", "").replace(".", "", 1).isdigit()


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _columns_from_header(header: list[Line], body: list[Line]) -> tuple[list[tuple[float, float]], list[bool]]:
    """Columns are the header's lowest labels (a label with nothing printed beneath it);
    body words under no label form columns of their own."""
    header_words = [w for line in header for w in line.words]
    leaves = []
    for word in header_words:
        below = [
            other for other in header_words
            if other.top > word.bottom - 1 and _overlap(word.x0, word.x1, other.x0, other.x1) > 0
        ]
        if not below:
            leaves.append((word.x0, word.x1))
    # a labelled column reaches as wide as the figures printed under its label (not its prose:
    # a wrapped goal text would stretch it over the next column's figures)
    widened = [list(leaf) for leaf in leaves]
    for line in body:
        for word in line.words:
            if not _is_figure(word.text):
                continue
            hits = [i for i, (c0, c1) in enumerate(leaves) if _overlap(word.x0, word.x1, c0, c1) > 0]
            if len(hits) == 1:
                column = widened[hits[0]]
                column[0], column[1] = min(column[0], word.x0), max(column[1], word.x1)
    leaves = [(c[0], c[1]) for c in widened]
    orphan_columns: list[list[float]] = []
    for line in body:
        for word in line.words:
            if any(_overlap(word.x0, word.x1, c0, c1) > 0 for c0, c1 in leaves):
                continue
            if leaves and _is_figure(word.text):
                continue  # a short right-aligned figure belongs to the nearest labelled column
            for column in orphan_columns:
                if _overlap(word.x0, word.x1, column[0], column[1]) > 0:
                    column[0], column[1] = min(column[0], word.x0), max(column[1], word.x1)
                    break
            else:
                orphan_columns.append([word.x0, word.x1])
    columns = sorted([(c, True) for c in leaves] + [((c[0], c[1]), False) for c in orphan_columns])
    return [c for c, _ in columns], [labelled for _, labelled in columns]


def _column_of(word: Word, columns: list[tuple[float, float]], allowed: list[bool] | None = None) -> int:
    best, best_overlap = 0, float("-inf")
    centre = (word.x0 + word.x1) / 2
    for i, (c0, c1) in enumerate(columns):
        if allowed is not None and not allowed[i]:
            continue
        score = _overlap(word.x0, word.x1, c0, c1)
        if score <= 0:
            score = -min(abs(centre - c0), abs(centre - c1))
        if score > best_overlap:
            best, best_overlap = i, score
    return best


def _spanned_columns(word: Word, columns: list[tuple[float, float]]) -> list[int]:
    return [i for i, (c0, c1) in enumerate(columns) if _overlap(word.x0, word.x1, c0, c1) > 0]


def _is_fragment(line: Line) -> bool:
    """A line with no figure, number or dash: it may be a wrapped piece of a cell."""
    return not any(any(ch.isdigit() for ch in w.text) or w.text in _DASH for w in line.words)


def _merge_wrapped_rows(body: list[Line]) -> list[list[Line]]:
    """A cell whose text wraps prints lines above and below its row's figures; those
    fragments (no figure, no code) belong to the nearer full row."""
    full = [i for i, line in enumerate(body) if not _is_fragment(line)]
    if len(full) < 2:
        return [[line] for line in body]
    pitch = median(body[b].middle - body[a].middle for a, b in zip(full, full[1:], strict=False))
    groups: dict[int, list[Line]] = {i: [body[i]] for i in full}
    for i, line in enumerate(body):
        if i in groups:
            continue
        nearest = min(full, key=lambda j: abs(body[j].middle - line.middle))
        if abs(body[nearest].middle - line.middle) < 0.75 * pitch:
            groups[nearest].append(line)
        else:
            groups[i] = [line]
    return [sorted(groups[k], key=lambda ln: ln.middle) for k in sorted(groups)]


def _group_span(word: Word, columns: list[tuple[float, float]], rules: list[tuple[float, float, float]]) -> list[int]:
    """The columns a header label spans: those under the rule drawn just beneath it (a group
    header like 年初结转和结余 is centred over its columns and underlined across them), else those
    it overlaps."""
    table_width = (columns[-1][1] - columns[0][0]) if columns else 0
    for x0, top, x1 in rules:
        if (word.bottom - 1 <= top <= word.bottom + 8 and _overlap(word.x0, word.x1, x0, x1) > 0
                and word.x1 - word.x0 < x1 - x0 < 0.8 * table_width):
            spanned = [i for i, (c0, c1) in enumerate(columns) if x0 - 1 <= (c0 + c1) / 2 <= x1 + 1]
            if spanned:
                return spanned
    return _spanned_columns(word, columns)


Layout = tuple[list[tuple[float, float]], list[bool]]


def unruled_grid(
    lines: list[Line], rules: list[tuple[float, float, float]] | None = None, layout: Layout | None = None
) -> tuple[list[list[Cell]], Layout]:
    """Place the words of a table printed without a cell grid by its header's columns. A page that
    continues a table keeps the columns of the page it continues, so its rows line up with them."""
    first_body = next((i for i, line in enumerate(lines) if _is_body_line(line)), len(lines))
    header, body = lines[:first_body], lines[first_body:]
    if not header:
        header = lines[:1]
    columns, labelled = layout if layout else _columns_from_header(header, body)
    header_words = [w for line in header for w in line.words]
    groups = {
        id(w) for w in header_words
        if any(o.top > w.bottom - 1 and _overlap(w.x0, w.x1, o.x0, o.x1) > 0 for o in header_words)
    }
    rows: list[list[Cell]] = []
    for line in header:
        cells: list[Cell] = [""] * len(columns)
        for word in line.words:
            span = _group_span(word, columns, rules or []) if id(word) in groups else _spanned_columns(word, columns)
            spanned = span or [_column_of(word, columns)]
            first = spanned[0]
            cells[first] = _join_words([cells[first] or "", word.text]) if cells[first] else word.text
            for other in spanned[1:]:
                if cells[other] == "":
                    cells[other] = None
        rows.append(cells)
    for group in _merge_wrapped_rows(body):
        parts: list[list[str]] = [[] for _ in columns]
        last_figure_column = -1
        for word in sorted((w for line in group for w in line.words), key=lambda w: w.x0):
            if not _is_figure(word.text):
                parts[_column_of(word, columns)].append(word.text)
                continue
            # a figure belongs under a label, and the figures of a row keep their order: where a
            # form's header and rows do not line up, a figure never shares a cell with the one before
            column = _column_of(word, columns, labelled if any(labelled) else None)
            if column <= last_figure_column and last_figure_column + 1 < len(columns):
                column = last_figure_column + 1
            last_figure_column = max(last_figure_column, column)
            parts[column].append(word.text)
        rows.append([_join_words(p) if p else "" for p in parts])
    return rows, (columns, labelled)


# -- pages -----------------------------------------------------------------


@dataclass
class _PageState:
    unruled_open: bool = False
    layout: tuple | None = None  # the columns of the unruled table a page may continue


def _is_tabular(line: Line) -> bool:
    return len(line.segments()) >= 2 or _is_body_line(line)


def _contains(outer: tuple, inner: tuple) -> bool:
    return outer != inner and outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and outer[2] >= inner[2] - 1 and outer[3] >= inner[3] - 1


def _frames(cells: list[tuple]) -> set[tuple]:
    """Cells that enclose other cells: a border drawn round the whole table (and its
    title), not a cell of it."""
    if len(cells) < 3:
        return set()
    areas = sorted((c[2] - c[0]) * (c[3] - c[1]) for c in cells)
    typical = areas[len(areas) // 2]
    return {
        c for c in cells
        if (c[2] - c[0]) * (c[3] - c[1]) > 2 * typical and any(_contains(c, o) for o in cells)
    }


def _caption_lines(text: str, catalogue) -> list[str] | None:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return None
    for line in lines:
        if classify_caption(re.split(r"\s{2,}", line), catalogue) is None:
            return None
    return lines


def _grid_items(table, frames: set[tuple], page_no: int, right_margin: float) -> list[tuple[float, Item]]:
    """A ruled table's rows; caption rows inside the grid (a title cell spanning the
    table) come out as caption lines and split the grid there."""
    catalogue = load_catalogue()
    raw_rows = table.extract(x_tolerance=2, y_tolerance=2)
    boxes = [row.cells for row in table.rows]
    tops = [row.bbox[1] for row in table.rows]
    for r, row_boxes in enumerate(boxes):
        for c, box in enumerate(row_boxes):
            if box is not None and box in frames:
                raw_rows[r][c] = ""
    width = max((len(r) for r in raw_rows), default=0)
    used = [any(r[c] for r in raw_rows if c < len(r)) for c in range(width)]
    # pdfplumber's columns are the distinct left edges of the grid's cells
    starts = sorted({round(cell[0], 1) for cell in table.cells})
    column_starts = [starts[c] for c in range(width) if used[c]] if len(starts) == width else None
    out: list[tuple[float, Item]] = []
    block: list[list[Cell]] = []
    block_top = None
    for top, raw in zip(tops, raw_rows, strict=True):
        filled = [v for v in raw if v and v.strip()]
        if not filled:
            continue
        caption = None
        if all(_caption_lines(v, catalogue) for v in filled):
            caption = [line for v in filled for line in _caption_lines(v, catalogue) or []]
        if caption:
            if block:
                out.append((block_top, GridBlock(page_no=page_no, rows=block, column_starts=column_starts)))
                block, block_top = [], None
            for offset, line in enumerate(caption):
                out.append((top + offset * 0.01, TextLine(page_no=page_no, text=line, segments=re.split(r"\s{2,}| (?=(?:金额)?单位[:：])", line))))
            continue
        if block_top is None:
            block_top = top
        block.append([_clean_cell(v) for c, v in enumerate(raw) if c < width and used[c]])
    if block:
        out.append((block_top, GridBlock(page_no=page_no, rows=block, column_starts=column_starts)))
    return out


def _page_items(page, page_no: int, state: _PageState) -> list[Item]:
    catalogue = load_catalogue()
    tables = [t for t in page.find_tables() if len(t.columns) >= 2 and len(t.rows) >= 1]
    frames = _frames([c for t in tables for c in t.cells])
    cell_boxes = [c for t in tables for c in t.cells if c not in frames]

    def in_cell(word: dict) -> bool:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in cell_boxes)

    free_words = [
        piece
        for w in page.extract_words(x_tolerance=2, y_tolerance=2, return_chars=True)
        if not in_cell(w)
        for piece in _split_figure_from_label(w)
    ]
    lines = _group_lines(free_words)
    right_margin = max((ln.x1 for ln in lines), default=page.width)

    placed: list[tuple[float, Item]] = []
    for table in tables:
        placed.extend(_grid_items(table, frames, page_no, right_margin))

    if not tables:
        rules = [(e["x0"], e["top"], e["x1"]) for e in page.edges if e["orientation"] == "h"]
        placed.extend(_unruled_items(lines, page_no, state, right_margin, rules))
    else:
        state.unruled_open = False
        for line in lines:
            placed.append((line.top, _text_line(line, page_no, right_margin)))

    placed.sort(key=lambda pair: pair[0])
    items: list[Item] = [PageBreak(page_no=page_no)]
    prose_before = False
    for _, item in placed:
        if isinstance(item, GridBlock):
            item.first_on_page = not prose_before
        elif classify_caption(item.segments, catalogue) is None and not re.match(r"^[—─\-\s\d]+$", item.text):
            prose_before = True
        items.append(item)
    return items


def _text_line(line: Line, page_no: int, right_margin: float) -> TextLine:
    return TextLine(
        page_no=page_no,
        text=line.text,
        segments=line.segments(),
        runs_to_margin=line.x1 >= right_margin - 15,
    )


def _unruled_items(lines: list[Line], page_no: int, state: _PageState, right_margin: float, rules):
    """On a page without ruled tables, the lines after a table's caption (or at the top
    of a page that continues one) up to a note are an unruled table."""
    catalogue = load_catalogue()
    out: list[tuple[float, Item]] = []
    run: list[Line] = []
    in_table = state.unruled_open
    continuing = state.unruled_open

    def close_run() -> None:
        nonlocal continuing
        if len(run) >= 2 and sum(_is_tabular(ln) for ln in run) >= 2:
            rows, layout = unruled_grid(run, rules, state.layout if continuing else None)
            state.layout = layout
            out.append((run[0].top, GridBlock(page_no=page_no, rows=rows)))
        else:
            out.extend((ln.top, _text_line(ln, page_no, right_margin)) for ln in run)
        run.clear()

    for line in lines:
        caption = classify_caption(line.segments(), catalogue)
        if caption is not None:
            close_run()
            out.append((line.top, _text_line(line, page_no, right_margin)))
            if caption.has_identity():
                in_table = True
                continuing = False  # a new table: its own columns
            continue
        if in_table and not _NOTE_OR_END.match(line.text):
            run.append(line)
            continue
        close_run()
        continuing = False
        if _NOTE_OR_END.match(line.text):
            in_table = False
        out.append((line.top, _text_line(line, page_no, right_margin)))
    tail_open = in_table and bool(run)
    close_run()
    state.unruled_open = tail_open
    return out


# -- documents -----------------------------------------------------------------


def _open_pdf(data: bytes, source_name: str):
    if not data:
        raise RejectedDocument("empty_file", f"{source_name}: the file is empty (0 bytes)")
    head = data[:1024].lstrip()
    if not head.startswith(b"%PDF"):
        if head[:15].lower().startswith((b"<!doctype html", b"<html")) or b"<html" in head.lower():
            raise RejectedDocument("not_a_pdf", f"{source_name}: this is an HTML page saved with a .pdf name, not a PDF")
        raise RejectedDocument("not_a_pdf", f"{source_name}: not a PDF (the file does not start with %PDF)")
    if b"%%EOF" not in data[-2048:]:
        raise RejectedDocument(
            "truncated_pdf", f"{source_name}: the PDF is truncated (no end-of-file marker); download it again"
        )
    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read
        if any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs):
            warnings.append(f"{source_name}: damaged cross-reference table; the pages were found by scanning the file")
        return pdf, warnings
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds for one bad file
        if _is_password_error(error):
            raise RejectedDocument(
                "encrypted_pdf", f"{source_name}: the PDF is encrypted and needs a password to open"
            ) from None
        repaired = _repair(data)
        if repaired is None:
            raise RejectedDocument("unreadable_pdf", f"{source_name}: the PDF cannot be parsed ({_describe(error)})") from None
        try:
            pdf = pdfplumber.open(io.BytesIO(repaired))
            _ = pdf.pages
        except Exception as second:  # noqa: BLE001
            raise RejectedDocument("unreadable_pdf", f"{source_name}: the PDF cannot be parsed ({_describe(second)})") from None
        warnings.append(f"{source_name}: damaged cross-reference table; read after repairing it with pikepdf")
        return pdf, warnings


def _is_password_error(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, PDFPasswordIncorrect) or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return type(error).__name__ == "PdfminerException" and not str(error)


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text[:200]


def _repair(data: bytes) -> bytes | None:
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as document:
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
    except Exception:  # noqa: BLE001
        return None


def read_pdf(data: bytes, source_name: str, max_pages: int = 500) -> tuple[list[Item], int, list[str]]:
    pdf, warnings = _open_pdf(data, source_name)
    with pdf:
        page_count = len(pdf.pages)
        if page_count == 0:
            raise RejectedDocument("no_pages", f"{source_name}: the PDF has no pages")
        if page_count > max_pages:
            raise RejectedDocument(
                "too_many_pages", f"{source_name}: {page_count} pages is over the limit of {max_pages} (--max-pages)"
            )
        items: list[Item] = []
        state = _PageState()
        chars_seen = 0
        images_seen = 0
        for page_no, page in enumerate(pdf.pages, start=1):
            try:
                chars_seen += len(page.chars)
                images_seen += len(page.images)
                items.extend(_page_items(page, page_no, state))
            except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
                warnings.append(f"{source_name}: page {page_no} could not be read ({_describe(error)})")
            finally:
                page.flush_cache()
        if chars_seen == 0:
            if images_seen:
                raise RejectedDocument(
                    "image_only_pdf",
                    f"{source_name}: the pages are images with no text layer; it needs OCR before it can be read",
                )
            raise RejectedDocument("blank_pdf", f"{source_name}: no text on any of its {page_count} page(s)")
    return items, page_count, warnings
