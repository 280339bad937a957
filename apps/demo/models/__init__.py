"""The model demos: ``seed_demo --model <key>`` builds Exempelkommun following one of the
five seed kommuners' styrmodeller (../shared/seeds/).

Django imports this package at start-up as the demo app's models module (the app has no
models), so it names the demos' modules and imports one only when it is asked for: the
demos import the services, the reports and their PDF rendering. Each module has ``DEMO``, a
``apps.demo.models.base.ModelDemo`` (``label``, ``load(log)``, ``users``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apps.demo.models.base import ModelDemo

# key (the preset's) → the module whose DEMO is that model's demo
MODEL_DEMOS: dict[str, str] = {
    "vimmerby": "apps.demo.models.vimmerby",
    "ale": "apps.demo.models.ale",
    "vadstena": "apps.demo.models.vadstena",
    "borlange": "apps.demo.models.borlange",
    "alvesta": "apps.demo.models.alvesta",
}

DEFAULT = "vimmerby"  # seed_demo without --model


def model_demo(key: str) -> ModelDemo:
    """The demo of the model ``key`` (a key of MODEL_DEMOS)."""
    return import_module(MODEL_DEMOS[key]).DEMO


def demo_in_database() -> str | None:
    """The key of the model demo the database holds, or None: the kommun's name when the
    demo made it (kept in its history, whatever an administrator has renamed it to) names
    the demo."""
    from apps.organisation.models import Municipality

    created = (
        Municipality.history.filter(history_type="+")
        .order_by("history_date")
        .values_list("name", flat=True)
        .first()
    )
    name = created or Municipality.objects.filter(pk=1).values_list("name", flat=True).first()
    if name is None:
        return None
    for key in MODEL_DEMOS:
        if model_demo(key).municipality_name == name:
            return key
    return None
