# ruff: noqa: E501  (demo data: one record per line reads best)
"""Exempelkommun following Vadstena's styrmodell (seed 002): the data of vadstena.py.

"Verksamhetsfokuserad styrning och ledning": no vision and no nämndmål. KF sets politiska
inriktningar for the term of office, one or two per sustainability perspective (ekonomisk,
ekologisk, social hållbarhet); the grunduppdrag of each nämnd (from its reglemente) and the
local political uppdrag are what is steered and followed up, each period, with established
indicators, and each carries the three sustainability aspects it concerns. The texts are
written for the demo. Units are Exempelkommun's ansvarskoder; periods goals_data's keys.
"""

from __future__ import annotations

import datetime as dt

KF = "100"

MODEL = {
    "name": "Exempelkommuns verksamhetsfokuserade styrning och ledning",
    "description": (
        "Styrmodellen följer Vadstena kommuns: inga nämndspecifika mål, utan grunduppdraget och "
        "de lokala politiska uppdragen i fokus, följda varje period med etablerade indikatorer "
        "och bedömda utifrån de tre hållbarhetsaspekterna – ekonomisk, ekologisk och social."
    ),
}

PERIODS = ("2025-t1", "2025-t2", "2025-bokslut", "2026-t1", "2026-t2")
OPEN_PERIOD = "2026-t2"

# Politiska inriktningar: KF, the term of office (decided 2023-06-22 § 62, like the model).
DIRECTIONS_DECISION = (dt.date(2023, 6, 22), "§ 62")
DIRECTION_YEARS = (2023, 2026)
# key: (perspective, title, description, KF's assessment per period: (status, analysis))
DIRECTIONS = {
    "ekonomi": ("ekonomisk", "Kommunens ekonomi ska vara i balans och ge utrymme för investeringar",
                "Verksamheten bedrivs inom ramarna; resultatet finansierar investeringarna.",
                ("partly", "partly", "partly", "not_met", "partly"),
                "Resultatet ligger under nivån för god ekonomisk hushållning; Socialnämndens underskott tynger."),
    "klimat": ("ekologisk", "Kommunens verksamheter ska ställa om inom planetens gränser",
               "Minskade utsläpp, effektivare energianvändning och mindre avfall.",
               ("partly", "partly", "met", "partly", "met"),
               "Energianvändningen i lokalerna minskar och fordonen byts till el i den takt som planerats."),
    "livsvillkor": ("social", "Alla invånare ska ha goda och jämlika livsvillkor",
                    "Barn och unga lyckas i skolan, äldre får en trygg omsorg och fler är i arbete.",
                    ("partly", "partly", "partly", "partly", "partly"),
                    "Skolresultaten förbättras, men skillnaderna mellan grupper består."),
    "delaktighet": ("social", "Invånarna ska vara delaktiga i kommunens utveckling",
                    "Medborgardialoger och ett tillgängligt bemötande.",
                    ("met", "met", "met", "partly", "met"),
                    "Medborgardialogerna har nått fler än tidigare; bemötandet får goda omdömen."),
}  # fmt: skip

# The nämnders' grunduppdrag (from their reglementen): (key, ansvarskod, short title, source,
# text, aspects, indicator keys)
MISSIONS = (
    ("ks-ledning", "1000", "Leda och samordna", "Reglemente för kommunstyrelsen, KF 2022-12-15 § 121 (1 §)",
     "Kommunstyrelsen leder och samordnar kommunens verksamhet och ekonomi och har uppsikt över nämnder och bolag.",
     ("ekonomisk",), ("nki-foretag",)),
    ("bun-forskola", "2000", "Förskola", "Reglemente för barn- och utbildningsnämnden, KF 2022-12-15 § 122 (2 §)",
     "Nämnden erbjuder förskola till alla barn vars vårdnadshavare efterfrågar det, enligt skollagen.",
     ("social", "ekonomisk"), ("barn-per-arsarbetare",)),
    ("bun-grundskola", "2000", "Grundskola", "Reglemente för barn- och utbildningsnämnden, KF 2022-12-15 § 122 (3 §)",
     "Nämnden ansvarar för grundskola och grundsärskola med fritidshem, enligt skollagen.",
     ("social",), ("behorighet", "trygghet-skola")),
    ("sn-aldreomsorg", "3000", "Äldreomsorg", "Reglemente för socialnämnden, KF 2022-12-15 § 123 (2 §)",
     "Nämnden ger stöd och omsorg i hemmet och i särskilt boende till äldre som behöver det.",
     ("social", "ekonomisk"), ("personalkontinuitet",)),
    ("sn-ifo", "3000", "Individ- och familjeomsorg", "Reglemente för socialnämnden, KF 2022-12-15 § 123 (3 §)",
     "Nämnden ger stöd och skydd åt barn, unga och vuxna och ekonomiskt bistånd enligt socialtjänstlagen.",
     ("social", "ekonomisk"), ("forsorjningsstod",)),
    ("kfn-bibliotek", "4000", "Bibliotek och kultur", "Reglemente för kultur- och fritidsnämnden, KF 2022-12-15 § 124 (2 §)",
     "Nämnden driver folkbiblioteket och främjar kulturlivet, enligt bibliotekslagen.",
     ("social",), ("bibliotekslan",)),
    ("sbn-fastighet", "5000", "Kommunens lokaler", "Reglemente för samhällsbyggnadsnämnden, KF 2022-12-15 § 125 (4 §)",
     "Nämnden förvaltar kommunens lokaler så att de är ändamålsenliga, säkra och energieffektiva.",
     ("ekologisk", "ekonomisk"), ("energi-lokaler",)),
    ("mbn-bygglov", "6000", "Bygglov och tillsyn", "Reglemente för miljö- och byggnämnden, KF 2022-12-15 § 126 (2 §)",
     "Nämnden prövar bygglov och utövar tillsyn enligt plan- och bygglagen och miljöbalken.",
     ("ekologisk", "social"), ("handlaggningstid",)),
    ("tn-va", "7000", "Vatten och avlopp", "Reglemente för tekniska nämnden, KF 2022-12-15 § 127 (2 §)",
     "Nämnden ansvarar för den allmänna vatten- och avloppsanläggningen.",
     ("ekologisk", "ekonomisk", "social"), ("vattenlaeckage",)),
    ("tn-kost", "7000", "Måltider", "Reglemente för tekniska nämnden, KF 2022-12-15 § 127 (4 §)",
     "Nämnden lagar måltider i förskolor, skolor och äldreomsorg.",
     ("ekologisk", "social"), ("matsvinn",)),
)  # fmt: skip

# The missions' follow-up per period: (status per period, analysis per period or one for all)
MISSION_FOLLOWUPS = {
    "ks-ledning": (("partly", "partly", "partly", "partly", "partly"),
                   "Samordningen av ekonomin fungerar; prognoserna träffar bättre än förra året men Socialnämndens underskott kvarstår."),
    "bun-forskola": (("met", "met", "met", "met", "met"),
                     "Alla barn har fått plats inom fyra månader; barngrupperna ligger inom riktmärket."),
    "bun-grundskola": (("partly", "partly", "partly", "partly", "met"),
                       "Behörigheten till gymnasiet ökar men skillnaderna mellan skolorna är stora. Läsinsatserna i de tidiga åren ger resultat."),
    "sn-aldreomsorg": (("partly", "partly", "met", "partly", "partly"),
                       "Personalkontinuiteten i hemtjänsten har förbättrats med fasta team; bemanningen nattetid är svår."),
    "sn-ifo": (("not_met", "not_met", "partly", "not_met", "partly"),
               "Placeringskostnaderna överstiger budget; fler insatser på hemmaplan har införts och försörjningsstödet minskar."),
    "kfn-bibliotek": (("met", "met", "met", "met", "met"),
                      "Det meröppna biblioteket har ökat besöken och utlånen."),
    "sbn-fastighet": (("partly", "partly", "met", "partly", "met"),
                      "Energianvändningen i lokalerna minskar efter ventilationsbytena."),
    "mbn-bygglov": (("met", "partly", "met", "met", "met"),
                    "Handläggningstiden för bygglov ligger inom lagens krav; sommaren gav längre tider."),
    "tn-va": (("partly", "partly", "partly", "partly", "partly"),
              "Läckaget i ledningsnätet minskar långsamt; förnyelsetakten behöver öka."),
    "tn-kost": (("met", "met", "met", "met", "met"),
                "Matsvinnet har halverats sedan mätningarna började."),
}  # fmt: skip

# Indicators: key: (title, unit, direction, kolada, target 2025, target 2026, values by period)
INDICATORS = {
    "nki-foretag": ("Företagsklimat enligt SKR:s Insikt (NKI)", "index", "higher", "U07451", "72", "73", ("70", "70", "71", "71", "72")),
    "barn-per-arsarbetare": ("Inskrivna barn per årsarbetare i förskolan", "antal", "lower", "N11102", "5,2", "5,2", ("5,3", "5,2", "5,1", "5,2", "5,1")),
    "behorighet": ("Elever i åk 9 behöriga till yrkesprogram", "%", "higher", "N15428", "86", "87", ("83,1", "83,1", "84,9", "84,9", "86,2")),
    "trygghet-skola": ("Elever i åk 5 som känner sig trygga i skolan", "%", "higher", "N15613", "92", "92", ("88", "88", "90", "90", "91")),
    "personalkontinuitet": ("Personalkontinuitet i hemtjänsten (antal personal på 14 dagar)", "antal", "lower", "U21401", "12", "11", ("14", "13", "12", "12", "11")),
    "forsorjningsstod": ("Hushåll med långvarigt ekonomiskt bistånd", "%", "lower", "N31807", "1,2", "1,1", ("1,5", "1,4", "1,3", "1,4", "1,3")),
    "bibliotekslan": ("Fysiska besök på folkbiblioteket per invånare", "antal", "higher", "N09890", "4,5", "4,8", ("1,3", "2,9", "4,6", "1,5", "3,2")),
    "energi-lokaler": ("Energianvändning i kommunens lokaler (kWh/m²)", "kWh/m²", "lower", "", "150", "145", ("158", "155", "149", "152", "146")),
    "handlaggningstid": ("Handläggningstid för bygglov (dagar, median)", "dagar", "lower", "", "35", "30", ("32", "38", "33", "29", "28")),
    "vattenlaeckage": ("Läckage i vattenledningsnätet", "%", "lower", "", "15", "14", ("18", "17", "17", "16", "16")),
    "matsvinn": ("Matsvinn i kommunens kök (gram per portion)", "g", "lower", "", "40", "35", ("42", "39", "37", "34", "33")),
    "laddplatser": ("Laddplatser vid kommunens arbetsplatser", "antal", "higher", "", "20", "40", ("6", "12", "22", "28", "35")),
    "sommarjobb": ("Ungdomar med feriejobb", "antal", "higher", "", "120", "130", ("0", "118", "118", "0", "126")),
    "e-tjanster": ("E-tjänster för invånare och företag", "antal", "higher", "", "40", "55", ("31", "36", "42", "47", "52")),
}  # fmt: skip

# The local political uppdrag from KF: (key, title, description, recipients, politisk
# inriktning or None, years, decision, aspects, indicator, reports per period: (status, text))
ASSIGNMENTS = (
    ("laddplatser", "Bygga laddplatser vid kommunens arbetsplatser",
     "Laddplatser för tjänstebilar och medarbetare vid alla större arbetsplatser.",
     ("5000",), "klimat", (2025, 2026), (dt.date(2024, 11, 25), "§ 104"), ("ekologisk",), "laddplatser",
     ("in_progress", "Upphandlingen är klar och de första sex platserna är byggda.")),
    ("feriejobb", "Erbjuda feriejobb till alla ungdomar som söker",
     "Feriejobb i kommunens verksamheter och hos föreningar för ungdomar 16–18 år.",
     ("1000", "4000"), None, (2025, 2026), (dt.date(2024, 11, 25), "§ 104"), ("social", "ekonomisk"), "sommarjobb",
     ("in_progress", "Platserna är framtagna och ansökan har öppnat; alla sökande har fått erbjudande hittills.")),
    ("e-tjanster", "Införa fler e-tjänster för invånare och företag",
     "Fler ärenden ska kunna skötas digitalt, dygnet runt.",
     ("1000", "6000"), "delaktighet", (2025, 2026), (dt.date(2024, 11, 25), "§ 104"), ("ekonomisk", "social"), "e-tjanster",
     ("in_progress", "Nya e-tjänster för bygglov och föreningsbidrag har lanserats.")),
    ("kulturhus", "Utreda ett kulturhus vid torget",
     "En förstudie om ett kulturhus med bibliotek, kulturskola och mötesplats för unga.",
     ("4000", "5000"), None, (2026, 2026), (dt.date(2025, 6, 16), "§ 85"), ("social", "ekonomisk"), "bibliotekslan",
     ("in_progress", "Förstudien pågår; dialoger med föreningar och unga har genomförts.")),
)  # fmt: skip

# Återrapporter per period (key → a sentence for the period added to the uppdrag's report)
REPORT_PERIOD_NOTE = {
    "2025-t1": "Läget i tertial 1.",
    "2025-t2": "Läget i delårsrapporten.",
    "2025-bokslut": "Läget vid årets slut.",
    "2026-t1": "Läget i tertial 1 2026.",
    "2026-t2": "Läget i delårsrapporten 2026.",
}
REPORT_STATUS = {"2025-bokslut": {"feriejobb": "in_progress"}}

# Tillitsbaserad styrning och ledning as the model's toolbox: dialogues about the grunduppdrag.
# (kind, held on, units, participants, topics, conclusions, follow-ups, uppdrag it led to)
DIALOGUES = (
    ("oversight", dt.date(2025, 4, 8), ("1000", "4000"),
     "Kommunstyrelsens arbetsutskott, kultur- och fritidsnämndens presidium, kommundirektör",
     "Bibliotekets och kulturens grunduppdrag: lokalerna räcker inte för fler besökare.",
     "Kommunstyrelsen föreslår fullmäktige en förstudie om ett kulturhus vid torget.",
     "Uppdraget ges med budgeten i juni.", ("kulturhus",)),
    ("between", dt.date(2025, 9, 24), ("2000", "3000"),
     "Sektorscheferna för utbildning och socialtjänst",
     "Barn som behöver stöd från både skola och socialtjänst.",
     "Elevhälsan och socialtjänsten prövar gemensamma träffar i två skolor.",
     "Utvärderas i februari.", ()),
)  # fmt: skip

# The units that have reported everything in the open period (marked done).
DONE_IN_OPEN_PERIOD = frozenset({"100", "1000", "4000", "6000"})

# Plans 2026: the nämnders' verksamhetsplaner without nämndmål, their activities serving the
# grunduppdrag through a politisk inriktning or an uppdrag. ansvarskod: (decided on, §, activities)
PLAN_YEAR = 2026
PLANS = {
    "2000": (dt.date(2025, 12, 10), "§ 90", (("Läsinsatser i årskurs 1–3", "Rektorer", "2026-01-15", "2026-06-15", "started", "livsvillkor", None),)),
    "3000": (dt.date(2025, 12, 11), "§ 104", (("Fasta team i hemtjänsten", "Enhetschef hemtjänst", "2026-01-15", "2026-09-30", "started", "livsvillkor", None),)),
    "5000": (dt.date(2025, 12, 9), "§ 77", (("Laddplatser vid kommunhuset och skolorna", "Fastighetschef", "2026-03-01", "2026-10-31", "started", None, "laddplatser"),)),
}  # fmt: skip
