"""A report's PDF read back as words, for tests: pdftotext's lines joined, the hyphenations
that narrow table columns get (U+2010, soft hyphen) undone and whitespace collapsed, so that
a cell's text can be looked for whatever column width the layout gave it."""

from __future__ import annotations

import re
import subprocess


def words(text: str) -> str:
    """The text with its line breaks and hyphenations undone and spaces collapsed."""
    text = re.sub(r"(\w)[\u00ad\u2010-]\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def pdf_words(pdf: bytes, *, raw: bool = False) -> str:
    """The PDF's words in reading order, or with ``raw`` in the order they are drawn: cell by
    cell, so that a word hyphenated in a narrow column is not interleaved with its row's
    other cells."""
    options = ["-raw"] if raw else []
    done = subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return words(done.stdout.decode())
