"""Rich text as the kommun's staff write it: a small set of tags, never a script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_MARKUP = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*[\s/>]", re.IGNORECASE)


def sanitise(html: str) -> str:
    """Keep the allowed formatting; drop scripts, event handlers, styles and other tags.

    Plain text with blank lines becomes paragraphs, so a textarea works without markup.
    """
    text = (html or "").strip()
    if text and not _MARKUP.search(text):
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        # Break lines before escaping: clean_text turns a newline into "&#10;".
        text = "".join(
            "<p>" + "<br>".join(nh3.clean_text(line) for line in p.split("\n")) + "</p>"
            for p in paragraphs
        )
        return nh3.clean(text, tags=ALLOWED_TAGS)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


_BLOCKS = {"p", "li", "h3", "h4", "blockquote", "ul", "ol"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Stored rich text as plain text (for Excel, where markup would print as it is): one
    line per paragraph, heading and list item ("• "), no blank lines, entities decoded."""
    collector = _TextCollector()
    collector.feed(sanitise(html))
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line and line != "•")
