"""Rich text as the kommun's staff write it: a small set of tags, never a script."""

from __future__ import annotations

import re

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
