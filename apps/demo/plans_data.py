"""Exempelkommun's plans for 2026: one decided plan per nämnd, KS and bolag, and a
verksamhetsplan in progress at Barn- och utbildningsförvaltningen."""

from __future__ import annotations

import datetime as dt

YEAR = 2026

# ansvarskod: (decision date, §, activities: (title, responsible, start, end, status))
DECIDED = {
    "1000": (dt.date(2026, 1, 20), "§ 8", [
        ("Införa gemensam e-tjänsteplattform", "Digitaliseringschef", "2026-02-01", "2026-11-30", "started"),
        ("Chefsprogram i tillitsbaserat ledarskap", "HR-chef", "2026-03-01", "2026-12-15", "started"),
        ("Näringslivsdialoger med 40 företag", "Näringslivschef", "2026-01-15", "2026-10-31", "started"),
    ]),
    "2000": (dt.date(2026, 1, 28), "§ 5", [
        ("Läsfrämjande insats i årskurs 1–3", "Rektor Norrskolan", "2026-01-10", "2026-06-15", "done"),
        ("Tidiga insatser med elevhälsan i förskoleklass", "Elevhälsochef", "2026-02-01", "2026-12-18", "started"),
        ("Trygghetsvandringar på alla skolor", "Verksamhetschef grundskola", "2026-03-01", "2026-10-30", "delayed"),
    ]),
    "3000": (dt.date(2026, 1, 27), "§ 11", [
        ("Kontinuitet i hemtjänsten: fasta team", "Enhetschef hemtjänst", "2026-01-15", "2026-09-30", "started"),
        ("Samordnad individuell plan inom IFO", "Verksamhetschef IFO", "2026-02-01", "2026-12-31", "not_started"),
        ("Heltid som norm i äldreomsorgen", "Verksamhetschef äldreomsorg", "2026-01-01", "2026-12-31", "started"),
    ]),
    "4000": (dt.date(2026, 1, 22), "§ 4", [
        ("Meröppet bibliotek i Centralorten", "Bibliotekschef", "2026-02-01", "2026-05-31", "done"),
        ("Lovaktiviteter för barn och unga", "Fritidschef", "2026-03-01", "2026-08-31", "started"),
    ]),
    "5000": (dt.date(2026, 1, 21), "§ 9", [
        ("Detaljplan för bostäder i Södra Ängen", "Planchef", "2026-01-15", "2026-12-15", "started"),
        ("Energieffektivisering av kommunens lokaler", "Fastighetschef", "2026-02-01", "2026-11-30", "delayed"),
    ]),
    "6000": (dt.date(2026, 1, 26), "§ 3", [
        ("Kortare handläggningstid för bygglov", "Bygglovschef", "2026-01-15", "2026-10-31", "started"),
        ("Tillsynsplan för livsmedel och miljö", "Miljöchef", "2026-01-10", "2026-12-31", "started"),
    ]),
    "7000": (dt.date(2026, 1, 29), "§ 6", [
        ("Förnyelse av ledningsnätet etapp 2", "VA-chef", "2026-03-01", "2026-11-30", "started"),
        ("Matsvinnsmätning i alla kök", "Kostchef", "2026-01-15", "2026-06-15", "done"),
    ]),
    "7500": (dt.date(2026, 2, 3), "§ 2", [
        ("Rekrytering och utbildning av röstmottagare", "Valsamordnare", "2026-02-01", "2026-08-31", "done"),
    ]),
    "8100": (dt.date(2026, 1, 30), "§ 4", [
        ("Renovering av 48 lägenheter på Lindvägen", "Fastighetsförvaltare", "2026-03-01", "2026-12-15", "started"),
    ]),
    "8200": (dt.date(2026, 1, 30), "§ 5", [
        ("Solcellsanläggning på värmeverket", "Driftchef", "2026-04-01", "2026-10-31", "started"),
    ]),
}  # fmt: skip

DRAFT = {
    "2100": [
        ("Kompetensutveckling i språkutvecklande arbetssätt", "Utvecklingsledare", "2026-02-01", "2026-12-15", "started"),
    ],
}  # fmt: skip

SECTIONS = {
    "verksamhetsbeskrivning": "{unit} ansvarar för sitt uppdrag enligt reglemente, ägardirektiv "
    "och lagstiftning. Planen beskriver hur uppdraget och fullmäktiges mål omsätts i år.",
    "omvarldsanalys": "Demografin förändras: fler äldre och färre i arbetsför ålder. "
    "Kompetensförsörjning, digitalisering och skärpta ekonomiska förutsättningar präglar året.",
    "nulagesanalys": "Måluppfyllelsen förbättrades under 2025 men flera indikatorer ligger "
    "fortfarande under målvärdet. Analysen pekar på behov av tidiga och samordnade insatser.",
}
SWOT = {
    "strengths": "Engagerade medarbetare och god samverkan mellan förvaltningarna.",
    "weaknesses": "Svårt att rekrytera till vissa yrken; hög sjukfrånvaro i delar av verksamheten.",
    "opportunities": "Digitala arbetssätt och samarbete med föreningslivet och regionen.",
    "threats": "Ökade kostnader och osäker skatteprognos.",
}
REASON = "Demodata för Exempelkommun"

# Åtgärdsplaner raised in the open tertial for goals their owners report as ej uppfyllt.
ACTION_PLAN_MEASURES = [
    (
        "Riktade insatser i de verksamheter där utfallet avviker mest",
        "Förvaltningschef",
        "2026-12-15",
    ),
    ("Månatlig uppföljning i ledningsgruppen till årets slut", "Controller", "2026-12-31"),
]

DIALOGUES = [
    ("oversight", "2026-03-12", ["1000", "2000"],
     "KS presidium, BUN presidium, kommundirektör, förvaltningschef BUF",
     "Skolresultat och trygghet; behovet av tidiga insatser.",
     "Samsyn om att elevhälsan ska förstärkas i förskoleklass.",
     "BUN återkommer med plan för elevhälsan i delårsrapporten."),
    ("between", "2026-05-20", ["2100", "3100"],
     "Förvaltningschefer och verksamhetschefer BUF och SOF",
     "Barn i familjer med försörjningsstöd; samordnad individuell plan.",
     "Gemensamt arbetssätt för SIP ska prövas i två skolområden.",
     "Uppföljning i oktober."),
    ("within", "2026-09-02", ["3000"],
     "Socialnämndens ledamöter, socialchef, verksamhetschefer",
     "Kontinuitet i hemtjänsten och heltid som norm.",
     "Fasta team har minskat antalet personal per brukare.",
     "Fortsatt mätning av kontinuitet varje månad."),
]  # fmt: skip

STATUS_REPORTS = {
    "1000": ("Kommunstyrelsen leder och samordnar kommunens verksamhet och har uppsikt över nämnder och bolag.",
             "Demografin förändras snabbt; kompetensförsörjningen är den största utmaningen.",
             "De flesta mål når delvis målvärdena; ekonomin är ansträngd.",
             "Föreslår ett mål om att fler ska ha heltidsanställning 2027."),
    "2000": ("Nämnden ansvarar för förskola, grundskola, gymnasium och vuxenutbildning.",
             "Färre barn i förskoleåldern men fler elever i gymnasiet de närmaste åren.",
             "Behörigheten ökar men tryggheten i skolan har minskat.",
             "Föreslår ett mål om trygghet i skolan med elevenkäten som indikator."),
}  # fmt: skip

# KF's omvärldsfaktorer for the term of office (decided after the election, as in Ale's model).
EXTERNAL_FACTORS = [
    ("Demografisk förändring",
     "Fler äldre och fler unga, medan andelen i arbetsför ålder minskar; trycket på välfärden ökar."),
    ("Kompetensförsörjning",
     "Konkurrensen om utbildad personal hårdnar; nya sätt att organisera arbetet behövs."),
    ("Digitalisering",
     "Invånarna förväntar sig digitala tjänster; tekniken ger nya möjligheter att effektivisera."),
    ("Klimatomställning",
     "Klimatförändringarna kräver anpassning och minskade utsläpp i all kommunal verksamhet."),
]  # fmt: skip
FACTORS_DECIDED = ("2023-02-13", "§ 9", 2023, 2026)

# How nämnder relate to the factors, by ansvarskod: in the nulägesbeskrivning ("report") or
# the 2026 plan ("plan"). factor title: (risks, opportunities, approach)
FACTOR_RESPONSES = {
    ("1000", "report"): {
        "Demografisk förändring": ("Skatteunderlaget växer långsammare än behoven.",
                                   "Samordnad lokalplanering för skola och omsorg.",
                                   "Befolkningsprognos varje år som grund för budgetens ramar."),
        "Kompetensförsörjning": ("Svårt att rekrytera lärare, sjuksköterskor och ingenjörer.",
                                 "Kommunen som attraktiv arbetsgivare med heltid som norm.",
                                 "Kommungemensam kompetensförsörjningsplan 2026–2028."),
    },
    ("2000", "report"): {
        "Demografisk förändring": ("Färre förskolebarn ger tomma platser i tätorten.",
                                   "Lokaler kan ställas om för fritidshem och gymnasiet.",
                                   "Förskoleplanen revideras vartannat år."),
        "Digitalisering": ("Ökade licenskostnader för lärplattformar.",
                           "Digitala läromedel och adaptiva verktyg i undervisningen.",
                           "Digitaliseringsstrategi för skolan antas hösten 2026."),
    },
    ("2000", "plan"): {
        "Kompetensförsörjning": ("Andelen behöriga lärare kan sjunka när många går i pension.",
                                 "Lärarassistenter avlastar och ger fler vägar in i yrket.",
                                 "Rekryteringsplan med VFU-samarbete och karriärtjänster."),
    },
}  # fmt: skip
