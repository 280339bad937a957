"""Reads a report's layout back from WeasyPrint's boxes, for tests: what runs past the page's
content box and which headings end a page.

Pass the ``weasyprint.Document`` that ``apps.reports.render.layout_document`` (or
``layout_html``) returns. The checks use WeasyPrint's box tree (``page._page_box``, each
box's ``position_x`` and ``margin_width()``), so they see what the PDF will draw, not what
the HTML meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint.formatting_structure import boxes

TOLERANCE = 0.5  # CSS px: rounding in the layout, not an overflow
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _content_right(page_box: boxes.PageBox) -> float:
    return page_box.content_box_x() + page_box.width


def _flow(page_box: boxes.PageBox) -> Iterator[boxes.Box]:
    """The page's boxes in the document's flow, without the margin boxes (header, footer)."""
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        yield from child.descendants()


def _text(box: boxes.Box, limit: int = 60) -> str:
    words = [b.text for b in box.descendants() if isinstance(b, boxes.TextBox)]
    return " ".join(words)[:limit]


def _describe(box: boxes.Box) -> str:
    element = box.element
    ident = element.get("id") if element is not None else None
    name = box.element_tag + (f"#{ident}" if ident else "")
    return f"{type(box).__name__} <{name}> {_text(box)!r}"


def overflowing_boxes(document) -> list[str]:
    """Every table, cell and line of text in a table whose right edge lies past the right
    edge of its page's content box, described with its page number and text."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = _content_right(page_box) + TOLERANCE
        in_table: set[int] = set()
        for box in _flow(page_box):
            if isinstance(box, (boxes.TableBox, boxes.TableCellBox)):
                inner = {id(b) for b in box.descendants()}
                in_table |= inner
                edge = box.position_x + box.margin_width()
            elif isinstance(box, boxes.TextBox) and id(box) in in_table:
                edge = box.position_x + box.width
            else:
                continue
            if edge > right:
                found.append(
                    f"page {number}: {_describe(box)} ends at {edge:.1f}px, "
                    f"the page's content box at {right - TOLERANCE:.1f}px"
                )
    return found


def _last_in_flow(page_box: boxes.PageBox) -> boxes.Box | None:
    """The page's last block-level box with content, walking down the last children."""
    flow = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    box = flow[-1] if flow else None
    last_heading = None
    while isinstance(box, boxes.ParentBox) and box.children:
        if box.element_tag in HEADINGS and isinstance(box, boxes.BlockBox):
            last_heading = box
            break
        children = [c for c in box.children if isinstance(c, boxes.Box)]
        if not children:
            break
        box = children[-1]
    return last_heading


def _body_rows(table: boxes.TableBox) -> int:
    return sum(
        len(group.children)
        for group in table.children
        if isinstance(group, boxes.TableRowGroupBox) and not group.is_header
    )


def stranded_headings(document) -> list[str]:
    """Headings (h1–h6) that are the last box on their page, and table captions on a page
    where their table has no row below its header: what they head is on the next page."""
    found = []
    pages = document.pages
    for number, page in enumerate(pages[:-1], start=1):
        heading = _last_in_flow(page._page_box)
        if heading is not None:
            found.append(f"page {number}: <{heading.element_tag}> {_text(heading)!r}")
        for box in _flow(page._page_box):
            if not box.is_table_wrapper:
                continue
            captions = [c for c in box.children if isinstance(c, boxes.TableCaptionBox)]
            tables = [t for t in box.children if isinstance(t, boxes.TableBox)]
            if captions and not any(_body_rows(t) for t in tables):
                found.append(f"page {number}: <caption> {_text(captions[0])!r}")
    return found


def repeated_headers(document, table_id: str) -> int:
    """On how many pages the table ``table_id`` (its element id) draws its header row."""
    count = 0
    for page in document.pages:
        for box in _flow(page._page_box):
            if (
                isinstance(box, boxes.TableBox)
                and box.element is not None
                and box.element.get("id") == table_id
                and any(
                    isinstance(group, boxes.TableRowGroupBox) and group.element_tag == "thead"
                    for group in box.children
                )
            ):
                count += 1
                break
    return count


def page_sizes(document) -> list[tuple[float, float]]:
    """Each page's width and height in CSS px (landscape pages are wider than high)."""
    return [(page.width, page.height) for page in document.pages]
