# ruff: noqa: E501  (data: one goal text, document or activity a line)
"""Exempelkommun run as Borlänge's styrmodell (seed document 003): the four pusselbitar.

Planeringsprocess: KF's strategic plan with economic frames (the budget decisions of the base
demo) and its mål för god ekonomisk hushållning for 2025–2028, two financial ones computed
from key figures and three verksamhetsmål with indicators; nämndmål under them; nämndplaner
decided by the nämnder and verksamhetsplaner decided by the förvaltningar; each nämnd's
contribution to each KF goal in every follow-up. Kvalitetsledning: the register under its
seven headings with laws, policies, processer, rutiner, checklistor and the kommungemensamma
kvalitetsmodellen, and avvikelser, klagomål and synpunkter tied to a process and a goal.
Ledarskap and värdegrund: the preset's ledord, värdegrund and ledarfilosofi, decided by KF.

The documents give the structure; the goal texts are the demo's own. Goals are referred to
by a short key, units by ansvarskod, periods by "<year>-t1", "<year>-t2", "<year>-bokslut".
"""

from __future__ import annotations

import datetime as dt

KF = "100"
REASON = "Demodata för Exempelkommun (Borlängemodellen)"

MODEL_FIELDS = {
    "name": "Exempelkommuns styrmodell efter Borlängemodellen",
    "description": (
        "Styrmodellen har fyra pusselbitar: kvalitetsledning, planeringsprocess, ledarskap "
        "och värdegrund. Kommunfullmäktige beslutar en strategisk plan med ekonomiska ramar "
        "och mål för god ekonomisk hushållning; nämnderna gör nämndplaner och "
        "förvaltningarna verksamhetsplaner. Varje nämnd redovisar sitt bidrag till "
        "fullmäktiges mål i varje uppföljning."
    ),
}

# The level the administrator adds for the financial GEH goals: key, name.
FINANCIAL_LEVEL = ("finansiella-mal", "Finansiella mål för god ekonomisk hushållning")

# KF's decision of the styrmodell with its ledord, värdegrund and ledarfilosofi.
FOUNDATION_DECISION = (dt.date(2023, 2, 20), "§ 18", 2023)

# KF's strategic plan with economic frames 2025–2028 (the GEH goals are decided with it).
STRATEGIC_PLAN_DECISION = (dt.date(2024, 6, 17), "§ 92")
YEARS = (2025, 2028)

# Every period a goal is followed up in, in order.
PERIOD_KEYS = ("2025-t1", "2025-t2", "2025-bokslut", "2026-t1", "2026-t2")


def _by_period(*values):
    return dict(zip(PERIOD_KEYS, values, strict=True))


# --- Mål för god ekonomisk hushållning, nämndmål, verksamhetsmål ----------------------------

# key, level, owner, parent, title, description; "figure": (key figure, lowest value) for
# the financial ones (status computed); "statuses": one per period key; "texts": the
# owner's analysis per period ("{figure}": the key figure in that period).
GOALS = (
    {
        "key": "resultat",
        "level": "finansiella-mal",
        "owner": KF,
        "title": "Årets resultat ska vara minst 2 procent av skatteintäkter och generella statsbidrag",
        "description": (
            "Ett resultat på minst 2 procent ger utrymme att finansiera investeringar med egna "
            "medel och att möta ökade behov utan att skjuta kostnader på kommande generationer."
        ),
        "position": 10,
        "figure": ("result_share", "2"),
        "texts": _by_period(
            "Helårsprognosen för årets resultat är {figure} av skatteintäkter och generella statsbidrag.",
            "Helårsprognosen för årets resultat är {figure}; nämndernas prognoser har förbättrats sedan tertial 1.",
            "Årets resultat blev {figure} av skatteintäkter och generella statsbidrag.",
            "Helårsprognosen för årets resultat är {figure}; socialnämndens underskott tynger resultatet.",
            "Helårsprognosen för årets resultat är {figure}; åtgärderna inom socialnämnden har börjat ge effekt.",
        ),
    },
    {
        "key": "investeringar",
        "level": "finansiella-mal",
        "owner": KF,
        "title": "Investeringarna ska till minst 70 procent finansieras med egna medel",
        "description": (
            "Självfinansieringsgraden visar hur stor del av investeringarna som betalas med "
            "årets resultat och avskrivningar; ett högt värde begränsar behovet av nya lån."
        ),
        "position": 20,
        "figure": ("self_financing", "70"),
        "texts": _by_period(
            "Prognosen för självfinansieringsgraden är {figure}.",
            "Prognosen för självfinansieringsgraden är {figure}; flera projekt har förskjutits till 2026.",
            "Självfinansieringsgraden blev {figure}.",
            "Prognosen för självfinansieringsgraden är {figure}.",
            "Prognosen för självfinansieringsgraden är {figure}; investeringsprognosen bygger på projektens prognoser.",
        ),
    },
    {
        "key": "service",
        "level": "god-hushallning",
        "owner": KF,
        "title": "Borlängebon ska få god service och ett professionellt bemötande",
        "description": (
            "Borlängebon är vår viktigaste utgångspunkt. Kontakten med kommunen ska vara enkel, "
            "tillgänglig och trevlig, och verksamheten ska utvecklas utifrån invånarnas behov."
        ),
        "position": 30,
        "statuses": _by_period("partly", "partly", "partly", "partly", "met"),
        "texts": _by_period(
            "Andelen som får ett gott bemötande ligger nära målvärdet; svarstiderna på e-post har förbättrats.",
            "Kundcenter besvarar fler frågor direkt, men svarstiderna i bygglov är fortfarande långa.",
            "Servicemätningen visar att 84 procent upplevde ett gott bemötande, nära målet 85 procent. Svaren på e-post inom en arbetsdag ökade till 78 procent.",
            "Det nya kundcentret har öppnat; effekten på servicemätningen syns först i höst.",
            "Gott bemötande ligger nu över målvärdet och svarstiderna fortsätter att förbättras.",
        ),
    },
    {
        "key": "skola",
        "level": "god-hushallning",
        "owner": KF,
        "title": "Barn och unga i Borlänge ska lyckas i skolan och ha en meningsfull fritid",
        "description": (
            "Alla barn och unga ska få en likvärdig utbildning, tidigt stöd när de behöver det "
            "och möjlighet till kultur och fritid."
        ),
        "position": 40,
        "statuses": _by_period("partly", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Skolornas läsfrämjande insatser har startat; resultaten mäts efter vårterminen.",
            "Behörigheten till yrkesprogram ökade något i våras men ligger under målet.",
            "Behörigheten till yrkesprogram blev 82,4 procent mot målet 85 procent. Deltagandet i lovaktiviteter ökade kraftigt.",
            "Elevhälsan har förstärkts i förskoleklass; tryggheten i skolan är oförändrad.",
            "Behörigheten ökade till 84,0 procent och närmar sig målet.",
        ),
    },
    {
        "key": "arbete",
        "level": "god-hushallning",
        "owner": KF,
        "title": "Fler Borlängebor ska försörja sig genom eget arbete",
        "description": (
            "Kommunen ska tillsammans med näringslivet och Arbetsförmedlingen bidra till att fler "
            "går från försörjningsstöd till arbete eller studier."
        ),
        "position": 50,
        "statuses": _by_period("not_met", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Andelen med långvarigt ekonomiskt bistånd har ökat under början av året.",
            "Jobbtorget har tagit emot fler deltagare; andelen med långvarigt bistånd har slutat öka.",
            "Andelen invånare med långvarigt ekonomiskt bistånd minskade till 3,1 procent men når inte målet 2,8 procent.",
            "Fler deltagare har gått vidare till arbete eller studier än samma period förra året.",
            "Andelen med långvarigt ekonomiskt bistånd fortsätter att minska.",
        ),
    },
    # Nämndmål -------------------------------------------------------------------------------
    {
        "key": "ks-digital",
        "level": "namndmal",
        "owner": "1000",
        "parent": "service",
        "title": "Kommunens tjänster ska vara tillgängliga digitalt dygnet runt",
        "statuses": _by_period("partly", "partly", "met", "met", "met"),
        "texts": _by_period(
            "Tolv nya e-tjänster har lanserats.",
            "E-tjänsteplattformen är upphandlad.",
            "Trettio e-tjänster är i drift och används av fler invånare varje månad.",
            "Nya e-tjänster för bygglov och färdtjänst är i drift.",
            "Alla ansökningar inom förskola och skola kan göras digitalt.",
        ),
    },
    {
        "key": "bun-kunskap",
        "level": "namndmal",
        "owner": "2000",
        "parent": "skola",
        "title": "Fler elever ska nå kunskapskraven i alla ämnen",
        "statuses": _by_period("partly", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Läsfrämjande insatser i årskurs 1–3 har startat på alla skolor.",
            "Andelen elever som når kunskapskraven i alla ämnen i årskurs 6 är oförändrad.",
            "Andelen elever i årskurs 9 med godkänt i alla ämnen ökade till 71 procent, under målet 75 procent.",
            "Screeningen i läsning visar bättre resultat i årskurs 2.",
            "Vårterminens betyg visar en ökning i matematik men inte i svenska.",
        ),
    },
    {
        "key": "sn-arbete",
        "level": "namndmal",
        "owner": "3000",
        "parent": "arbete",
        "title": "Fler vuxna med försörjningsstöd ska gå vidare till arbete eller studier",
        "statuses": _by_period("not_met", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Färre än planerat har gått vidare till arbete under tertialet.",
            "Samarbetet med Arbetsförmedlingen har utvecklats och fler deltar i jobbtorget.",
            "312 personer gick vidare till arbete eller studier, mot målet 350.",
            "Jobbtorget har fått två nya arbetsgivarsamarbeten.",
            "Fler deltagare går vidare till arbete än under 2025.",
        ),
    },
    {
        "key": "sn-bemotande",
        "level": "namndmal",
        "owner": "3000",
        "parent": "service",
        "title": "Den som har hemtjänst ska känna förtroende för personalen",
        "statuses": _by_period("partly", "partly", "met", "met", "met"),
        "texts": _by_period(
            "Fasta team har införts i två hemtjänstområden.",
            "Antalet personal per brukare har minskat.",
            "I brukarundersökningen kände 91 procent förtroende för personalen.",
            "Kontinuiteten fortsätter att förbättras.",
            "Fasta team finns nu i alla hemtjänstområden.",
        ),
    },
    {
        "key": "kfn-fritid",
        "level": "namndmal",
        "owner": "4000",
        "parent": "skola",
        "title": "Fler barn och unga ska delta i kultur- och fritidsaktiviteter",
        "statuses": _by_period("met", "met", "met", "partly", "met"),
        "texts": _by_period(
            "Sportlovsaktiviteterna hade rekordmånga deltagare.",
            "Sommarlovsaktiviteterna nådde 2 100 barn och unga.",
            "Deltagandet i lovaktiviteter ökade med 18 procent.",
            "Färre deltog under påsklovet på grund av stängd sporthall.",
            "Sommarlovet hade fler deltagare än något tidigare år.",
        ),
    },
    {
        "key": "sbn-planer",
        "level": "namndmal",
        "owner": "5000",
        "parent": "service",
        "title": "Detaljplaner ska tas fram inom utlovad tid",
        "statuses": _by_period("partly", "partly", "partly", "not_met", "partly"),
        "texts": _by_period(
            "Två av tre planer följer tidplanen.",
            "Planen för Södra Ängen är försenad av överklagande.",
            "Sex av nio detaljplaner antogs inom utlovad tid.",
            "Personalbrist har försenat tre planer; en åtgärdsplan tas fram.",
            "Två konsulter har anlitats och förseningarna minskar.",
        ),
    },
    {
        "key": "mbn-bygglov",
        "level": "namndmal",
        "owner": "6000",
        "parent": "service",
        "title": "Bygglov ska beslutas inom lagstadgad tid",
        "statuses": _by_period("partly", "partly", "met", "met", "met"),
        "texts": _by_period(
            "88 procent av lovärendena beslutades inom lagstadgad tid.",
            "Den digitala ansökan har kortat handläggningstiden.",
            "96 procent av ärendena beslutades inom lagstadgad tid.",
            "Alla ärenden under tertialet beslutades inom lagstadgad tid.",
            "Handläggningstiderna ligger stabilt inom lagens krav.",
        ),
    },
    {
        "key": "tn-va",
        "level": "namndmal",
        "owner": "7000",
        "parent": "service",
        "title": "Borlängebon ska ha ett säkert dricksvatten från ett ledningsnät som förnyas i planerad takt",
        "statuses": _by_period("partly", "met", "met", "partly", "met"),
        "texts": _by_period(
            "Etapp 1 har startat något senare än planerat.",
            "Etapp 1 är klar inom budget.",
            "1,1 procent av ledningsnätet förnyades, enligt plan och inom ramen.",
            "Etapp 2 har försenats av tjälen.",
            "Etapp 2 följer nu tidplanen.",
        ),
    },
    # Verksamhetsmål of the förvaltningar --------------------------------------------------------
    {
        "key": "buf-las",
        "level": "verksamhetsmal",
        "owner": "2100",
        "parent": "bun-kunskap",
        "title": "Alla elever ska kunna läsa med flyt i slutet av årskurs 3",
        "statuses": _by_period("partly", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Alla skolor genomför screening i läsning.",
            "Lästräning med speciallärare i alla klasser i årskurs 1.",
            "82 procent av eleverna läste med flyt i årskurs 3.",
            "Screeningen visar förbättring i årskurs 2.",
            "Andelen som läser med flyt ökar.",
        ),
    },
    {
        "key": "sof-kontinuitet",
        "level": "verksamhetsmal",
        "owner": "3100",
        "parent": "sn-bemotande",
        "title": "En brukare i hemtjänsten ska möta högst tolv olika medarbetare på två veckor",
        "statuses": _by_period("not_met", "partly", "partly", "met", "met"),
        "texts": _by_period(
            "Brukarna mötte i snitt sexton medarbetare på två veckor.",
            "Fasta team har minskat snittet till fjorton.",
            "Snittet var tretton medarbetare på två veckor vid årets slut.",
            "Snittet är nu elva medarbetare.",
            "Snittet ligger stabilt på elva medarbetare.",
        ),
    },
    {
        "key": "klf-kundcenter",
        "level": "verksamhetsmal",
        "owner": "1100",
        "parent": "ks-digital",
        "title": "Kundcenter ska lösa minst 70 procent av ärendena vid första kontakten",
        "statuses": _by_period("partly", "partly", "met", "met", "met"),
        "texts": _by_period(
            "Kundcenter löste 61 procent av ärendena direkt.",
            "Kunskapsbanken har byggts ut; 66 procent löses direkt.",
            "72 procent av ärendena löstes vid första kontakten.",
            "74 procent av ärendena löstes vid första kontakten.",
            "Nivån håller i sig.",
        ),
    },
)  # fmt: skip

# --- Each nämnd's and bolag's contribution to each KF goal ---------------------------------

# How a body contributes to the KF goals, by ansvarskod: its own words per goal key; a body
# or goal not listed takes DEFAULT_CONTRIBUTION of the goal.
CONTRIBUTIONS = {
    "1000": {
        "service": "Kommunstyrelsen bidrar genom kundcenter och nya e-tjänster som gör kontakten med kommunen enklare.",
        "arbete": "Kommunstyrelsen bidrar genom näringslivsarbetet och kommunens feriejobb.",
        "resultat": "Kommunstyrelsen håller sin ram och leder arbetet med budgetprocessen.",
    },
    "2000": {
        "skola": "Nämnden bidrar genom tidiga insatser i läsning och en förstärkt elevhälsa.",
        "arbete": "Vuxenutbildningen ger fler vuxna möjlighet att studera vidare mot arbete.",
        "service": "Ansökan till förskola och skola görs nu digitalt.",
    },
    "3000": {
        "arbete": "Nämnden bidrar genom jobbtorget, där jobbcoacher matchar deltagarna mot lediga jobb.",
        "service": "Fasta team i hemtjänsten ger ett tryggare och mer personligt bemötande.",
        "resultat": "Nämnden prognostiserar ett underskott för placeringar och har beslutat om en åtgärdsplan.",
        "skola": "Socialtjänsten och skolan samarbetar kring barn som behöver tidiga insatser.",
    },
    "4000": {
        "skola": "Nämnden bidrar med lovaktiviteter och kulturskola för barn och unga.",
    },
    "5000": {
        "service": "Nämnden bidrar genom att korta tiden för detaljplaner.",
        "investeringar": "Nämnden har prioriterat om fastighetsinvesteringarna för att hålla ramen.",
    },
    "6000": {
        "service": "Bygglov beslutas inom lagstadgad tid tack vare den digitala ansökan.",
    },
    "7000": {
        "investeringar": "VA-investeringarna följer plan och finansieras till stor del av taxan.",
    },
}
DEFAULT_CONTRIBUTION = {
    "resultat": "Nämnden bidrar genom att bedriva verksamheten inom sin ekonomiska ram.",
    "investeringar": "Nämnden bidrar genom att hålla sina investeringsprojekt inom beslutade ramar.",
    "service": "Nämnden bidrar genom ett professionellt bemötande och korta svarstider.",
    "skola": "Nämnden bidrar indirekt genom samverkan med skolan och föreningslivet.",
    "arbete": "Nämnden bidrar genom praktikplatser och feriejobb i sina verksamheter.",
}
# The status of a contribution to a goal the body has no own goal under, by period key.
DEFAULT_CONTRIBUTION_STATUS = _by_period("partly", "partly", "met", "partly", "partly")
# The bodies that have reported everything and marked the open period done.
DONE_IN_OPEN_PERIOD = frozenset({"1000", "2000", "4000", "6000"})
COMPUTED_CONTRIBUTION = (
    "Målet följs upp med nyckeltalet; nämnden bidrar genom att hålla sin budgetram."
)

# --- KF's uppdrag in the strategic plan ------------------------------------------------------

ASSIGNMENT_DECISION = (dt.date(2025, 6, 16), "§ 87")  # the strategic plan's revision for 2026
# title, description, goal key, years, recipients, reports {ansvarskod: (status, report)}
ASSIGNMENTS = (
    {
        "title": "Samla kommunens service i ett gemensamt kundcenter",
        "description": "Borlängebon ska nå kommunen på ett ställe, på telefon, digitalt och på plats.",
        "goal": "service", "years": (2026, 2026), "recipients": ("1000",),
        "reports": {"1000": ("completed", "Kundcentret öppnade i april och löser sju av tio ärenden direkt.")},
    },
    {
        "title": "Ta fram en gemensam plan för fler vägar till arbete",
        "description": "Vuxenutbildningen, jobbtorget och näringslivet ska samordna sina insatser.",
        "goal": "arbete", "years": (2026, 2027), "recipients": ("2000", "3000"),
        "reports": {"3000": ("in_progress", "Planen remitteras till barn- och utbildningsnämnden i oktober.")},
    },
)  # fmt: skip

# --- Indicators ---------------------------------------------------------------------------

# key, title, measure unit, direction, goals, targets per year, values per period key;
# "figure": a key figure whose value the economy has (then the value is the economy's).
INDICATORS = (
    {
        "key": "resultat",
        "title": "Årets resultat i procent av skatteintäkter och generella statsbidrag",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen beräkning, ekonomisystemet",
        "decimals": 1,
        "goals": ("resultat",),
        "targets": {2025: "2.0", 2026: "2.0"},
        "figure": "result_share",
        "values": _by_period("1.3", "1.9", "2.4", "1.1", "1.4"),
    },
    {
        "key": "sjalvfinansiering",
        "title": "Självfinansieringsgrad av investeringarna",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen beräkning, ekonomisystemet",
        "decimals": 0,
        "goals": ("investeringar",),
        "targets": {2025: "70", 2026: "70"},
        "figure": "self_financing",
        "values": _by_period("64", "71", "78", "62", "69"),
    },
    {
        "key": "bemotande",
        "title": "Invånare som upplevt ett gott bemötande vid kontakt med kommunen, andel (%)",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Kommunens servicemätning",
        "decimals": 0,
        "goals": ("service", "sn-bemotande"),
        "targets": {2025: "85", 2026: "86"},
        "values": _by_period("82", "83", "84", "85", "87"),
    },
    {
        "key": "epost",
        "title": "E-post till kommunen som besvaras inom en arbetsdag, andel (%)",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Servicemätning, KKiK",
        "decimals": 0,
        "goals": ("service", "ks-digital"),
        "targets": {2025: "80", 2026: "85"},
        "values": _by_period("71", "75", "78", "81", "84"),
    },
    {
        "key": "behorighet",
        "title": "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Skolverket via Kolada",
        "decimals": 1,
        "goals": ("skola", "bun-kunskap"),
        "targets": {2025: "85", 2026: "85"},
        "values": {"2025-bokslut": "82.4", "2026-t2": "84.0"},
    },
    {
        "key": "lovaktiviteter",
        "title": "Deltagartillfällen i lovaktiviteter för barn och unga, antal",
        "measure_unit": "st",
        "direction": "higher",
        "source": "Kultur- och fritidsförvaltningen",
        "decimals": 0,
        "goals": ("skola", "kfn-fritid"),
        "targets": {2025: "5000", 2026: "5500"},
        "values": _by_period("1400", "3800", "5900", "1250", "4200"),
    },
    {
        "key": "bistand",
        "title": "Invånare 20–64 år med långvarigt ekonomiskt bistånd, andel (%)",
        "measure_unit": "%",
        "direction": "lower",
        "source": "Socialstyrelsen via Kolada",
        "decimals": 1,
        "goals": ("arbete", "sn-arbete"),
        "targets": {2025: "2.8", 2026: "2.7"},
        "values": _by_period("3.4", "3.3", "3.1", "3.0", "2.9"),
    },
)  # fmt: skip
INDICATOR_SET_DECISIONS = (
    (2025, dt.date(2024, 6, 17), "§ 93"),
    (2026, dt.date(2025, 6, 16), "§ 88"),
)

# --- Plans 2026 ---------------------------------------------------------------------------

PLAN_YEAR = 2026
# Nämndplaner, decided by the nämnd: ansvarskod: (date, §, activities).
# An activity: (title, responsible, start, end, status, goal key).
COMMITTEE_PLANS = {
    "1000": (dt.date(2025, 11, 18), "§ 151", [
        ("Öppna kommungemensamt kundcenter", "Kanslichef", "2026-01-07", "2026-04-30", "done", "ks-digital"),
        ("Tjugo nya e-tjänster", "Digitaliseringschef", "2026-02-01", "2026-12-15", "started", "ks-digital"),
    ]),
    "2000": (dt.date(2025, 11, 26), "§ 98", [
        ("Läsfrämjande insats i årskurs 1–3", "Verksamhetschef grundskola", "2026-01-10", "2026-06-15", "done", "bun-kunskap"),
        ("Förstärkt elevhälsa i förskoleklass", "Elevhälsochef", "2026-02-01", "2026-12-18", "started", "bun-kunskap"),
    ]),
    "3000": (dt.date(2025, 11, 25), "§ 122", [
        ("Fasta team i hela hemtjänsten", "Verksamhetschef äldreomsorg", "2026-01-15", "2026-09-30", "started", "sn-bemotande"),
        ("Jobbtorg med arbetsgivarsamarbeten", "Verksamhetschef IFO", "2026-01-15", "2026-12-31", "started", "sn-arbete"),
    ]),
    "4000": (dt.date(2025, 11, 20), "§ 77", [
        ("Lovaktiviteter i alla stadsdelar", "Fritidschef", "2026-02-01", "2026-08-31", "started", "kfn-fritid"),
    ]),
    "5000": (dt.date(2025, 11, 19), "§ 101", [
        ("Projektstyrning av detaljplaner", "Planchef", "2026-01-15", "2026-12-15", "started", "sbn-planer"),
    ]),
    "6000": (dt.date(2025, 11, 24), "§ 84", [
        ("Digital bygglovsprocess fullt ut", "Bygglovschef", "2026-01-15", "2026-10-31", "started", "mbn-bygglov"),
    ]),
    "7000": (dt.date(2025, 11, 27), "§ 90", [
        ("Förnyelse av ledningsnätet etapp 2", "VA-chef", "2026-03-01", "2026-11-30", "started", "tn-va"),
    ]),
}  # fmt: skip
# Verksamhetsplaner, decided by the förvaltning (the model: operations_plan_decided_by =
# administration): ansvarskod: (date, förvaltningens beslutsnummer, activities).
OPERATIONS_PLANS = {
    "1100": (dt.date(2025, 12, 15), "KLF 2025/41", [
        ("Kunskapsbank för kundcenter", "Enhetschef kundcenter", "2026-01-07", "2026-03-31", "done", "klf-kundcenter"),
    ]),
    "2100": (dt.date(2025, 12, 12), "BUF 2025/77", [
        ("Screening i läsning i årskurs 1–3", "Utvecklingsledare", "2026-01-15", "2026-05-31", "done", "buf-las"),
        ("Speciallärare i lästräning", "Verksamhetschef grundskola", "2026-02-01", "2026-12-18", "started", "buf-las"),
    ]),
    "3100": (dt.date(2025, 12, 16), "SOF 2025/63", [
        ("Schemaläggning i fasta team", "Enhetschef hemtjänst", "2026-01-15", "2026-06-30", "done", "sof-kontinuitet"),
    ]),
    "3120": (dt.date(2025, 12, 18), "SOF 2025/64", [
        ("Mätning av kontinuitet varje månad", "Verksamhetschef äldreomsorg", "2026-01-15", "2026-12-31", "started", "sof-kontinuitet"),
    ]),
}  # fmt: skip
PLAN_SECTIONS = {
    "verksamhetsbeskrivning": (
        "<p>{unit} beskriver här hur fullmäktiges uppdrag utförs och hur verksamheten arbetar "
        "för att nå målen för god ekonomisk hushållning inom den fastställda ekonomiska ramen.</p>"
    ),
    "omvarldsanalys": (
        "<p>Befolkningen åldras, kompetensförsörjningen är svår och kostnaderna ökar snabbare "
        "än skatteintäkterna. Borlängebon förväntar sig digitala tjänster.</p>"
    ),
    "nulagesanalys": (
        "<p>De flesta nämndmål uppfylls delvis. Analysen pekar på ett behov av att förenkla "
        "arbetssätten och att låta medarbetarna driva förbättringsarbetet.</p>"
    ),
}

# --- Kvalitetsledningssystemet ------------------------------------------------------------

DOC_URL = "https://exempelkommun.se/kvalitetsledning/"
# kind, title, decided by (None: a law), owner, decided on, §, revise by, goal keys
DOCUMENTS = (
    # Lagar och regelverk
    ("lag", "Kommunallag (2017:725)", None, "1000", "2017-06-22", "", "2027-12-31", []),
    ("lag", "Förvaltningslag (2017:900)", None, "1000", "2017-09-28", "", "2027-12-31", ["service"]),
    ("lag", "Socialtjänstlag (2001:453)", None, "3000", "2001-06-07", "", "2027-12-31", []),
    ("lag", "Skollag (2010:800)", None, "2000", "2010-06-23", "", "2027-12-31", ["skola"]),
    # Övergripande interna styrdokument
    ("policy", "Policy för kvalitetsledning", "100", "1000", "2023-02-20", "§ 19", "2027-02-28", ["service"]),
    ("riktlinje", "Riktlinjer för god ekonomisk hushållning", "100", "1110", "2023-06-19", "§ 84", "2027-06-30", ["resultat", "investeringar"]),
    ("policy", "Arbetsgivarpolicy med ledarfilosofin", "1000", "1120", "2023-03-14", "§ 41", "2027-03-31", []),
    ("reglemente", "Reglemente för socialnämnden", "100", "3000", "2022-12-12", "§ 180", "2026-12-31", []),
    ("delegationsordning", "Delegationsordning för barn- och utbildningsnämnden", "2000", "2000", "2025-02-12", "§ 14", "2027-02-28", []),
    # Processer, rutiner och checklistor (the förvaltningar's own)
    ("process", "Process för planering och uppföljning", "1100", "1100", "2024-09-02", "KLF 2024/18", "2026-09-30", ["resultat", "investeringar"]),
    ("process", "Process för synpunkts- och klagomålshantering", "1100", "1100", "2024-03-11", "KLF 2024/07", "2026-03-31", ["service"]),
    ("process", "Process för bygglovshandläggning", "6100", "6120", "2025-01-20", "MBF 2025/02", "2027-01-31", ["service"]),
    ("rutin", "Rutin för avvikelsehantering i hemtjänsten", "3100", "3120", "2024-11-04", "SOF 2024/51", "2026-11-30", ["service"]),
    ("rutin", "Rutin för läsutveckling i årskurs 1–3", "2100", "2120", "2025-08-11", "BUF 2025/33", "2027-08-31", ["skola"]),
    ("checklista", "Checklista för brandskydd i gruppbostäder", "3100", "3130", "2025-03-03", "SOF 2025/12", "2026-03-31", []),
    ("checklista", "Checklista för introduktion av nya chefer", "1100", "1120", "2024-05-20", "KLF 2024/11", "2026-05-31", []),
    # Kommungemensamma modeller och dokument för kvalitetsledning
    ("kvalitetsmodell", "Borlängemodellen för systematiskt kvalitetsarbete", "1000", "1100", "2023-04-18", "§ 62", "2027-04-30", ["service"]),
    ("kvalitetsmodell", "Modell för egenkontroll och internkontroll", "1000", "1110", "2024-02-13", "§ 21", "2028-02-29", ["resultat"]),
)  # fmt: skip

# Avvikelser, klagomål and synpunkter: ansvarskod, date, kind, description, measure, status,
# the process/rutin/checklista it concerns (title or None), the goal it concerns (key or None).
DEVIATIONS = (
    ("3121", "2025-10-14", "avvikelse", "Ett besök i hemtjänsten uteblev på grund av fel i planeringen.",
     "Planeringen dubbelkontrolleras nu av teamledaren.", "avslutad",
     "Rutin för avvikelsehantering i hemtjänsten", "sof-kontinuitet"),
    ("3121", "2026-02-03", "klagomal", "Brukare klagar på att det kommer för många olika medarbetare.",
     "Brukaren har fått ett fast team.", "atgardad",
     "Process för synpunkts- och klagomålshantering", "sn-bemotande"),
    ("6120", "2026-03-09", "klagomal", "Sökande fick inget besked om sitt bygglov inom tio veckor.",
     "Ärendet prioriterades och beslut fattades inom en vecka.", "avslutad",
     "Process för bygglovshandläggning", "mbn-bygglov"),
    ("1100", "2026-04-22", "synpunkt", "Invånare önskar kvällsöppet i kundcenter.",
     "Prövas under hösten.", "oppen",
     "Process för synpunkts- och klagomålshantering", "service"),
    ("3131", "2026-05-18", "avvikelse", "Brandlarmet testades inte enligt checklistan.",
     "Checklistan har gåtts igenom med personalen.", "atgardad",
     "Checklista för brandskydd i gruppbostäder", None),
    ("2121", "2026-06-02", "synpunkt", "Förälder önskar information om skolans lässcreening.",
     "", "oppen", "Rutin för läsutveckling i årskurs 1–3", "buf-las"),
)  # fmt: skip
