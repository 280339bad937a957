"""The cross-cutting tags every kommun uses: the 17 global goals of Agenda 2030 with their
official Swedish short titles, Barnkonventionen, and the three sustainability dimensions.

Plain data and one idempotent function, so that the data migration and anything that must
restore the tags after a flush (the demo loader) share one source.
"""

from __future__ import annotations

AGENDA_2030 = (
    "Ingen fattigdom",
    "Ingen hunger",
    "God hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
)
DIMENSIONS = (
    ("ekonomisk", "Ekonomisk hållbarhet"),
    ("ekologisk", "Ekologisk hållbarhet"),
    ("social", "Social hållbarhet"),
)


def ensure_tags(tag_model) -> None:
    """Create the tags that are missing. ``tag_model`` is the Tag model (or a migration's)."""
    wanted = [("agenda2030", str(n), name, n) for n, name in enumerate(AGENDA_2030, start=1)]
    wanted.append(("barnkonventionen", "bk", "Barnkonventionen", 1))
    wanted += [("hallbarhet", code, name, n) for n, (code, name) in enumerate(DIMENSIONS, start=1)]
    existing = set(tag_model.objects.values_list("kind", "code"))
    tag_model.objects.bulk_create(
        tag_model(kind=kind, code=code, name=name, position=position)
        for kind, code, name, position in wanted
        if (kind, code) not in existing
    )
