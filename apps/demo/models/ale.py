"""Ale's model (seed 004): tillitsbaserad styrning och ledning."""

from __future__ import annotations

from apps.demo.models.base import ModelDemo

DEMO = ModelDemo(
    key="ale",
    label="Ale-modellen",
    municipality_name="Exempelkommun (Ale-modellen)",
    model_fields={"bodies_report_on_council_goals": True},
)
