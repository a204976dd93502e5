"""The text rendering: one printed row a line, cells separated by tabs (like the seed)."""

from __future__ import annotations

from ingest.model import GridBlock, Item, RejectedDocument, TextLine


def decode(data: bytes, source_name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RejectedDocument("unreadable_text", f"{source_name}: not UTF-8 or GB18030 text")


def read_text(data: bytes, source_name: str) -> list[Item]:
    """Consecutive tab-separated lines form one grid block; a blank line or a plain
    line ends it. A form feed starts a new page."""
    text = decode(data, source_name)
    items: list[Item] = []
    page_no = 1
    block: list[list[str | None]] = []

    def close_block() -> None:
        if block:
            items.append(GridBlock(page_no=page_no, rows=list(block), first_on_page=True))
            block.clear()

    for raw_line in text.splitlines():
        for part_index, line in enumerate(raw_line.split("\f")):
            if part_index:
                close_block()
                page_no += 1
            line = line.rstrip("\r\n")
            if "\t" in line:
                block.append([cell.strip() for cell in line.split("\t")])
                continue
            close_block()
            if line.strip():
                items.append(TextLine(page_no=page_no, text=line.strip(), segments=[line.strip()]))
    close_block()
    return items
