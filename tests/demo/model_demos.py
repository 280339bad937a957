"""What the tests of the model demos share (tests/demo/test_model_*.py)."""

from __future__ import annotations

from django.apps import apps


def history_counts() -> dict[str, int]:
    """The number of history rows of every model: every write of the demo goes through a
    service that records one, so equal counts mean nothing was written."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


def text_of(pdf_text: str) -> str:
    """A PDF's text with its line breaks and runs of spaces as single spaces, so that a
    sentence reads the same wherever the layout broke it."""
    return " ".join(pdf_text.split())
