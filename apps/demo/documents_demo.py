"""Exempelkommun's register of styrdokument and a handful of avvikelser, idempotently.

Twenty documents of every kind, a few of them overdue for revision, some linked to the goals
they support; the grunduppdrag of barn- och utbildningsnämnden and socialnämnden cite their
reglemente from the register. Documents are links (the demo ships no PDFs). The avvikelser
fall in tertial 1 and 2 of 2026, so the summary per period has something to count.
"""

from __future__ import annotations

import datetime as dt

from apps.accounts.models import User
from apps.demo import common
from apps.documents import services
from apps.documents.models import Deviation, GoverningDocument
from apps.goals import services as goal_services
from apps.goals.models import BasicMission, Goal
from apps.organisation.models import Unit

REASON = "Demodata: registrerat styrdokument"
URL = "https://exempelkommun.se/styrdokument/"

# kind, title, decided by, owner (ansvarskoder), decided on, §, revise by, goal keys
DOCUMENTS = (
    ("reglemente", "Reglemente för kommunstyrelsen", "100", "1000",
     "2022-12-12", "§ 178", "2026-12-31", []),
    ("reglemente", "Reglemente för barn- och utbildningsnämnden", "100", "2000",
     "2022-12-12", "§ 179", "2026-12-31", []),
    ("reglemente", "Reglemente för socialnämnden", "100", "3000",
     "2022-12-12", "§ 180", "2026-12-31", []),
    ("reglemente", "Reglemente för kultur- och fritidsnämnden", "100", "4000",
     "2022-12-12", "§ 181", "2026-12-31", []),
    ("agardirektiv", "Ägardirektiv för Exempelkommun Bostäder AB", "100", "8100",
     "2023-04-24", "§ 52", "2027-04-30", ["boende"]),
    ("agardirektiv", "Ägardirektiv för Exempelkommun Energi AB", "100", "8200",
     "2021-04-26", "§ 48", "2025-04-30", ["klimat"]),
    ("delegationsordning", "Delegationsordning för socialnämnden", "3000", "3000",
     "2024-01-24", "§ 5", "2026-01-31", []),
    ("delegationsordning", "Delegationsordning för barn- och utbildningsnämnden", "2000", "2000",
     "2025-02-12", "§ 14", "2027-02-28", []),
    ("delegationsordning", "Delegationsordning för kommunstyrelsen", "1000", "1000",
     "2023-03-01", "§ 31", "2027-03-31", []),
    ("program", "Miljöprogram 2024–2030", "100", "5000",
     "2023-11-20", "§ 141", "2030-12-31", ["klimat"]),
    ("program", "Program för trygghet och säkerhet 2023–2026", "100", "1000",
     "2023-02-27", "§ 19", "2026-12-31", ["trygghet"]),
    ("plan", "Bostadsförsörjningsplan 2024–2027", "100", "5000",
     "2024-03-18", "§ 33", "2027-12-31", ["boende"]),
    ("plan", "Plan för digitalisering av skolan", "2000", "2100",
     "2024-06-12", "§ 58", "2026-06-30", ["barn-unga"]),
    ("strategi", "Näringslivsstrategi 2022–2026", "100", "1000",
     "2022-06-20", "§ 88", "2026-12-31", ["naringsliv", "ks-foretagsklimat"]),
    ("strategi", "Kompetensförsörjningsstrategi", "1000", "1120",
     "2024-09-04", "§ 112", "2028-09-30", ["arbetsgivare"]),
    ("policy", "Policy för intern kontroll", "100", "1000",
     "2020-10-19", "§ 120", "2024-10-31", []),
    ("policy", "Finanspolicy", "100", "1110",
     "2023-10-23", "§ 132", "2027-10-31", ["resultat", "soliditet"]),
    ("policy", "Arbetsmiljöpolicy", "1000", "1120",
     "2025-01-29", "§ 8", "2029-01-31", ["arbetsgivare"]),
    ("riktlinje", "Riktlinjer för god ekonomisk hushållning och resultatutjämningsreserv",
     "100", "1110", "2021-06-14", "§ 77", "2025-06-30", ["resultat"]),
    ("riktlinje", "Riktlinjer för hantering av avvikelser, klagomål och synpunkter",
     "3000", "3100", "2025-05-21", "§ 61", "2028-05-31", ["sn-nojdhet"]),
)  # fmt: skip

# The grunduppdrag that cite their reglemente: ansvarskod, reglemente's title.
MISSION_CITATIONS = (
    ("2000", "Reglemente för barn- och utbildningsnämnden"),
    ("3000", "Reglemente för socialnämnden"),
)

# ansvarskod, date, kind, description, measure, status
DEVIATIONS = (
    ("3121", "2026-01-19", "avvikelse",
     "Ett besök i hemtjänsten uteblev på grund av fel i planeringen.",
     "Planeringsrutinen har setts över och dubbelkontroll införts.", "avslutad"),
    ("3122", "2026-02-09", "avvikelse", "Läkemedel gavs vid fel tidpunkt.",
     "Genomgång av signeringslistor med personalen.", "atgardad"),
    ("3122", "2026-03-16", "klagomal", "Anhörig klagar på att maten serveras kall.",
     "", "oppen"),
    ("2121", "2026-03-02", "synpunkt", "Förälder önskar tydligare information om skolskjuts.",
     "Informationen på webben har uppdaterats.", "avslutad"),
    ("2111", "2026-05-11", "klagomal", "Lång kö till förskoleplats i centralorten.",
     "", "oppen"),
    ("4111", "2026-06-08", "synpunkt",
     "Önskemål om längre öppettider på biblioteket under sommaren.",
     "Prövas inför nästa sommar.", "atgardad"),
    ("3131", "2026-07-20", "avvikelse", "Brandlarmet testades inte enligt plan.",
     "", "oppen"),
)  # fmt: skip


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _goals_by_key() -> dict[str, Goal]:
    from apps.demo.loader import _goals_by_key

    return _goals_by_key()


def load_documents(admin: User) -> None:
    units = common.units()
    goals = _goals_by_key()
    existing = common.by_key(GoverningDocument.objects.all(), ("title",))
    for kind, title, decided_by, owner, decided_on, paragraph, revise_by, keys in DOCUMENTS:
        if (title,) in existing:
            continue
        services.document_create(
            actor=admin,
            kind=kind,
            title=title,
            decided_by=units[decided_by],
            decided_on=_date(decided_on),
            paragraph=paragraph,
            owner=units[owner],
            valid_from=_date(decided_on),
            revise_by=_date(revise_by),
            url=URL + title.lower().replace(" ", "-").replace("–", "-"),
            goals=[goals[key] for key in keys],
            reason=REASON,
        )
    _cite_reglementen(admin, units)
    _load_deviations(admin, units)


def _cite_reglementen(admin: User, units: dict[str, Unit]) -> None:
    """A grunduppdrag that has never cited a document cites its reglemente; one a user has
    given another document, or none, is left as it is."""
    for ansvarskod, title in MISSION_CITATIONS:
        document = common.find(GoverningDocument, title=title)
        unit = units[ansvarskod]
        if document is None:  # a user has removed the reglemente from the register
            continue
        for mission in BasicMission.objects.filter(unit=unit, last_year=None):
            if mission.history.filter(document__isnull=False).exists():
                continue
            goal_services.basic_mission_save(
                actor=admin,
                unit=unit,
                text=mission.text,
                source=mission.source,
                first_year=mission.first_year,
                mission=mission,
                document=document,
                reason="Demodata: grunduppdraget hänvisar till reglementet",
            )


def _load_deviations(admin: User, units: dict[str, Unit]) -> None:
    existing = common.by_key(Deviation.objects.all(), ("unit_id", "occurred_on", "description"))
    for ansvarskod, occurred_on, kind, description, measure, status in DEVIATIONS:
        if (units[ansvarskod].pk, _date(occurred_on), description) in existing:
            continue
        services.deviation_create(
            actor=admin,
            unit=units[ansvarskod],
            occurred_on=_date(occurred_on),
            kind=kind,
            description=description,
            measure=measure,
            status=status,
            reason="Demodata: loggad avvikelse",
        )
