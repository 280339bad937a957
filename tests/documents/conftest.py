from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path) -> None:
    """Uploaded PDFs land in a temporary MEDIA_ROOT, never in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
