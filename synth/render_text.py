"""The text rendering, in the seed's style: one printed row a line, cells separated by tabs,
captions on lines of their own (title, blank line, 公开NN表, 部门：…, 金额单位：元, blank line),
a blank line after the grid, then its notes. A table that breaks (the harmless repeated row)
goes on after a blank line with its header and the last row printed again, as the seed's
first 公开12表 does."""

from __future__ import annotations

from synth.document import Grid, PrintedDocument, PrintedTable, Row, TextSection, repeated_rows


def row_line(row: Row) -> str:
    return "\t".join("" if cell is None else cell.text for cell in row)


def grid_lines(grid: Grid) -> list[str]:
    lines = [row_line(r) for r in grid.header]
    for index, row in enumerate(grid.body):
        lines.append(row_line(row))
        if grid.break_after == index:
            lines.append("")
            lines.extend(row_line(r) for r in repeated_rows(grid))
    return lines


def table_lines(table: PrintedTable) -> list[str]:
    lines = [table.title, ""]
    captions = []
    if table.code:
        captions.append(table.code)
    if table.department is not None:
        captions.append(f"{table.department_label}{table.department}")
    if table.unit:
        captions.append(table.unit)
    lines += captions
    lines.append("")
    lines += grid_lines(table.grid)
    lines.append("")
    for note in table.notes:
        lines += [note, ""]
    return lines


def section_lines(section: TextSection) -> list[str]:
    lines: list[str] = []
    if section.heading:
        lines += [section.heading, ""]
    for paragraph in section.paragraphs:
        lines += [paragraph, ""]
    return lines


def render_text(document: PrintedDocument) -> bytes:
    lines = [document.heading, ""]
    for part in document.parts:
        lines += table_lines(part) if isinstance(part, PrintedTable) else section_lines(part)
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
