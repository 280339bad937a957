"""Vadstena's model (seed 002): verksamhetsfokuserad styrning och ledning."""

from __future__ import annotations

from apps.demo.models.base import ModelDemo

DEMO = ModelDemo(
    key="vadstena",
    label="Vadstenamodellen",
    municipality_name="Exempelkommun (Vadstenamodellen)",
    model_fields={
        "uses_committee_goals": False,
        "follows_up_basic_missions": True,
        "follows_up_assignments": True,
        "uses_sustainability_aspects": True,
    },
)
