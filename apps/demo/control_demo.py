# ruff: noqa: E501  (demo data: one risk or result a line reads best)
"""Intern kontroll in Exempelkommun: the risk analysis and decided control plan 2026 of KS
and two nämnder, with results for tertial 1 (written while it is open, before the demo
closes it) and for part of tertial 2. Everything goes through the services, idempotently.
"""

from __future__ import annotations

import datetime as dt

from apps.accounts.models import User
from apps.control import services
from apps.control.defaults import ensure_defaults
from apps.control.models import (
    Control,
    ControlPlan,
    ControlResult,
    Risk,
    RiskCategory,
    RiskLevel,
    ScaleStep,
)
from apps.demo import common, data
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod

YEAR = 2026
DECISIONS = {"1000": (dt.date(2025, 12, 8), "§ 212"), "2000": (dt.date(2025, 12, 11), "§ 98"),
             "3000": (dt.date(2025, 12, 17), "§ 143")}  # fmt: skip

# Per unit (ansvarskod): (risk, process, category, sannolikhet, konsekvens, owner, control),
# the control being (what, how, who, how often, reported when) or None if not in the plan.
RISKS = {
    "1000": [
        ("Leverantörsfakturor betalas utan korrekt attest", "Inköp och betalning", "rapportering", 3, 4, "Ekonomichef",
         ("Att fakturor är attesterade enligt attestordningen", "Stickprov på 20 fakturor", "Controller på ekonomiavdelningen", "En gång per tertial", "Tertial 1 och 2")),
        ("Inköp görs utanför upphandlade avtal", "Upphandling", "legal", 4, 3, "Upphandlingschef",
         ("Avtalstrohet vid inköp", "Analys av leverantörsreskontran", "Upphandlare", "Två gånger per år", "Tertial 1 och 2")),
        ("Personuppgifter hanteras i strid med dataskyddsförordningen", "Informationshantering", "legal", 3, 5, "Dataskyddsombud",
         ("Att registerförteckningen är uppdaterad", "Genomgång med förvaltningarna", "Dataskyddsombud", "En gång per år", "Tertial 2")),
        ("Cyberangrepp slår ut verksamhetssystem", "IT-drift", "it", 3, 5, "IT-chef",
         ("Att säkerhetskopior kan återläsas", "Återläsningstest", "IT-tekniker", "En gång per tertial", "Tertial 1 och 2")),
        ("Ändrad lagstiftning uppmärksammas för sent", "Omvärldsbevakning", "omvarld", 2, 3, "Kanslichef", None),
        ("Delegationsbeslut anmäls inte till kommunstyrelsen", "Ärendehantering", "verksamhet", 3, 2, "Kanslichef",
         ("Att delegationsbeslut anmäls", "Jämförelse av diariet mot anmälningslistor", "Kommunsekreterare", "En gång per tertial", "Tertial 1 och 2")),
        ("Bristande kompetensförsörjning inom ekonomi och HR", "Personalförsörjning", "omvarld", 4, 2, "HR-chef", None),
        ("Felaktiga löneutbetalningar", "Lön", "rapportering", 2, 2, "Lönechef", None),
        ("Otillräcklig krisberedskap vid långvarigt elavbrott", "Krisberedskap", "omvarld", 1, 5, "Säkerhetschef", None),
    ],
    "2000": [
        ("Elever får inte det särskilda stöd de har rätt till", "Elevhälsa", "legal", 3, 4, "Skolchef",
         ("Att åtgärdsprogram upprättas när behov finns", "Stickprov i elevakter", "Rektorer", "En gång per tertial", "Tertial 1 och 2")),
        ("Kränkande behandling anmäls inte till huvudmannen", "Trygghet och studiero", "legal", 3, 3, "Skolchef",
         ("Att anmälningar görs och utreds", "Genomgång av anmälningar mot incidentrapporter", "Kvalitetsstrateg", "En gång per tertial", "Tertial 1 och 2")),
        ("Felaktig debitering av barnomsorgsavgifter", "Avgifter", "rapportering", 2, 2, "Administrativ chef", None),
        ("Brist på behöriga lärare", "Kompetensförsörjning", "omvarld", 4, 4, "Förvaltningschef",
         ("Andel behöriga lärare per skola", "Uttag ur personalsystemet", "HR-strateg", "Två gånger per år", "Tertial 2")),
        ("Skolskjuts utförs inte enligt avtal", "Skolskjuts", "verksamhet", 2, 3, "Skolskjutssamordnare", None),
        ("Elevdata sprids via molntjänster", "Digitalisering", "it", 2, 4, "IT-samordnare", None),
        ("Kostnader för tilläggsbelopp överskrider budget", "Resursfördelning", "verksamhet", 3, 3, "Controller",
         ("Att tilläggsbelopp beslutas enligt riktlinjen", "Stickprov på beslut", "Controller", "En gång per tertial", "Tertial 1 och 2")),
        ("Ofullständig dokumentation av frånvaro", "Närvaro", "rapportering", 4, 1, "Rektorer", None),
    ],
    "3000": [
        ("Felaktigt utbetalt försörjningsstöd", "Försörjningsstöd", "rapportering", 3, 4, "Enhetschef ekonomiskt bistånd",
         ("Att utbetalningar har beslut och underlag", "Stickprov på 15 utbetalningar", "Controller", "En gång per tertial", "Tertial 1 och 2")),
        ("Orosanmälningar förhandsbedöms inte inom 14 dagar", "Barn och unga", "legal", 3, 5, "Enhetschef barn och unga",
         ("Handläggningstid för förhandsbedömningar", "Uttag ur verksamhetssystemet", "Verksamhetsutvecklare", "Varje månad", "Tertial 1 och 2")),
        ("Ej verkställda beslut inom LSS rapporteras inte till IVO", "LSS", "legal", 2, 4, "Enhetschef LSS",
         ("Att ej verkställda beslut rapporteras", "Jämförelse av beslut och verkställighet", "Kvalitetssamordnare", "En gång per kvartal", "Tertial 1 och 2")),
        ("Läkemedelshantering i hemtjänsten brister", "Hälso- och sjukvård", "verksamhet", 4, 4, "Medicinskt ansvarig sjuksköterska",
         ("Avvikelser i läkemedelshanteringen", "Genomgång av avvikelserapporter", "MAS", "En gång per tertial", "Tertial 1 och 2")),
        ("Hög sjukfrånvaro i äldreomsorgen", "Arbetsmiljö", "verksamhet", 4, 3, "Förvaltningschef", None),
        ("Behörigheter i journalsystemet följs inte upp", "Informationssäkerhet", "it", 3, 3, "Systemförvaltare", None),
        ("Kostnader för externa placeringar ökar", "Placeringar", "omvarld", 5, 3, "Förvaltningschef", None),
        ("Kontanthantering i boenden", "Boendestöd", "rapportering", 1, 2, "Enhetschef", None),
    ],
}  # fmt: skip

# The results per period: (ansvarskod, index of the control in the unit's plan) -> result.
RESULTS = {
    "2026-t1": {
        "1000": [("no_remarks", "20 av 20 fakturor korrekt attesterade.", ""),
                 ("minor", "Tre inköp av konsultstöd utanför avtal.", "Påminnelse till beställare; avtalskatalogen uppdateras."),
                 ("no_remarks", "Registerförteckningen genomgången.", ""),
                 ("major", "Återläsning av lönesystemet misslyckades.", "Ny rutin för säkerhetskopiering och nytt test i juni."),
                 ("no_remarks", "Alla beslut anmälda.", "")],
        "2000": [("minor", "Två av tolv elever saknade åtgärdsprogram.", "Rektorerna följer upp elevhälsans möten."),
                 ("no_remarks", "Samtliga anmälningar utredda.", ""),
                 ("not_done", "Uttaget kunde inte göras före periodens slut.", "Görs i tertial 2."),
                 ("no_remarks", "Besluten följer riktlinjen.", "")],
        "3000": [("major", "Fyra utbetalningar saknade beslut.", "Tvåhandsprincip införs vid utbetalning."),
                 ("minor", "Elva procent överskred 14 dagar.", "Tillfällig förstärkning av mottagningen."),
                 ("no_remarks", "Alla ej verkställda beslut rapporterade.", ""),
                 ("minor", "Sex avvikelser gällde utebliven signering.", "Utbildning av hemtjänstpersonal.")],
    },
    "2026-t2": {  # part of the year's second tertial is reported so far
        "1000": [("no_remarks", "20 av 20 fakturor korrekt attesterade.", "")],
        "2000": [("no_remarks", "Rutinen följs.", "")],
        "3000": [("minor", "Två utbetalningar saknade underlag.", "Tvåhandsprincipen följs upp.")],
    },
}  # fmt: skip


def _units() -> dict[str, Unit]:
    return {u.ansvarskod: u for u in Unit.objects.filter(ansvarskod__in=RISKS, valid_to=None)}


def load_control_plans(admin: User) -> None:
    """The risk analyses and the decided control plans 2026; a plan that is there (decided or
    reopened by a user) is left as it is."""
    ensure_defaults(RiskCategory, RiskLevel, ScaleStep)  # a flushed database has lost them
    categories = {c.key: c for c in RiskCategory.objects.all()}
    for code, unit in _units().items():
        if ControlPlan.objects.filter(unit=unit, year=YEAR).exists():
            continue
        plan = services.control_plan_create(actor=admin, unit=unit, year=YEAR, reason=data.REASON)
        risks = common.by_key(Risk.objects.filter(unit=unit, year=YEAR), ("description",))
        for description, process, category, p, c, owner, control in RISKS[code]:
            risk = risks.get((description,)) or services.risk_create(
                actor=admin, unit=unit, year=YEAR, description=description, process=process,
                category=categories[category], probability=p, consequence=c, owner=owner,
                reason=data.REASON,
            )  # fmt: skip
            if control and not risk.controls.exists():
                what, how, who, often, when = control
                services.control_add(
                    actor=admin, plan=plan, risk=risk, what=what, method=how, owner=who,
                    frequency=often, reported_when=when, reason=data.REASON,
                )  # fmt: skip
        decided_on, paragraph = DECISIONS[code]
        services.control_plan_decide(
            actor=admin, plan=plan, decided_on=decided_on, paragraph=paragraph, reason=data.REASON
        )


def control_for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """While ``period`` is open: the control results the demo has for it."""
    if key not in RESULTS:
        return
    load_control_plans(admin)
    units = _units()
    for code, results in RESULTS[key].items():
        controls = list(
            Control.objects.filter(plan__unit=units[code], plan__year=YEAR).order_by("pk")
        )
        for control, (status, comment, measures) in zip(controls, results, strict=False):
            if ControlResult.objects.filter(control=control, period=period).exists():
                continue
            services.control_result_save(
                actor=admin, control=control, period=period, status=status, comment=comment,
                measures=measures, reason=data.REASON,
            )  # fmt: skip
