"""The förvaltningsberättelse's texts of the delårsrapporter for tertial 2 2025 and 2026 and
of the 2025 årsredovisning, in the voice of Exempelkommun's ekonomichef, and the 2025
report's treatment dates. The texts cite no figure the demo's data does not hold: the
figures stand in the tables the report prints under each heading."""

from __future__ import annotations

import datetime as dt

from apps.accounts.models import User
from apps.periods.models import ReportingPeriod
from apps.reports.models import ReportText, ReportTreatment
from apps.reports.sections import narrative
from apps.reports.text_services import report_text_save, report_treatment_save
from styrmodell.lib.richtext import sanitise

REASON = "Ekonomichefens text till rapporten"

ANNUAL_2025 = {
    narrative.OVERVIEW: """
<p>År 2025 var ett år då Exempelkommun fortsatte att växa och samtidigt fick hantera en
kostnadsutveckling som var högre än vad budgeten förutsatte. Inflationen föll tillbaka under
året, men de avtal och priser som sattes under 2023 och 2024 slog fullt igenom i
verksamheternas kostnader för livsmedel, energi, hyror och köpta platser.</p>
<p>Verksamheterna har i huvudsak bedrivits enligt plan. Barn- och utbildningsnämnden har
tagit emot fler barn i förskolan än året innan och Socialnämnden har mött ett fortsatt högt
behov av hemtjänst och placeringar inom individ- och familjeomsorgen. Samhällsbyggnads- och
Tekniska nämnden har genomfört en stor del av investeringsplanen, medan några projekt har
skjutits till 2026 på grund av överklagade upphandlingar.</p>
<p>Måluppfyllelsen för fullmäktiges mål redovisas i tabellen nedan och i avsnittet om
måluppfyllelse. Sammantaget bedömer kommunstyrelsen att verksamheten har utvecklats i
den riktning fullmäktige har beslutat, även om alla mål inte har nåtts under året.</p>
""",
    narrative.GROUP: """
<p>Den kommunala koncernen består av Exempelkommun samt de helägda bolagen Exempelkommun
Bostäder AB och Exempelkommun Energi AB. Bolagen styrs genom ägardirektiv som
fullmäktige beslutar och följs upp av kommunstyrelsen i dess uppsiktsplikt.</p>
<p>Bostadsbolaget har under året fortsatt sitt program för energieffektivisering i det
äldre beståndet och färdigställt nyproduktion som ökar antalet lägenheter i centralorten.
Energibolaget har haft en stabil leverans av fjärrvärme och har investerat i ledningsnätet
för att kunna ansluta nya bostadsområden.</p>
<p>Koncernens resultat- och balansräkning redovisas i den sammanställda redovisningen.
Interna mellanhavanden mellan kommunen och bolagen, främst hyror och fjärrvärme, har
eliminerats.</p>
""",
    narrative.CONDITIONS: """
<h3>Befolkning och skatteunderlag</h3>
<p>Befolkningen har ökat något under året, vilket stärker skatteunderlaget men också ökar
efterfrågan på förskola, skola och omsorg. Skatteintäkterna och de generella statsbidragen
har utvecklats i linje med Sveriges Kommuner och Regioners prognoser under hösten.</p>
<h3>Kostnadsutveckling</h3>
<p>Löneökningar enligt centrala avtal, högre pensionskostnader och fortsatt höga priser på
köpta tjänster har varit de viktigaste faktorerna bakom kostnadsutvecklingen. Kommunens
känslighet för förändringar i skattesats, löner, priser och befolkning framgår av
känslighetsanalysen nedan.</p>
<h3>Risker</h3>
<ul>
<li>Placeringskostnaderna inom individ- och familjeomsorgen varierar kraftigt mellan år.</li>
<li>Räntenivån påverkar kostnaden för kommande investeringar och bolagens upplåning.</li>
<li>Kompetensförsörjningen inom vård, omsorg och skola är fortsatt en utmaning.</li>
</ul>
""",
    narrative.EVENTS: """
<p>Under året har följande händelser haft väsentlig betydelse för kommunens verksamhet och
ekonomi:</p>
<ul>
<li>Den nya förskolan i centralorten togs i bruk under hösten och ersatte två paviljonger.</li>
<li>Kommunen har infört ett nytt system för digitala ansökningar om försörjningsstöd.</li>
<li>Fullmäktige beslutade om en ny styrmodell med tillitsbaserad styrning som grund.</li>
<li>Upphandlingen av om- och tillbyggnaden av högstadieskolan överklagades och projektet
har därför senarelagts.</li>
</ul>
<p><strong>Efter räkenskapsårets utgång</strong> har inga händelser inträffat som påverkar
bedömningen av kommunens resultat och ställning per den 31 december 2025.</p>
""",
    narrative.GOVERNANCE: """
<p>Kommunen styrs enligt den styrmodell som fullmäktige har beslutat. Fullmäktige anger
mål och ekonomiska ramar i budgeten; nämnderna bryter ned målen till nämndmål och
följer upp dem i tertialuppföljningar, delårsrapport och årsredovisning.</p>
<p>Kommunstyrelsen har under året följt nämndernas verksamhet och ekonomi genom
månadsrapporter och dialoger med presidierna. Nämnder med befarat underskott har tagit
fram åtgärdsplaner som har följts upp vid varje rapporttillfälle.</p>
<p>Uppsikten över bolagen utövas genom ägardialoger två gånger per år, genom bolagens
rapportering till kommunstyrelsen och genom att bolagens resultat och prognoser ingår i
kommunens uppföljning. Den interna kontrollen har följts upp enligt nämndernas planer och
redovisas i avsnittet om intern kontroll.</p>
""",
    narrative.GOOD_MANAGEMENT: """
<p>Bedömningen av god ekonomisk hushållning görs enligt fullmäktiges riktlinjer, där både
de finansiella målen och verksamhetsmålen vägs in. Utfallet för målen framgår av tabellerna
ovan och av avsnittet om måluppfyllelse.</p>
<p>Ekonomichefens bedömning är att kommunen har en stabil finansiell ställning men att
marginalerna i driften har minskat. För att behålla handlingsutrymmet inför de kommande
årens investeringar behöver nämnderna fortsätta arbetet med att anpassa verksamheten till
de ekonomiska ramarna.</p>
<p>Pensionsförpliktelserna redovisas enligt den blandade modellen; den del som intjänats
före 1998 redovisas som ansvarsförbindelse och minskar successivt.</p>
""",
    narrative.BALANCE_REQUIREMENT: """
<p>Balanskravsutredningen visar årets resultat justerat för realisationsvinster och
förändringar av resultatutjämningsreserven, enligt lagen om kommunal bokföring och
redovisning.</p>
<p>Kommunen har inga negativa balanskravsresultat från tidigare år att återställa.
Fullmäktige har inte beslutat om någon reservering till eller disposition av
resultatutjämningsreserven för 2025.</p>
""",
    narrative.PERSONNEL: """
<p>Kommunen är ortens största arbetsgivare. Antalet anställda och årsarbetare samt
sjukfrånvaron redovisas i tabellerna nedan, uppdelat enligt lagens krav.</p>
<p>Sjukfrånvaron har minskat något jämfört med föregående år, men andelen långa
sjukskrivningar är fortsatt hög inom vård och omsorg. Under året har kommunen arbetat med
tidiga insatser vid upprepad korttidsfrånvaro och med att förbättra arbetsmiljön i
hemtjänsten.</p>
<p>Rekryteringsläget är fortsatt ansträngt för legitimerade yrken som lärare,
sjuksköterskor och socionomer. Kommunen har under året infört ett program för
karriärvägar och kompetensutveckling för att behålla medarbetare.</p>
""",
    narrative.OUTLOOK: """
<p>De kommande åren präglas av fortsatt befolkningsökning, stora investeringar i skolor och
va-anläggningar och en skatteintäktsutveckling som enligt prognoserna inte räcker till för
att finansiera både volymökningar och kostnadsökningar.</p>
<p>Kommunens ekonomiska planering utgår från att nämnderna fortsätter att effektivisera
verksamheten och prioritera inom givna ramar. Investeringsplanen ses över inför varje
budgetår för att hålla låneskulden på en hanterbar nivå.</p>
<p>Arbetet med den tillitsbaserade styrningen fortsätter, med målet att beslut ska fattas
nära medborgarna och att uppföljningen ska ge underlag för lärande och förbättring.</p>
""",
}

INTERIM_2026 = {
    narrative.OVERVIEW: """
<p>Delårsrapporten avser perioden januari–augusti 2026. Verksamheterna har i huvudsak
bedrivits enligt plan och i enlighet med fullmäktiges mål. Resultatet för perioden och
helårsprognosen redovisas i sammanfattningen nedan.</p>
<p>Nämnderna rapporterar en fortsatt hög efterfrågan inom äldreomsorgen och inom stödet
till barn och unga. Barn- och utbildningsnämnden har anpassat organisationen efter ett
minskande antal barn i vissa delar av kommunen.</p>
""",
    narrative.GROUP: """
<p>Bolagen i koncernen har lämnat delårsbokslut och helårsprognos. Exempelkommun Bostäder AB
har fortsatt renoveringen av det äldre beståndet och Exempelkommun Energi AB har genomfört
planerat underhåll av fjärrvärmenätet under sommaren.</p>
<p>Bolagens resultat och prognos redovisas i tabellerna nedan och i den sammanställda
redovisningen.</p>
""",
    narrative.EVENTS: """
<ul>
<li>Om- och tillbyggnaden av högstadieskolan har påbörjats efter att upphandlingen
avgjorts.</li>
<li>Kommunen har tecknat en avsiktsförklaring med regionen om en gemensam
hälsocentral.</li>
<li>Fullmäktige har antagit en ny översiktsplan.</li>
</ul>
<p>Inga händelser av väsentlig betydelse har inträffat efter periodens utgång.</p>
""",
    narrative.GOOD_MANAGEMENT: """
<p>Bedömningen utgår från helårsprognosen för de finansiella målen och nämndernas
bedömning av verksamhetsmålen i tertial 2. Ekonomichefens bedömning är att kommunen är på
väg mot de finansiella målen, men att utfallet är beroende av att de åtgärdsplaner som
nämnderna har beslutat får effekt under hösten.</p>
""",
    narrative.BALANCE_REQUIREMENT: """
<p>Prognosen för balanskravsresultatet bygger på nämndernas helårsprognoser, den senaste
skatteprognosen och prognosen för finansförvaltningen. Inga realisationsvinster väntas
under året och ingen disposition av resultatutjämningsreserven är planerad.</p>
""",
    narrative.PERSONNEL: """
<p>Sjukfrånvaron under perioden redovisas nedan. Den korta sjukfrånvaron har varit lägre än
under motsvarande period i fjol, medan den långa sjukfrånvaron ligger kvar på samma nivå.
Arbetet med hälsofrämjande insatser inom vård och omsorg fortsätter under hösten.</p>
""",
    narrative.OUTLOOK: """
<p>Den senaste skatteprognosen pekar på en något svagare utveckling av skatteunderlaget
än vad budgeten byggde på. Inför budget 2027 behöver nämnderna fortsätta att anpassa
verksamheten till de ekonomiska ramarna.</p>
<p>Kommunstyrelsen följer nämnderna med underskott särskilt under hösten och återkommer
med en samlad bedömning i årsredovisningen.</p>
""",
}

INTERIM_2025 = {
    narrative.OVERVIEW: """
<p>Delårsrapporten avser perioden januari–augusti 2025. Verksamheterna har i huvudsak
bedrivits enligt plan och i enlighet med fullmäktiges mål. Resultatet för perioden och
helårsprognosen redovisas i sammanfattningen nedan.</p>
<p>Kostnaderna fortsätter att öka snabbare än budgeten förutsatte, främst för köpta platser,
livsmedel och energi. Socialnämnden och Barn- och utbildningsnämnden prognostiserar
underskott, som nämnderna bedömer att de kan hantera inom sina ramar.</p>
""",
    narrative.GROUP: """
<p>Bolagen i koncernen har lämnat delårsbokslut och helårsprognos. Exempelkommun Bostäder AB
fortsätter energieffektiviseringen av det äldre beståndet och nyproduktionen i
centralorten, och Exempelkommun Energi AB har byggt ut ledningsnätet till nya
bostadsområden under sommaren.</p>
<p>Bolagens resultat och prognos redovisas i tabellerna nedan och i den sammanställda
redovisningen.</p>
""",
    narrative.EVENTS: """
<ul>
<li>Fullmäktige har beslutat om en ny styrmodell med tillitsbaserad styrning som grund.</li>
<li>Den nya förskolan i centralorten tas i bruk under hösten och ersätter två
paviljonger.</li>
<li>Upphandlingen av om- och tillbyggnaden av högstadieskolan har överklagats, vilket
försenar projektet.</li>
</ul>
<p>Inga händelser av väsentlig betydelse har inträffat efter periodens utgång.</p>
""",
    narrative.GOOD_MANAGEMENT: """
<p>Bedömningen utgår från helårsprognosen för de finansiella målen och nämndernas
bedömning av verksamhetsmålen i tertial 2. Ekonomichefens bedömning är att kommunen har en
stabil finansiell ställning, men att marginalerna i driften minskar och att nämnderna med
befarat underskott behöver hålla kostnaderna under hösten.</p>
""",
    narrative.BALANCE_REQUIREMENT: """
<p>Prognosen för balanskravsresultatet bygger på nämndernas helårsprognoser, den senaste
skatteprognosen och prognosen för finansförvaltningen. Inga realisationsvinster väntas
under året och ingen reservering till eller disposition av resultatutjämningsreserven är
planerad.</p>
""",
    narrative.PERSONNEL: """
<p>Sjukfrånvaron under perioden redovisas nedan. Den har minskat något jämfört med
motsvarande period i fjol, men de långa sjukskrivningarna är fortsatt många inom vård och
omsorg. Under hösten fortsätter arbetet med tidiga insatser vid upprepad korttidsfrånvaro
och med arbetsmiljön i hemtjänsten.</p>
""",
    narrative.OUTLOOK: """
<p>Skatteintäkterna utvecklas i linje med den senaste skatteprognosen, men räcker inte
till för att möta både volymökningar och kostnadsökningar de kommande åren. Inför budget
2026 behöver nämnderna fortsätta att anpassa verksamheten till de ekonomiska ramarna.</p>
<p>Placeringskostnaderna inom individ- och familjeomsorgen varierar kraftigt och är den
största osäkerheten i prognosen. Kommunstyrelsen följer nämnderna med befarat underskott
särskilt under hösten och återkommer med en samlad bedömning i årsredovisningen.</p>
""",
}

TEXTS = {"2025-t2": INTERIM_2025, "2025-bokslut": ANNUAL_2025, "2026-t2": INTERIM_2026}

TREATMENT_2025 = {
    "prepared_on": dt.date(2026, 3, 13),
    "ks_treated_on": dt.date(2026, 4, 7),
    "ks_paragraph": "KS § 58",
    "kf_treated_on": dt.date(2026, 4, 27),
    "kf_paragraph": "KF § 41",
    "auditors_statement_reference": "Revisionsberättelse 2025, dnr KS 2026/123",
}


def load(admin: User) -> None:
    """What belongs to no period; runs before the periods are written."""


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
    stored = {text.heading: text.text for text in ReportText.objects.filter(period=period)}
    for heading, text in TEXTS.get(key, {}).items():
        if stored.get(heading) == sanitise(text):
            continue  # a second run changes nothing
        report_text_save(actor=admin, period=period, heading=heading, text=text, reason=REASON)
    if key == "2025-bokslut":
        _treatment(admin, period)


def _treatment(admin: User, period: ReportingPeriod) -> None:
    found = ReportTreatment.objects.filter(period=period).first()
    if found is not None and all(getattr(found, k) == v for k, v in TREATMENT_2025.items()):
        return
    report_treatment_save(
        actor=admin, period=period, reason="Årsredovisningen behandlad av KS och KF",
        **TREATMENT_2025,
    )  # fmt: skip
