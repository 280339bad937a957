# ruff: noqa: E501  (demo data: one record per line reads best)
"""Exempelkommun following Ale's styrmodell (seed 004): the data of apps/demo/models/ale.py.

The document gives the structure, not the texts: a vision and a värdegrund decided by KF
for eight years; riktningsmål and omvärldsfaktorer for four; every nämnd and bolag writes a
nulägesbeskrivning each year (verksamhetsbeskrivning, omvärldsanalys, nulägesanalys, its
responses to the factors and the goals it proposes), reasons in each follow-up about how it
contributes to every riktningsmål, and takes part in tillitsdialoger of three kinds; KS holds
a kommungemensam omvärldsanalys with an omvärldsdag every year. The goal texts below are
written for the demo. Units are Exempelkommun's ansvarskoder (apps/demo/data.py); periods are
the keys of goals_data.PERIODS.
"""

from __future__ import annotations

import datetime as dt

KF = "100"
KS = "1000"

MODEL = {
    "name": "Exempelkommuns tillitsbaserade styrning och ledning",
    "description": (
        "Styrmodellen följer Ale kommuns: vision och värdegrund på åtta år, riktningsmål och "
        "omvärldsfaktorer på fyra år, nämndernas och bolagens nulägesbeskrivningar varje år, "
        "tillitsdialoger inom och mellan nämnder, sektorer och bolag och mellan "
        "kommunstyrelsen och varje nämnd. Varje nämnd och bolag resonerar i varje uppföljning "
        "om hur den bidrar till riktningsmålen."
    ),
}

# KF's decision of the styrmodell, the vision and the värdegrund (like Ale's 2021-12-20 § 265)
FOUNDATION_DECISION = (dt.date(2021, 12, 20), "§ 265", 2022, 2029)
VISION = (
    "Exempelkommun – en levande kommun nära naturen och staden, där människor och företag "
    "växer tillsammans"
)
VISION_TEXT = (
    "<p>Visionen visar riktningen för kommunen som organisation och är målbilden för "
    "samtliga nämnder och bolag. Den gäller i åtta år, över mandatperioderna.</p>"
)

# Riktningsmål: KF, four years after the election (decided 2022-12-12 § 170)
GOALS_DECISION = (dt.date(2022, 12, 12), "§ 170")
GOAL_YEARS = (2023, 2026)
# key: (title, description, measurable by results: True, or a direction to reason about)
GOALS = {
    "barn": (
        "Barn och unga ska få förutsättningar att lyckas i skolan och i livet",
        "Kommunens verksamheter samverkar kring barn och unga och sätter in stöd tidigt.",
        True,
    ),
    "trygghet": (
        "Invånarna ska känna sig trygga och delaktiga i samhället",
        "Tryggheten byggs tillsammans med invånare, föreningar, polis och näringsliv.",
        False,
    ),
    "klimat": (
        "Kommunkoncernen ska minska sin klimatpåverkan",
        "Utsläppen från kommunens egen verksamhet ska minska varje år.",
        True,
    ),
    "arbete": (
        "Fler invånare ska gå till arbete eller studier",
        "Kommunen arbetar för fler jobb, en starkare arbetsmarknad och fler i egen försörjning.",
        False,
    ),
    "hushallning": (
        "Kommunens resurser ska användas med god ekonomisk hushållning",
        "Verksamheten bedrivs inom tilldelad ram och resultatet räcker för investeringarna.",
        True,
    ),
}

# A couple of nämnder have goals of their own (the document allows, nothing forces them):
# (owner, parent riktningsmål, title)
OWN_GOALS = (
    ("2000", "barn", "Fler elever ska läsa med god förståelse i årskurs 3"),
    ("2000", "trygghet", "Alla elever ska känna sig trygga i skolan"),
    ("7000", "klimat", "Kommunens fordon ska drivas med förnybara drivmedel"),
)
OWN_GOALS_DECIDED_BY_BODY = {"2000": (dt.date(2022, 12, 14), "§ 98"), "7000": (dt.date(2022, 12, 15), "§ 112")}  # fmt: skip

# Indicators that measure the riktningsmål that can be followed up by results.
# (key, goal, title, unit, direction, kolada, target, values by period)
INDICATORS = (
    ("behorighet", "barn", "Elever i åk 9 behöriga till yrkesprogram", "%", "higher", "N15428",
     "86", ("83,5", "83,5", "84,6", "84,6", "85,2")),
    ("utslapp", "klimat", "Koldioxidutsläpp från kommunens fordon", "ton", "lower", "",
     "410", ("452", "447", "438", "426", "419")),
)  # fmt: skip
VALUE_PERIODS = ("2025-t1", "2025-t2", "2025-bokslut", "2026-t1", "2026-t2")

# KF's own assessment of each riktningsmål per period: (status, analysis); "" = a direction.
COUNCIL_STATUSES = {
    "barn": ("partly", "partly", "partly", "partly", "partly"),
    "trygghet": ("", "", "", "", ""),
    "klimat": ("partly", "partly", "met", "partly", "met"),
    "arbete": ("", "", "", "", ""),
    "hushallning": ("partly", "partly", "partly", "not_met", "partly"),
}
COUNCIL_ANALYSIS = {
    "barn": "Behörigheten ökar men ligger under målet; nämndernas samverkan kring tidiga insatser "
    "bär, men effekten i resultaten kommer först om några år.",
    "trygghet": "Riktningsmålet anger en riktning. Nämnderna beskriver hur trygghetsarbetet "
    "samordnas i de lokala trygghetsgrupperna; medborgardialogerna visar en ökad upplevd trygghet "
    "i centrum men inte i de mindre orterna.",
    "klimat": "Utsläppen från kommunens fordon minskar i takt med att flottan byts ut.",
    "arbete": "Riktningsmålet anger en riktning. Arbetsmarknadsinsatserna och näringslivsarbetet "
    "har gett fler i arbete, men försörjningsstödet ligger kvar på en hög nivå.",
    "hushallning": "Resultatet ligger under två procent av skatter och bidrag; "
    "Socialnämndens underskott tynger helheten.",
}
COUNCIL_STATUS_TEXT = {
    "not_met": " Målet nås inte i år; kommunstyrelsen har begärt åtgärder av nämnderna.",
}

# Each body's own way to the riktningsmål (the reasoning it states in its follow-up); a body
# not named under a goal reasons that it contributes indirectly (DEFAULT_REASONING).
REASONING = {
    "barn": {
        "1000": "Kommunstyrelsen samordnar barn- och ungdomsstrategin och leder samverkansgruppen för tidiga insatser.",
        "2000": "Nämnden arbetar med läsfrämjande insatser i de tidiga åren och en elevhälsa som arbetar förebyggande.",
        "3000": "Socialtjänsten finns på plats i skolorna och samverkar med elevhälsan kring barn som far illa.",
        "4000": "Lovaktiviteter och fritidsgårdar ger barn och unga meningsfull fritid och en vuxen att prata med.",
        "8100": "Bostadsbolaget erbjuder sommarjobb åt unga i sina bostadsområden.",
    },
    "trygghet": {
        "1000": "Kommunstyrelsen leder brottsförebyggande rådet och medborgardialogerna om trygghet.",
        "2000": "Trygghetsvandringar på alla skolor och rastvärdar ger en tryggare skoldag.",
        "3000": "Fältassistenter och socialtjänsten arbetar uppsökande kvällstid tillsammans med polisen.",
        "4000": "Fritidsgårdarna har utökat sina öppettider och har fler vuxna på plats kvällstid.",
        "5000": "Belysningen i gång- och cykelvägnätet byggs ut där invånarna upplever otrygghet.",
        "8100": "Bostadsbolaget har bovärdar i alla områden och rustar upp entréer och belysning.",
    },
    "klimat": {
        "1000": "Kommunstyrelsen har tagit fram en klimatfärdplan och följer koncernens utsläpp.",
        "5000": "Energieffektiviseringen av kommunens lokaler minskar energianvändningen.",
        "6000": "Tillsynen prioriterar verksamheter med stor miljöpåverkan.",
        "7000": "Nämnden byter fordon till el och biogas och minskar matsvinnet i köken.",
        "8200": "Energibolaget bygger ut solceller och ersätter den sista oljan i fjärrvärmen.",
    },
    "arbete": {
        "1000": "Näringslivsdialogerna och en samordnad företagslots gör det lättare att etablera sig.",
        "2000": "Vuxenutbildningen erbjuder yrkesutbildningar i bristyrken.",
        "3000": "Arbetsmarknadsenheten ger fler med försörjningsstöd en väg till arbete.",
        "5000": "Detaljplaner för verksamhetsmark ger plats för nya företag.",
        "6000": "Kortare handläggningstider för bygglov underlättar för företagen.",
    },
    "hushallning": {
        "1000": "Kommunstyrelsen följer nämndernas prognoser varje månad och stöder dem som riskerar underskott.",
        "3000": "Nämnden har en åtgärdsplan för placeringskostnaderna och följer den varje månad.",
    },
}
DEFAULT_REASONING = {
    "barn": "{name} bidrar indirekt: verksamheten möter familjer och unga och pekar vidare till rätt stöd.",
    "trygghet": "{name} bidrar genom att verksamheten är tillgänglig och bemöter invånarna väl.",
    "klimat": "{name} bidrar genom resfria möten, mindre pappersutskrifter och klimatsmarta inköp.",
    "arbete": "{name} bidrar genom praktikplatser och feriejobb i verksamheten.",
    "hushallning": "{name} bedriver verksamheten inom sin budgetram.",
}
# What the period adds to the reasoning.
PERIOD_NOTE = {
    "2025-t1": "Arbetet följer planen för året.",
    "2025-t2": "Efter halva året syns de första effekterna.",
    "2025-bokslut": "Under året har arbetet gett resultat som nämnden bygger vidare på 2026.",
    "2026-t1": "Arbetet fortsätter; nulägesanalysen för 2026 visar var insatserna behövs mest.",
    "2026-t2": "Insatserna är i gång och följs upp i bokslutet.",
}
# A body's status where a riktningsmål can be followed up by results: its own figures.
BODY_STATUSES = {
    ("barn", "2000"): ("partly", "partly", "partly", "partly", "met"),
    ("klimat", "7000"): ("partly", "partly", "met", "met", "met"),
    ("klimat", "8200"): ("met", "met", "met", "met", "met"),
    ("hushallning", "3000"): ("not_met", "not_met", "not_met", "not_met", "partly"),
}
STATUS_PERIODS = VALUE_PERIODS

# The nämnder's own goals: their assessments per period
OWN_GOAL_STATUSES = {
    "Fler elever ska läsa med god förståelse i årskurs 3": (
        ("partly", "partly", "met", "partly", "partly"),
        "Lässcreeningen visar att fler elever läser med god förståelse; skillnaden mellan skolorna är stor.",
    ),
    "Alla elever ska känna sig trygga i skolan": (
        ("partly", "partly", "partly", "partly", "met"),
        "Elevenkäten visar att nio av tio elever känner sig trygga; trygghetsvandringarna har gett åtgärder på skolgårdarna.",
    ),
    "Kommunens fordon ska drivas med förnybara drivmedel": (
        ("partly", "partly", "met", "met", "met"),
        "Andelen fordon med förnybara drivmedel har ökat till över 80 procent.",
    ),
}

# Omvärldsfaktorer: KF, four years (decided 2023-02-13 § 12); one withdrawn in 2026.
FACTORS_DECISION = (dt.date(2023, 2, 13), "§ 12", 2023, 2026)
FACTORS = (
    ("Demografisk förändring", "Fler äldre och färre i arbetsför ålder ökar behoven och gör kompetensförsörjningen svårare."),
    ("Digitalisering och automatisering", "Ny teknik ändrar hur välfärden ges och ställer krav på kompetens och säkerhet."),
    ("Klimatförändringar och omställning", "Ett varmare klimat med skyfall och torka kräver anpassning och en snabbare omställning."),
    ("Ökad ojämlikhet och segregation", "Skillnaderna i livsvillkor mellan grupper och orter ökar."),
)  # fmt: skip
WITHDRAWN = (
    "Digitalisering och automatisering",
    dt.date(2026, 3, 16),
    "KF 2026-03-16 § 31: faktorn ingår från 2026 i den kommungemensamma omvärldsanalysen och i "
    "digitaliseringsstrategin och följs inte längre som en egen omvärldsfaktor.",
)

# The kommungemensamma omvärldsanalysen, yearly under KS, with the omvärldsdag.
ENVIRONMENT_ANALYSES = {
    2025: (
        "Omvärldsanalys 2025",
        "<p>Analysen bygger på SKR:s ekonomirapporter, Konjunkturinstitutets prognoser och "
        "lokala trender. <strong>Befolkningen</strong> växer långsamt, antalet äldre över 80 år "
        "ökar med en fjärdedel till 2030 och skatteunderlaget växer svagare än kostnaderna.</p>"
        "<ul><li>Kompetensförsörjningen är den största risken i välfärden.</li>"
        "<li>Skyfallen 2024 visar behovet av klimatanpassning.</li></ul>",
        dt.date(2025, 2, 6),
        "Nämnder och bolag arbetade på omvärldsdagen med de fyra omvärldsfaktorerna och "
        "riktningsmålen; resultatet ingår i nulägesbeskrivningarna.",
    ),
    2026: (
        "Omvärldsanalys 2026",
        "<p>Konjunkturen vänder uppåt men kommunernas kostnader för pensioner och löner ökar. "
        "<em>Digitaliseringen</em> beskrivs från i år i analysen i stället för som en egen "
        "omvärldsfaktor.</p><ul><li>Fler äldre och färre i arbetsför ålder.</li>"
        "<li>Ökade skillnader mellan orterna i kommunen.</li></ul>",
        dt.date(2026, 2, 5),
        "Omvärldsdagen samlade 120 chefer och förtroendevalda kring demografin och "
        "kompetensförsörjningen.",
    ),
}

# Each nämnd's and bolag's nulägesbeskrivning per year: verksamhetsbeskrivning,
# omvärldsanalys, nulägesanalys, proposed goals (HTML). "{year}" is replaced.
STATUS_REPORTS = {
    "1000": (
        "<p>Kommunstyrelsen leder och samordnar kommunens verksamhet och har uppsikt över nämnder och bolag enligt 6 kap. 1 § kommunallagen.</p>",
        "<p>Den kommungemensamma omvärldsanalysen {year} visar ett svagare skatteunderlag och ökade behov; <strong>kompetensförsörjningen</strong> är koncernens största risk.</p>",
        "<p>Nulägesanalysen {year}: tillitsdialogerna har gett en gemensam bild av läget. Riktningsmålet om god ekonomisk hushållning nås inte fullt ut.</p><ul><li>Prognosarbetet har förbättrats.</li><li>Samverkan mellan sektorerna har ökat.</li></ul>",
        "<p>Kommunstyrelsen föreslår ett mål om att alla nämnder ska ha en plan för kompetensförsörjning.</p>",
    ),
    "2000": (
        "<p>Barn- och utbildningsnämnden ansvarar för förskola, grundskola, gymnasium och vuxenutbildning enligt skollagen och reglementet.</p>",
        "<p>Barnkullarna minskar i centralorten men ökar i de mindre orterna; lärarbristen består.</p>",
        "<p>Nulägesanalysen {year}: läsförmågan i de tidiga åren har förbättrats men <strong>behörigheten till gymnasiet</strong> ligger under riktningsmålets nivå. Nämnden ser utrymme att flytta resurser till de tidiga åren.</p>",
        "<p>Nämnden föreslår ett mål om att alla elever ska nå kunskapskraven i svenska i årskurs 6.</p>",
    ),
    "3000": (
        "<p>Socialnämnden ansvarar för individ- och familjeomsorg, äldreomsorg och stöd enligt LSS.</p>",
        "<p>Antalet invånare över 80 år ökar snabbt och placeringskostnaderna stiger i hela landet.</p>",
        "<p>Nulägesanalysen {year}: kostnaderna för externa placeringar överstiger budget. Nämnden har en åtgärdsplan och ser möjligheter i <em>hemmaplanslösningar</em>.</p>",
        "<p>Nämnden föreslår ett mål om att fler barn och unga ska få stöd på hemmaplan.</p>",
    ),
    "4000": (
        "<p>Kultur- och fritidsnämnden ansvarar för bibliotek, fritidsgårdar, idrottsanläggningar och föreningsstöd.</p>",
        "<p>Fler unga söker sig till digitala mötesplatser; föreningslivet har svårt att rekrytera ledare.</p>",
        "<p>Nulägesanalysen {year}: besöken på fritidsgårdarna har ökat och lovaktiviteterna når fler barn än tidigare.</p>",
        "<p>Nämnden föreslår inga nya mål; riktningsmålen täcker nämndens uppdrag.</p>",
    ),
    "5000": (
        "<p>Samhällsbyggnadsnämnden ansvarar för planering, gator och parker och kommunens fastigheter.</p>",
        "<p>Klimatförändringarna ger fler skyfall; byggkostnaderna har ökat kraftigt.</p>",
        "<p>Nulägesanalysen {year}: planberedskapen för bostäder är god men för verksamhetsmark otillräcklig.</p>",
        "<p>Nämnden föreslår ett mål om planberedskap för verksamhetsmark.</p>",
    ),
    "6000": (
        "<p>Miljö- och byggnämnden ansvarar för bygglov och tillsyn enligt plan- och bygglagen och miljöbalken.</p>",
        "<p>Nya krav på tillsyn och digitala bygglov ändrar arbetet.</p>",
        "<p>Nulägesanalysen {year}: handläggningstiderna för bygglov har kortats och tillsynsplanen följs.</p>",
        "<p>Nämnden föreslår inga nya mål.</p>",
    ),
    "7000": (
        "<p>Tekniska nämnden ansvarar för vatten och avlopp, avfall, kost och städ.</p>",
        "<p>Ledningsnätet åldras och kraven på rening skärps.</p>",
        "<p>Nulägesanalysen {year}: omställningen av fordonen går snabbare än planerat och matsvinnet har halverats.</p>",
        "<p>Nämnden föreslår ett mål om minskat matsvinn i alla kök.</p>",
    ),
    "7500": (
        "<p>Valnämnden ansvarar för genomförandet av allmänna val.</p>",
        "<p>Hot mot valets genomförande kräver skärpt säkerhet.</p>",
        "<p>Nulägesanalysen {year}: rekryteringen av röstmottagare har gått bra.</p>",
        "<p>Nämnden föreslår inga nya mål.</p>",
    ),
    "8100": (
        "<p>Exempelkommun Bostäder AB äger och förvaltar kommunens hyresbostäder enligt ägardirektivet.</p>",
        "<p>Räntorna och byggkostnaderna har stigit; efterfrågan på små lägenheter är stor.</p>",
        "<p>Nulägesanalysen {year}: vakansgraden är låg och renoveringen av Lindvägen går enligt plan.</p>",
        "<p>Bolaget föreslår ett mål om 40 nya hyresrätter till 2028.</p>",
    ),
    "8200": (
        "<p>Exempelkommun Energi AB producerar och distribuerar fjärrvärme och el.</p>",
        "<p>Elpriserna varierar kraftigt och efterfrågan på förnybar energi ökar.</p>",
        "<p>Nulägesanalysen {year}: fjärrvärmen är nästan helt förnybar och solcellsanläggningen är upphandlad.</p>",
        "<p>Bolaget föreslår inga nya mål.</p>",
    ),
}  # fmt: skip

# Each body's responses to the factors in its nulägesbeskrivning: factor title →
# (risks, opportunities, approach). Bodies without an entry take the default response.
FACTOR_RESPONSES = {
    "2000": {
        "Demografisk förändring": ("Färre barn i centralorten ger halvtomma skolor.", "Resurser kan flyttas till de orter som växer.", "Nämnden ser över skolorganisationen 2026."),
        "Ökad ojämlikhet och segregation": ("Skillnaderna i resultat mellan skolorna ökar.", "Tidiga insatser ger störst effekt.", "Resursfördelningen viktas efter socioekonomi."),
    },
    "3000": {
        "Demografisk förändring": ("Fler äldre med stora behov och brist på undersköterskor.", "Välfärdsteknik frigör tid för omsorg.", "Nämnden inför heltid som norm och nattkameror."),
        "Digitalisering och automatisering": ("Informationssäkerheten i journalsystemen.", "Digitala tillsynsbesök.", "Införs stegvis med utbildning för personalen."),
    },
    "7000": {
        "Klimatförändringar och omställning": ("Skyfall överbelastar ledningsnätet.", "Omställningen av fordonen minskar kostnaderna.", "Förnyelseplanen för ledningsnätet prioriterar utsatta områden."),
    },
}  # fmt: skip
DEFAULT_RESPONSE = (
    "Faktorn påverkar {name} främst genom ökade krav och kostnader.",
    "Samverkan med andra nämnder och bolag ger nya lösningar.",
    "{name} följer faktorn i sin nulägesanalys och tar upp den i tillitsdialogen.",
)

# Tillitsdialoger: (key, kind, held on, units, participants, topics, conclusions, follow-ups,
# the nulägesanalyser it rests on (ansvarskod, year), the uppdrag it led to (titles)).
DIALOGUES = (
    ("bun-inom", "within", "2025-03-18", ("2000",),
     "Nämndens presidium, förvaltningschef, rektorer",
     "Resultaten i läsning och behörighet; hur rektorerna ser på sitt handlingsutrymme.",
     "Rektorerna får större frihet att fördela elevhälsans tid mellan skolorna.",
     "Återkommer i nämnden i september.", (), ()),
    ("sektorer", "between", "2025-05-07", ("2000", "3000", "4000"),
     "Sektorscheferna för utbildning, socialtjänst och kultur och fritid",
     "Barn som far illa och unga utan sysselsättning: tidiga signaler mellan sektorerna.",
     "En gemensam samverkansgrupp för tidiga insatser startas.",
     "Samverkansgruppen rapporterar till kommunledningen i december.", (), ()),
    ("bolag", "between", "2025-10-02", ("8100", "5000"),
     "VD för bostadsbolaget, sektorschef samhällsbyggnad",
     "Bostadsbyggandet och planberedskapen.",
     "Bolaget och sektorn tar fram en gemensam tidplan för Södra Ängen.",
     "", (), ()),
    ("ks-sn-2025", "oversight", "2025-11-12", ("1000", "3000"),
     "Kommunstyrelsens arbetsutskott, socialnämndens presidium, kommundirektör, socialchef",
     "Socialnämndens nulägesanalys 2025: placeringskostnaderna och hemmaplanslösningar.",
     "Kommunstyrelsen föreslår fullmäktige att ge socialnämnden i uppdrag att bygga ut "
     "hemmaplanslösningarna.",
     "Uppdraget ges i budget 2026.", (("3000", 2025),),
     ("Bygga ut hemmaplanslösningar för barn och unga",)),
    ("ks-bun-2026", "oversight", "2026-03-10", ("1000", "2000"),
     "Kommunstyrelsens arbetsutskott, barn- och utbildningsnämndens presidium",
     "Barn- och utbildningsnämndens nulägesanalys 2026: behörigheten och skolorganisationen.",
     "Nämnden utreder skolorganisationen i de mindre orterna; kommunstyrelsen ger stöd.",
     "Följs upp i tillitsdialogen hösten 2026.", (("2000", 2026),),
     ("Utreda skolorganisationen i de mindre orterna",)),
    ("tn-inom", "within", "2026-04-22", ("7000",),
     "Nämndens presidium, sektorschef, enhetschefer",
     "Omställningen av fordonen och matsvinnet.",
     "Enheterna får själva planera sina fordonsbyten inom budget.",
     "", (), ()),
)  # fmt: skip

# Uppdrag from KF: (title, recipients, riktningsmål or None, years, description, decision).
# Two came out of KS's tillitsdialoger (DIALOGUES): the budget of November 2025 and a
# decision in April 2026.
ASSIGNMENTS = (
    ("Bygga ut hemmaplanslösningar för barn och unga", ("3000",), "barn", (2026, 2027),
     "Socialnämnden bygger ut öppenvård och familjehem så att färre placeras externt.",
     (dt.date(2025, 11, 24), "§ 152")),
    ("Utreda skolorganisationen i de mindre orterna", ("2000",), "barn", (2026, 2026),
     "Barn- och utbildningsnämnden utreder hur skolorna i de mindre orterna kan organiseras.",
     (dt.date(2026, 4, 20), "§ 48")),
    ("Ta fram en gemensam plan för kompetensförsörjning", ("1000", "2000", "3000"), None,
     (2026, 2026), "Kommunstyrelsen samordnar en plan som alla sektorer bidrar till.",
     (dt.date(2025, 11, 24), "§ 152")),
)  # fmt: skip

# Grunduppdrag from the reglementen and ägardirektiven: (ansvarskod, title, source, text)
BASIC_MISSIONS = (
    ("1000", "Leda, samordna och ha uppsikt", "Reglemente för kommunstyrelsen, KF 2022-12-12 § 171",
     "Kommunstyrelsen leder och samordnar förvaltningen av kommunens angelägenheter och har uppsikt över övriga nämnder och bolag."),
    ("2000", "Utbildning från förskola till vuxenutbildning", "Reglemente för barn- och utbildningsnämnden, KF 2022-12-12 § 172",
     "Nämnden fullgör kommunens uppgifter enligt skollagen för förskola, fritidshem, grundskola, gymnasieskola och kommunal vuxenutbildning."),
    ("3000", "Socialtjänst och stöd enligt LSS", "Reglemente för socialnämnden, KF 2022-12-12 § 173",
     "Nämnden fullgör kommunens uppgifter inom socialtjänsten och enligt lagen om stöd och service till vissa funktionshindrade."),
    ("4000", "Kultur, bibliotek och fritid", "Reglemente för kultur- och fritidsnämnden, KF 2022-12-12 § 174",
     "Nämnden ansvarar för folkbiblioteket, kulturverksamheten, fritidsgårdarna och stödet till föreningslivet."),
    ("5000", "Samhällsplanering och kommunens fastigheter", "Reglemente för samhällsbyggnadsnämnden, KF 2022-12-12 § 175",
     "Nämnden ansvarar för planläggning, gator och parker och förvaltningen av kommunens fastigheter."),
    ("6000", "Bygglov och miljötillsyn", "Reglemente för miljö- och byggnämnden, KF 2022-12-12 § 176",
     "Nämnden fullgör kommunens uppgifter enligt plan- och bygglagen, miljöbalken och livsmedelslagen."),
    ("7000", "Vatten, avfall, kost och städ", "Reglemente för tekniska nämnden, KF 2022-12-12 § 177",
     "Nämnden ansvarar för den allmänna vatten- och avloppsanläggningen, avfallshanteringen, måltider och lokalvård."),
    ("8100", "Bostäder åt kommunens invånare", "Ägardirektiv för Exempelkommun Bostäder AB, KF 2023-04-17 § 45",
     "Bolaget äger och förvaltar hyresbostäder och bidrar till bostadsförsörjningen i hela kommunen."),
)  # fmt: skip

# The nämnders' plans 2026: decided, built on the nulägesbeskrivning (the plan reuses it).
PLAN_YEAR = 2026
PLANS = {
    "1000": (dt.date(2025, 12, 9), "§ 201"),
    "2000": (dt.date(2025, 12, 10), "§ 88"),
    "3000": (dt.date(2025, 12, 11), "§ 102"),
    "4000": (dt.date(2025, 12, 4), "§ 61"),
    "7000": (dt.date(2025, 12, 15), "§ 97"),
}
PLAN_ACTIVITIES = {
    "2000": (("Lässcreening i årskurs 1–3", "Utvecklingsledare", "2026-01-15", "2026-05-31", "done"),),
    "3000": (("Familjehemsteam på hemmaplan", "Verksamhetschef IFO", "2026-02-01", "2026-12-31", "started"),),
    "7000": (("Byta tio fordon till el", "Fordonsansvarig", "2026-01-15", "2026-11-30", "started"),),
}  # fmt: skip
