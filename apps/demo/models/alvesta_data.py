# ruff: noqa: E501  (data: one goal text, document or activity a line)
"""Exempelkommun run as Alvesta's styrmodell (seed document 000): tillitsbaserad ledning och
styrning with Agenda 2030 through the whole chain.

A vision and the värdegrund with its three värdeord, decided by KF; kommunmål per
sustainability perspective (ekonomisk, ekologisk, social hållbarhet); nämndmål under them;
the bolag's goals on the level "Bolagsmål"; every goal, uppdrag, activity and indicator
tagged with the global goals it serves (each global goal the kommun works with has at least
a goal and an indicator); nulägesbeskrivningar and tillitsdialoger (the model has no
omvärldsfaktorer); assessments in every follow-up.

The document gives the structure; the goal texts are the demo's own. Goals are referred to
by a short key, units by ansvarskod, periods by "<year>-t1", "<year>-t2", "<year>-bokslut".
"""

from __future__ import annotations

import datetime as dt

KF = "100"
REASON = "Demodata för Exempelkommun (Alvestamodellen)"

MODEL_FIELDS = {
    "name": "Exempelkommuns styrmodell efter Alvestamodellen",
    "description": (
        "Tillitsbaserad ledning och styrning med fokus på Agenda 2030. Kommunmålen följer "
        "de tre hållbarhetsperspektiven; nämnderna och bolagen sätter sina mål under dem och "
        "varje mål, uppdrag, aktivitet och indikator visar vilka globala mål den bidrar till."
    ),
}

# KF's decision of the vision, the värdegrund and the utgångspunkter.
FOUNDATION_DECISION = (dt.date(2023, 11, 27), "§ 148", 2024)
VISION_DECISION = (dt.date(2023, 11, 27), "§ 147")
# KF's budget with the kommunmål 2025–2028.
GOALS_DECISION = (dt.date(2024, 6, 17), "§ 88")
YEARS = (2025, 2028)

PERIOD_KEYS = ("2025-t1", "2025-t2", "2025-bokslut", "2026-t1", "2026-t2")


def _by_period(*values):
    return dict(zip(PERIOD_KEYS, values, strict=True))


# The global goals (Tag kind agenda2030, codes "1".."17") the kommun works with.
GLOBAL_GOALS = ("3", "4", "6", "7", "8", "10", "11", "13", "16")

# key, level, owner, parent, perspective, title, tags (global goals), statuses and texts per
# period key (the owner's assessment).
GOALS = (
    {
        "key": "vision",
        "level": "vision",
        "owner": KF,
        "title": "Alvesta 2030 – tillsammans skapar vi en hållbar vardag där alla kan växa",
        "description": (
            "I Alvesta kommun ska det vara lätt att leva, bo och verka. Vi tar ansvar för "
            "ekonomisk, social och miljömässig hållbarhet och bygger framtiden tillsammans med "
            "invånare, föreningar och företag."
        ),
        "years": (2024, 2030),
        "decision": VISION_DECISION,
    },
    # Kommunmål -----------------------------------------------------------------------------
    {
        "key": "barn",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "social",
        "title": "Alla barn och unga ska få en god start i livet och klara skolan",
        "tags": ("3", "4", "10"),
        "position": 10,
        "statuses": _by_period("partly", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Förskolans språksatsning har startat i alla områden.",
            "Behörigheten till gymnasiet ökade något men skillnaden mellan skolorna är stor.",
            "Behörigheten till yrkesprogram blev 83,5 procent mot målet 86 procent; fler elever fick tidigt stöd.",
            "Elevhälsans nya arbetssätt har gett färre orosanmälningar.",
            "Behörigheten ökade till 85,1 procent.",
        ),
    },
    {
        "key": "trygghet",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "social",
        "title": "Invånarna ska känna sig trygga och delaktiga i samhället",
        "tags": ("11", "16"),
        "position": 20,
        "statuses": _by_period("partly", "met", "met", "partly", "met"),
        "texts": _by_period(
            "Trygghetsvandringar har genomförts i tre tätorter.",
            "Medborgardialogerna om centrum hade fler deltagare än tidigare.",
            "78 procent känner sig trygga i sitt bostadsområde, över målet 75 procent.",
            "Oron i centrum under våren har lett till fler trygghetsvärdar.",
            "Tryggheten har återgått till förra årets nivå.",
        ),
    },
    {
        "key": "klimat",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "ekologisk",
        "title": "Kommunkoncernens klimatpåverkan ska minska varje år",
        "tags": ("7", "13"),
        "position": 30,
        "statuses": _by_period("partly", "partly", "met", "partly", "partly"),
        "texts": _by_period(
            "Tio nya elbilar har ersatt dieselbilar i hemtjänsten.",
            "Solcellsanläggningen på värmeverket är upphandlad.",
            "Utsläppen från fordonen minskade med 14 procent och fjärrvärmen är nästan helt förnybar.",
            "Fler resor med egen bil i tjänsten har ökat utsläppen något.",
            "Resepolicyn följs bättre; utsläppen minskar igen.",
        ),
    },
    {
        "key": "vatten",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "ekologisk",
        "title": "Invånarna ska ha tillgång till rent dricksvatten och levande sjöar",
        "tags": ("6",),
        "position": 40,
        "statuses": _by_period("met", "met", "met", "met", "partly"),
        "texts": _by_period(
            "Alla vattenprover var utan anmärkning.",
            "Åtgärdsplanen för Salen följs.",
            "99 procent av vattenproverna var utan anmärkning.",
            "Alla vattenprover var utan anmärkning.",
            "Två prover i Moheda hade anmärkning; ledningen har spolats.",
        ),
    },
    {
        "key": "arbete",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "ekonomisk",
        "title": "Fler invånare ska ha ett arbete att gå till",
        "tags": ("8", "4"),
        "position": 50,
        "statuses": _by_period("partly", "partly", "partly", "partly", "met"),
        "texts": _by_period(
            "Arbetslösheten är oförändrad jämfört med förra året.",
            "Jobbspåren inom vård och omsorg har fått 24 deltagare.",
            "Andelen förvärvsarbetande ökade till 78,2 procent men når inte målet 79 procent.",
            "Fler deltagare i jobbspåren har fått anställning.",
            "Andelen förvärvsarbetande har nått målet.",
        ),
    },
    {
        "key": "ekonomi",
        "level": "kommunmal",
        "owner": KF,
        "parent": "vision",
        "perspective": "ekonomisk",
        "title": "Kommunkoncernen ska ha en ekonomi i balans som ger utrymme för framtida behov",
        "tags": ("16",),
        "position": 60,
        "statuses": _by_period("partly", "partly", "met", "not_met", "partly"),
        "texts": _by_period(
            "Helårsprognosen visar ett resultat under målet.",
            "Nämndernas prognoser har förbättrats sedan tertial 1.",
            "Årets resultat översteg målet; nämnderna höll sammantaget sina ramar.",
            "Socialnämndens underskott gör att målet inte nås enligt prognosen.",
            "Åtgärdsplanen inom socialnämnden minskar underskottet.",
        ),
    },
    # Nämndmål ------------------------------------------------------------------------------
    {
        "key": "bun-tidigt-stod",
        "level": "namndmal",
        "owner": "2000",
        "parent": "barn",
        "perspective": "social",
        "title": "Varje elev ska få stöd tidigt så att fler når kunskapskraven",
        "tags": ("4", "10"),
        "statuses": _by_period("partly", "partly", "partly", "partly", "met"),
        "texts": _by_period(
            "Lässcreening i förskoleklass på alla skolor.",
            "Specialpedagoger har knutits till varje skolområde.",
            "72 procent av eleverna i årskurs 9 nådde kunskapskraven i alla ämnen.",
            "Elevhälsan arbetar nu främjande i varje klass.",
            "Andelen som når kunskapskraven har ökat i alla skolområden.",
        ),
    },
    {
        "key": "sn-halsa",
        "level": "namndmal",
        "owner": "3000",
        "parent": "barn",
        "perspective": "social",
        "title": "Barn i familjer med stödbehov ska få samordnade insatser",
        "tags": ("3", "10"),
        "statuses": _by_period("partly", "partly", "met", "partly", "partly"),
        "texts": _by_period(
            "Samordnad individuell plan prövas i två skolområden.",
            "Fler familjer har fått en samordnad plan.",
            "Alla familjer med insatser från både skola och socialtjänst har en samordnad plan.",
            "Väntetiden till familjebehandling har ökat.",
            "Väntetiden har minskat efter en ny rekrytering.",
        ),
    },
    {
        "key": "sn-arbete",
        "level": "namndmal",
        "owner": "3000",
        "parent": "arbete",
        "perspective": "ekonomisk",
        "title": "Fler med försörjningsstöd ska få ett arbete eller börja studera",
        "tags": ("8",),
        "statuses": _by_period("not_met", "partly", "partly", "partly", "met"),
        "texts": _by_period(
            "Fler hushåll har ansökt om försörjningsstöd.",
            "Jobbspåren har kommit igång.",
            "120 personer gick till arbete eller studier, mot målet 140.",
            "Fler har gått från jobbspår till anställning.",
            "Målet för året är nått redan i augusti.",
        ),
    },
    {
        "key": "kfn-motesplatser",
        "level": "namndmal",
        "owner": "4000",
        "parent": "trygghet",
        "perspective": "social",
        "title": "Biblioteken och fritidsgårdarna ska vara trygga mötesplatser för alla",
        "tags": ("11", "16"),
        "statuses": _by_period("met", "met", "met", "partly", "met"),
        "texts": _by_period(
            "Biblioteket har meröppet i alla orter.",
            "Fritidsgårdarna har fler besökare än förra året.",
            "Besöken på biblioteken ökade med 12 procent.",
            "Oroligheter på fritidsgården i centrum under våren.",
            "Fritidsgården har fått fler vuxna på plats.",
        ),
    },
    {
        "key": "tn-fordon",
        "level": "namndmal",
        "owner": "7000",
        "parent": "klimat",
        "perspective": "ekologisk",
        "title": "Kommunens fordon ska vara fossilfria år 2028",
        "tags": ("7", "13"),
        "statuses": _by_period("partly", "partly", "partly", "partly", "partly"),
        "texts": _by_period(
            "Tio elbilar har levererats.",
            "Laddplatser byggs vid tre förvaltningar.",
            "64 procent av fordonen är fossilfria.",
            "Upphandlingen av tunga fordon är försenad.",
            "71 procent av fordonen är fossilfria.",
        ),
    },
    {
        "key": "tn-va",
        "level": "namndmal",
        "owner": "7000",
        "parent": "vatten",
        "perspective": "ekologisk",
        "title": "Dricksvattnet ska hålla god kvalitet i alla orter",
        "tags": ("6",),
        "statuses": _by_period("met", "met", "met", "met", "partly"),
        "texts": _by_period(
            "Alla prover utan anmärkning.",
            "Reservvattentäkten i Moheda är klar.",
            "Alla orter har haft dricksvatten av god kvalitet.",
            "Alla prover utan anmärkning.",
            "Två prover med anmärkning i Moheda.",
        ),
    },
    {
        "key": "ks-ekonomi",
        "level": "namndmal",
        "owner": "1000",
        "parent": "ekonomi",
        "perspective": "ekonomisk",
        "title": "Kommunstyrelsen ska leda arbetet för en ekonomi i balans i hela koncernen",
        "tags": ("16",),
        "statuses": _by_period("partly", "partly", "met", "partly", "partly"),
        "texts": _by_period(
            "Budgetdialogerna med nämnderna har startat.",
            "Tillitsdialogerna har tagit upp ekonomin i varje nämnd.",
            "Resultatet och nämndernas avvikelser ligger inom målet.",
            "Socialnämndens underskott följs upp månadsvis.",
            "Underskottet minskar.",
        ),
    },
    # Bolagsmål ----------------------------------------------------------------------------------
    {
        "key": "bostader",
        "level": "bolagsmal",
        "owner": "8100",
        "parent": "trygghet",
        "perspective": "social",
        "title": "Bostadsbolaget ska bygga 40 nya hyresrätter till 2028 och hålla tryggt i sina områden",
        "tags": ("11",),
        "statuses": _by_period("partly", "partly", "partly", "partly", "met"),
        "texts": _by_period(
            "Bygglov för 16 lägenheter på Lindvägen.",
            "Byggstart på Lindvägen.",
            "16 lägenheter är under byggnation; trygghetsvandringar i alla områden.",
            "Inflyttning planeras till hösten.",
            "16 lägenheter är inflyttade.",
        ),
    },
    {
        "key": "energi",
        "level": "bolagsmal",
        "owner": "8200",
        "parent": "klimat",
        "perspective": "ekologisk",
        "title": "Fjärrvärmen ska vara helt förnybar och solel ska byggas ut",
        "tags": ("7", "13"),
        "statuses": _by_period("partly", "partly", "met", "met", "met"),
        "texts": _by_period(
            "Oljepannan används bara vid kyla.",
            "Solcellsanläggningen är beställd.",
            "Fjärrvärmen var 99,6 procent förnybar under året.",
            "Solcellsanläggningen är i drift.",
            "Fjärrvärmen är helt förnybar hittills i år.",
        ),
    },
)  # fmt: skip

# --- Indicators (each tagged with the global goals it measures) ----------------------------

INDICATORS = (
    {
        "key": "behorighet",
        "title": "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 1,
        "source": "Skolverket via Kolada",
        "tags": ("4",),
        "goals": ("barn", "bun-tidigt-stod"),
        "targets": {2025: "86", 2026: "86"},
        "values": {"2025-bokslut": "83.5", "2026-t2": "85.1"},
    },
    {
        "key": "halsa",
        "title": "Elever i åk 9 som upplever god hälsa, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 0,
        "source": "Elevhälsoenkäten",
        "tags": ("3",),
        "goals": ("barn", "sn-halsa"),
        "targets": {2025: "75", 2026: "76"},
        "values": {"2025-t1": "71", "2025-bokslut": "73", "2026-t1": "74"},
    },
    {
        "key": "skillnad",
        "title": "Skillnad i behörighet mellan skolområdena, procentenheter",
        "measure_unit": "procentenheter", "direction": "lower", "decimals": 1,
        "source": "Egen beräkning",
        "tags": ("10",),
        "goals": ("barn", "bun-tidigt-stod", "sn-halsa"),
        "targets": {2025: "8", 2026: "6"},
        "values": {"2025-bokslut": "9.4", "2026-t2": "7.2"},
    },
    {
        "key": "trygghet",
        "title": "Invånare som känner sig trygga i sitt bostadsområde, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 0,
        "source": "SCB:s medborgarundersökning",
        "tags": ("11", "16"),
        "goals": ("trygghet", "kfn-motesplatser", "bostader"),
        "targets": {2025: "75", 2026: "76"},
        "values": {"2025-bokslut": "78", "2026-t2": "77"},
    },
    {
        "key": "bostader",
        "title": "Nya hyresrätter färdigställda, antal",
        "measure_unit": "st", "direction": "higher", "decimals": 0,
        "source": "Bostadsbolaget",
        "tags": ("11",),
        "goals": ("bostader",),
        "targets": {2025: "0", 2026: "16"},
        "values": {"2025-bokslut": "0", "2026-t2": "16"},
    },
    {
        "key": "fordon",
        "title": "Fossilfria fordon i kommunens fordonsflotta, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 0,
        "source": "Fordonsregistret, tekniska förvaltningen",
        "tags": ("13", "7"),
        "goals": ("klimat", "tn-fordon"),
        "targets": {2025: "60", 2026: "75"},
        "values": _by_period("52", "58", "64", "67", "71"),
    },
    {
        "key": "fjarrvarme",
        "title": "Förnybar energi i fjärrvärmen, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 1,
        "source": "Energibolaget",
        "tags": ("7",),
        "goals": ("klimat", "energi"),
        "targets": {2025: "99", 2026: "100"},
        "values": _by_period("98.1", "99.2", "99.6", "100", "100"),
    },
    {
        "key": "vatten",
        "title": "Dricksvattenprover utan anmärkning, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 0,
        "source": "Tekniska förvaltningens provtagning",
        "tags": ("6",),
        "goals": ("vatten", "tn-va"),
        "targets": {2025: "98", 2026: "98"},
        "values": _by_period("100", "100", "99", "100", "97"),
    },
    {
        "key": "forvarvsarbete",
        "title": "Förvärvsarbetande invånare 20–64 år, andel (%)",
        "measure_unit": "%", "direction": "higher", "decimals": 1,
        "source": "SCB via Kolada",
        "tags": ("8",),
        "goals": ("arbete", "sn-arbete"),
        "targets": {2025: "79", 2026: "79"},
        "values": {"2025-bokslut": "78.2", "2026-t2": "79.1"},
    },
    {
        "key": "resultat",
        "title": "Årets resultat i procent av skatteintäkter och generella statsbidrag",
        "measure_unit": "%", "direction": "higher", "decimals": 1,
        "source": "Egen beräkning, ekonomisystemet",
        "tags": ("16",),
        "goals": ("ekonomi", "ks-ekonomi"),
        "targets": {2025: "2.0", 2026: "2.0"},
        "figure": "result_share",
        "values": _by_period("1.3", "1.9", "2.4", "1.1", "1.4"),
    },
)  # fmt: skip
INDICATOR_SET_DECISIONS = (
    (2025, dt.date(2024, 6, 17), "§ 89"),
    (2026, dt.date(2025, 6, 16), "§ 86"),
)

# --- Uppdrag from KF, tagged ----------------------------------------------------------------

ASSIGNMENT_DECISION = (dt.date(2025, 6, 16), "§ 85")
# title, description, goal key, years, recipients, tags, reports {ansvarskod: (status, report)}
ASSIGNMENTS = (
    {
        "title": "Ta fram en plan för fossilfria transporter i kommunkoncernen",
        "description": "Planen ska omfatta kommunens och bolagens fordon och tjänsteresor.",
        "goal": "klimat", "years": (2026, 2027), "recipients": ("1000", "7000"),
        "tags": ("13", "7"),
        "reports": {"7000": ("in_progress", "Inventeringen av fordonen är klar; planen remitteras i höst.")},
    },
    {
        "title": "Utveckla samverkan mellan skola och socialtjänst kring barn i behov av stöd",
        "description": "Samordnade insatser tidigt, med barnets bästa i centrum.",
        "goal": "barn", "years": (2026, 2026), "recipients": ("2000", "3000"),
        "tags": ("3", "4", "10"),
        "reports": {"2000": ("in_progress", "Gemensamma elevhälsoteam prövas i två skolområden."),
                    "3000": ("in_progress", "Socialsekreterare finns på plats i två skolor en dag i veckan.")},
    },
    {
        "title": "Starta jobbspår inom vård, omsorg och måltid",
        "description": "Jobbspår för personer med försörjningsstöd i samarbete med Arbetsförmedlingen.",
        "goal": "arbete", "years": (2026, 2027), "recipients": ("3000",),
        "tags": ("8",),
        "reports": {"3000": ("completed", "Tre jobbspår är i gång och 24 deltagare har fått anställning.")},
    },
)  # fmt: skip

# --- Plans 2026 (decided by the nämnder), activities tagged --------------------------------

PLAN_YEAR = 2026
# ansvarskod: (date, §, activities (title, responsible, start, end, status, goal key, tags))
PLANS = {
    "1000": (dt.date(2025, 11, 18), "§ 149", [
        ("Tillitsdialoger med alla nämnder om ekonomin", "Kommundirektör", "2026-02-01", "2026-11-30", "started", "ks-ekonomi", ("16",)),
    ]),
    "2000": (dt.date(2025, 11, 26), "§ 96", [
        ("Lässcreening i förskoleklass", "Verksamhetschef grundskola", "2026-01-15", "2026-05-31", "done", "bun-tidigt-stod", ("4",)),
        ("Gemensamma elevhälsoteam med socialtjänsten", "Elevhälsochef", "2026-02-01", "2026-12-18", "started", "bun-tidigt-stod", ("3", "10")),
    ]),
    "3000": (dt.date(2025, 11, 25), "§ 120", [
        ("Jobbspår inom vård och omsorg", "Verksamhetschef arbetsmarknad", "2026-01-15", "2026-12-31", "started", "sn-arbete", ("8",)),
        ("Samordnad individuell plan för alla familjer med flera insatser", "Verksamhetschef IFO", "2026-02-01", "2026-12-31", "started", "sn-halsa", ("3", "10")),
    ]),
    "4000": (dt.date(2025, 11, 20), "§ 75", [
        ("Fler vuxna på fritidsgården kvällstid", "Fritidschef", "2026-03-01", "2026-12-31", "started", "kfn-motesplatser", ("16",)),
    ]),
    "7000": (dt.date(2025, 11, 27), "§ 88", [
        ("Byta tjugo fordon till el", "Fordonsansvarig", "2026-01-15", "2026-11-30", "started", "tn-fordon", ("13", "7")),
        ("Reservvattentäkt i Moheda", "VA-chef", "2026-03-01", "2026-10-31", "done", "tn-va", ("6",)),
    ]),
}  # fmt: skip
PLAN_SECTIONS = {
    "verksamhetsbeskrivning": (
        "<p>{unit} beskriver sitt grunduppdrag och hur verksamheten bidrar till kommunmålen "
        "och de globala målen i Agenda 2030.</p>"
    ),
    "omvarldsanalys": (
        "<p>Fler äldre, svårare att rekrytera och ett klimat i förändring. Invånarna vill "
        "vara delaktiga i hur kommunen utvecklas.</p>"
    ),
    "nulagesanalys": (
        "<p>Målen nås delvis. Tillitsdialogerna visar att medarbetarna vill få större "
        "handlingsutrymme i sitt arbete.</p>"
    ),
}

# --- Nulägesbeskrivningar and tillitsdialoger -------------------------------------------------

STATUS_YEAR = 2026
# ansvarskod: (verksamhetsbeskrivning, omvärldsanalys, nulägesanalys, proposed goals), as HTML.
STATUS_REPORTS = {
    "1000": (
        "<p>Kommunstyrelsen leder och samordnar kommunkoncernen och har uppsikt över nämnder och bolag.</p>",
        "<p>Skatteunderlaget växer långsamt medan behoven inom vård och skola ökar.</p>",
        "<p>Koncernens ekonomi är i balans 2025 men ansträngd 2026. <strong>Tillitsdialogerna</strong> har gett en gemensam bild av läget.</p>",
        "<p>Ett mål om heltid som norm i hela koncernen.</p>",
    ),
    "2000": (
        "<p>Nämnden ansvarar för förskola, grundskola, gymnasium och vuxenutbildning.</p>",
        "<p>Färre barn i förskolan men fler elever i gymnasiet de närmaste åren.</p>",
        "<p>Behörigheten ökar men skillnaderna mellan skolområdena är fortfarande stora.</p><ul><li>Lässcreeningen ger tidiga signaler.</li><li>Elevhälsan arbetar mer främjande.</li></ul>",
        "<p>Ett mål om minskade skillnader mellan skolområdena.</p>",
    ),
    "3000": (
        "<p>Nämnden ansvarar för individ- och familjeomsorg, äldreomsorg och stöd enligt LSS.</p>",
        "<p>Fler äldre med stora behov och svår kompetensförsörjning inom vården.</p>",
        "<p>Jobbspåren fungerar väl; placeringskostnaderna är för höga.</p>",
        "<p>Ett mål om att fler barn ska få stöd i hemmet i stället för placering.</p>",
    ),
    "7000": (
        "<p>Nämnden ansvarar för vatten och avlopp, avfall, kost och städ.</p>",
        "<p>Ett förändrat klimat ger fler skyfall och torka; nya krav på dricksvattnet.</p>",
        "<p>Omställningen till fossilfria fordon går enligt plan.</p>",
        "<p>Ett mål om minskat matsvinn i alla kök.</p>",
    ),
    "8100": (
        "<p>Bolaget äger och förvaltar kommunens hyresbostäder.</p>",
        "<p>Höga byggkostnader och räntor gör nyproduktion dyr.</p>",
        "<p>Uthyrningsgraden är hög och bygget på Lindvägen följer tidplanen.</p>",
        "<p>Ett mål om energieffektivisering av beståndet.</p>",
    ),
}  # fmt: skip
# kind, held on, units, participants, topics, conclusions, follow-ups, status reports it rests
# on (ansvarskoder, STATUS_YEAR), uppdrag it led to (titles).
DIALOGUES = (
    ("oversight", "2026-03-10", ("1000", "3000"),
     "KS presidium, socialnämndens presidium, kommundirektör, socialchef",
     "Socialnämndens nulägesanalys: placeringskostnader och jobbspår.",
     "Samsyn om att stöd i hemmet ska prövas före placering.",
     "Socialnämnden återkommer med en plan i delårsrapporten.",
     ("3000",), ("Starta jobbspår inom vård, omsorg och måltid",)),
    ("oversight", "2026-03-24", ("1000", "2000"),
     "KS presidium, BUN presidium, kommundirektör, skolchef",
     "BUN:s nulägesanalys: skillnader mellan skolområdena.",
     "Skola och socialtjänst ska samverka tidigare kring barn i behov av stöd.",
     "Uppdraget om samverkan följs upp i tertial 2.",
     ("2000",), ("Utveckla samverkan mellan skola och socialtjänst kring barn i behov av stöd",)),
    ("between", "2026-05-19", ("2100", "3100"),
     "Förvaltningschefer och verksamhetschefer BUF och SOF",
     "Gemensamma elevhälsoteam och samordnad individuell plan.",
     "Arbetssättet prövas i två skolområden under hösten.",
     "Utvärdering i december.", (), ()),
    ("within", "2026-09-01", ("7000",),
     "Tekniska nämndens ledamöter, teknisk chef, enhetschefer",
     "Vad medarbetarna behöver för att klara omställningen till fossilfria fordon.",
     "Fler laddplatser och ett enklare system för bokning av bilar.",
     "Teknisk chef återkommer i november.", (), ()),
)  # fmt: skip
