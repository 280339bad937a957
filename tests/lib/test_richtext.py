"""The rich-text sanitiser: the small set of tags staff write with, never a script."""

from __future__ import annotations

import pytest

from styrmodell.lib.richtext import sanitise


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<p>Hej</p><script>alert("x")</script>', "<p>Hej</p>"),
        ("<p>Hej</p><SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<p>Hej</p>"),
        ('<p onclick="steal()">Hej</p>', "<p>Hej</p>"),
        ('<p><strong onmouseover="x()">Hej</strong></p>', "<p><strong>Hej</strong></p>"),
        ('<a href="javascript:alert(1)">Hej</a>', '<a rel="noopener noreferrer">Hej</a>'),
        ('<a href=" JaVaScRiPt:alert(1)">Hej</a>', '<a rel="noopener noreferrer">Hej</a>'),
        ('<a href="data:text/html,x">Hej</a>', '<a rel="noopener noreferrer">Hej</a>'),
        ('<p>Hej<img src="x" onerror="alert(1)"></p>', "<p>Hej</p>"),
        ("<p>Hej</p><iframe src=//evil.example></iframe>", "<p>Hej</p>"),
        ('<p style="background:url(x)">Hej</p>', "<p>Hej</p>"),
        ("<p>Hej</p><style>p{}</style>", "<p>Hej</p>"),
        ("<svg onload=alert(1)><p>Hej</p></svg>", "<p>Hej</p>"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
    ],
)
def test_scripts_handlers_styles_and_dangerous_links_are_removed(html, kept):
    assert sanitise(html) == kept


@pytest.mark.parametrize(
    "html",
    [
        "<p><strong>Fet</strong> och <em>kursiv</em><br>ny rad</p>",
        "<h3>Rubrik</h3><h4>Underrubrik</h4><blockquote>Citat</blockquote>",
        "<ul><li>Ett</li><li>Två</li></ul><ol><li>Först</li></ol>",
    ],
)
def test_the_allowed_formatting_is_kept_as_it_is(html):
    assert sanitise(html) == html


def test_links_keep_their_address_and_title_and_open_safely():
    assert sanitise(
        '<a href="https://www.kolada.se/" title="Kolada" target="_blank">K</a>'
        '<a href="mailto:ekonomi@example.se">E</a>'
    ) == (
        '<a href="https://www.kolada.se/" title="Kolada" rel="noopener noreferrer">K</a>'
        '<a href="mailto:ekonomi@example.se" rel="noopener noreferrer">E</a>'
    )


def test_other_tags_are_dropped_but_their_text_stays():
    html = '<h1>Stor</h1><span class="x">text</span><div>block</div>'
    assert sanitise(html) == "Stortextblock"


def test_plain_text_with_blank_lines_becomes_paragraphs():
    assert sanitise("Första stycket.\r\n\r\nAndra stycket.\n\n\n\nTredje.") == (
        "<p>Första stycket.</p><p>Andra stycket.</p><p>Tredje.</p>"
    )


def test_a_single_line_break_in_plain_text_is_kept():
    assert sanitise("Rad ett\nrad två\r\nrad tre") == "<p>Rad ett<br>rad två<br>rad tre</p>"


def test_plain_text_is_escaped_not_interpreted():
    assert sanitise('Kostnad < 5 % & intäkt > 3 %, "Ale\'s" = 1/2') == (
        '<p>Kostnad &lt; 5 % &amp; intäkt &gt; 3 %, "Ale\'s" = 1/2</p>'
    )


@pytest.mark.parametrize("html", ["", "   ", "\n\n", None])
def test_nothing_stays_nothing(html):
    assert sanitise(html) == ""
