"""Two editors open the same object; the first saves; the second's save from the version
they opened must be refused with nothing of the first's lost, and go through once merged."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from apps.core.locking import StaleEdit

# What the conflict partial (templates/core/partials/conflict.html) says, in the UI's Swedish.
NOTHING_SAVED = (
    "Nothing of yours was saved. Your version is kept in the form below; merge what you want "
    "to keep and save again."
)


def second_writer_is_refused(
    save: Callable[[Any, int], Any],
    stored: Callable[[], Any],
    *,
    opened: int,
    first: Any,
    second: Any,
) -> StaleEdit:
    """``save(value, expected_version)`` writes ``value``; ``stored()`` reads it back.

    Returns the refusal, whose ``current`` is the first writer's object.
    """
    save(first, opened)
    with pytest.raises(StaleEdit) as refused:
        save(second, opened)
    assert stored() == first, "the second writer's save must not overwrite the first's"
    assert refused.value.current.version == opened + 1
    save(second, refused.value.current.version)
    assert stored() == second, "after merging, the second writer saves on the stored version"
    return refused.value


def conflict_shown(response, *, theirs: str, yours: str) -> str:
    """The page refused the second writer: the Swedish notice, and both versions side by side
    in the conflict box. Returns the box's text."""
    with translation.override("sv"):
        notice, their_label, your_label = (
            gettext(NOTHING_SAVED),
            gettext("Their version:"),
            gettext("Your version:"),
        )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    start = page.index('<div class="conflict" role="alert" id="conflict">')
    box = page[start : page.index("</dl>", start)]
    assert notice in box
    assert f"{their_label}</span><blockquote>{theirs}" in box
    assert f"{your_label}</span><blockquote>{yours}" in box
    return box
