"""The shipped defaults of intern kontroll: the five risk categories, four risk levels and
the written-out meaning of each step of the two scales. All are changed in the admin.

Installed by migration 0002, and again by the demo: a flushed database (the live-server
tests) has lost the migrated rows.
"""

from __future__ import annotations

CATEGORIES = [
    ("omvarld", "Omvärld"),
    ("verksamhet", "Verksamhet"),
    ("legal", "Legal"),
    ("it", "IT"),
    ("rapportering", "Rapportering"),
]
LEVELS = [
    ("Låg", 1, 4, "#c8e6c9"),
    ("Medel", 5, 9, "#fff3a8"),
    ("Hög", 10, 16, "#ffcc80"),
    ("Mycket hög", 20, 25, "#f4a3a3"),
]
STEPS = {
    "probability": [
        ("Mycket liten", "Risken är praktiskt taget obefintlig att fel uppstår."),
        ("Liten", "Risken är mycket liten att fel ska uppstå; det har inte hänt tidigare."),
        ("Möjlig", "Det finns en möjlig risk att fel uppstår; det har hänt någon gång."),
        ("Sannolik", "Det är sannolikt att fel uppstår under året."),
        ("Mycket sannolik", "Fel uppstår nästan säkert, flera gånger under året."),
    ],
    "consequence": [
        ("Försumbar", "Obetydlig konsekvens som varken märks för invånare eller ekonomi."),
        ("Lindrig", "Liten konsekvens: kortare störning, mindre kostnad, begränsat intresse."),
        ("Kännbar", "Märkbar konsekvens för invånare, ekonomi eller förtroende."),
        ("Allvarlig", "Stor konsekvens: betydande ekonomisk skada, lagbrott eller skadat "
                      "förtroende."),
        ("Mycket allvarlig", "Katastrofal konsekvens: fara för liv och hälsa, stor ekonomisk "
                             "förlust, allvarligt lagbrott."),
    ],
}  # fmt: skip


def ensure_defaults(category_model, level_model, step_model) -> None:
    """Fill each of the three tables with its defaults if it is empty (a new or flushed
    database); a table that has rows, perhaps changed in the admin, is left alone. The models
    are the app's (or a migration's historical ones)."""
    if not category_model.objects.exists():
        category_model.objects.bulk_create(
            category_model(key=key, name=name, position=position)
            for position, (key, name) in enumerate(CATEGORIES, start=1)
        )
    if not level_model.objects.exists():
        level_model.objects.bulk_create(
            level_model(name=name, min_value=low, max_value=high, colour=colour)
            for name, low, high, colour in LEVELS
        )
    if not step_model.objects.exists():
        step_model.objects.bulk_create(
            step_model(axis=axis, step=step, label=label, meaning=meaning)
            for axis, steps in STEPS.items()
            for step, (label, meaning) in enumerate(steps, start=1)
        )
