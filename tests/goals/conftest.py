"""A small goal chain under the Vimmerby model, built through the services as people would.

Vision "Vimmerby 2030" (KF)
├── Inriktningsmål "Fler elever når målen" (KF)
│   └── Nämndmål "Alla elever läser i årskurs 3" (Nämnd A, Invånare och brukare, Agenda 2030: 4)
│       └── Verksamhetsmål "Läsfrämjande i fritids" (Förvaltning A, Invånare och brukare)
├── Inriktningsmål "Trygg äldreomsorg" (KF)
│   └── Nämndmål "Kortare väntetid till särskilt boende" (Nämnd B, Verksamhet och medarbetare)
└── Finansiellt mål "Resultat två procent" (KF)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from apps.goals import services
from apps.goals.models import Goal, SteeringModel
from tests.goals.builders import agenda, level, perspective


@pytest.fixture
def vimmerby(org) -> SteeringModel:
    return services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)


@dataclass
class Chain:
    model: SteeringModel
    vision: Goal
    school: Goal  # inriktningsmål
    elderly: Goal  # inriktningsmål
    finance: Goal  # finansiellt mål
    reading: Goal  # Nämnd A's nämndmål under "school"
    reading_unit: Goal  # Förvaltning A's verksamhetsmål under "reading"
    waiting: Goal  # Nämnd B's nämndmål under "elderly"


@pytest.fixture
def chain(org, vimmerby, admin_user, editor_a, editor_b) -> Chain:
    def create(actor, key, owner, title, parent=None, **fields) -> Goal:
        fields.setdefault("first_year", 2025)
        fields.setdefault("last_year", 2028 if parent is not None else None)
        return services.goal_create(
            actor=actor,
            level=level(vimmerby, key),
            owner=owner,
            title=title,
            parent=parent,
            reason="Beslutad i budget 2025",
            **fields,
        )

    vision = create(admin_user, "vision", org.kf, "Vimmerby 2030", first_year=2024, last_year=None)
    school = create(admin_user, "inriktningsmal", org.kf, "Fler elever når målen", vision)
    elderly = create(admin_user, "inriktningsmal", org.kf, "Trygg äldreomsorg", vision)
    finance = create(admin_user, "finansiellt-mal", org.kf, "Resultat två procent", vision)
    reading = create(
        editor_a,
        "namndmal",
        org.namnd_a,
        "Alla elever läser i årskurs 3",
        school,
        perspective=perspective(vimmerby, "invanare"),
        tags=[agenda(4)],
        description="Läsning är grunden för allt annat lärande.",
    )
    reading_unit = create(
        editor_a,
        "verksamhetsmal",
        org.forvaltning_a,
        "Läsfrämjande i fritids",
        reading,
        perspective=perspective(vimmerby, "invanare"),
    )
    waiting = create(
        editor_b,
        "namndmal",
        org.namnd_b,
        "Kortare väntetid till särskilt boende",
        elderly,
        perspective=perspective(vimmerby, "verksamhet"),
    )
    return Chain(vimmerby, vision, school, elderly, finance, reading, reading_unit, waiting)
