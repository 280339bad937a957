"""The standard sections of every plan, shared by the data migration and the services
(a flushed test database has lost the migrated rows)."""

from __future__ import annotations

STANDARD_SECTIONS = [
    ("verksamhetsbeskrivning", "Verksamhetsbeskrivning", 10,
     "Uppdraget konkretiserat: för vem och för vilka behov verksamheten finns, utifrån "
     "reglemente, ägardirektiv och lagstiftning."),
    ("omvarldsanalys", "Omvärldsanalys", 20,
     "Hur verksamheten påverkas av vad som händer lokalt, regionalt, nationellt och globalt; "
     "förhåll er till de omvärldsfaktorer som fullmäktige har beslutat, där sådana finns."),
    ("nulagesanalys", "Nulägesanalys", 30,
     "Måluppfyllelse och resultat i dag, och utrymmet för förändring."),
]  # fmt: skip


def ensure_standard_sections(template_model) -> None:
    existing = set(template_model.objects.values_list("key", flat=True))
    template_model.objects.bulk_create(
        template_model(key=key, title=title, position=position, guidance=guidance)
        for key, title, position, guidance in STANDARD_SECTIONS
        if key not in existing
    )
