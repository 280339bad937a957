"""Exempelkommun's goal chain, indicators, uppdrag and follow-up, for demos and manual tests.

The kommun follows Vimmerby's styrmodell (preset "vimmerby") as a model, its structure only
(the preset's name and värdeord are Vimmerby's; STEERING_MODEL gives Exempelkommun's own): a
vision, KF's inriktningsmål
and finansiella mål (2025–2028), nämndmål per perspective of the balanced scorecard, a few
verksamhetsmål of the förvaltningar, grunduppdrag, uppdrag from KF, and three follow-ups a year.

Goals are referred to by a short key; units by ansvarskod; periods by "<year>-t1", "<year>-t2"
and "<year>-bokslut". Numbers are strings so that they become exact decimals. Statuses are
those of apps.followup.models.GoalStatus: met, partly, not_met, not_assessed.
"""

from __future__ import annotations

import datetime as dt

PRESET = "vimmerby"
# Exempelkommun's own name, description and värdeord for the model built from the preset.
STEERING_MODEL = {
    "name": "Exempelkommuns mål- och resultatstyrning",
    "description": (
        "Vision, KF:s inriktningsmål och finansiella mål med indikatorer; nämndmål per "
        "perspektiv i det balanserade styrkortet; verksamhetsplaner; uppdrag och "
        "grunduppdrag; tre uppföljningar om året. Modellen följer Vimmerby kommuns "
        "styrmodell (förinställningen ”Vimmerby”) men målen, värdeorden och besluten är "
        "Exempelkommuns egna."
    ),
    "values": "närhet, omtanke, framtidstro",
}
KF = "100"  # ansvarskod of kommunfullmäktige

# --- Reporting periods ------------------------------------------------------------------

# key, year, kind, name, covers from, covers to, deadline, state once the demo is loaded
PERIODS = (
    ("2025-t1", 2025, "tertial1", "Tertial 1", dt.date(2025, 1, 1), dt.date(2025, 4, 30), dt.date(2025, 5, 16), "closed"),
    ("2025-t2", 2025, "tertial2", "Tertial 2", dt.date(2025, 1, 1), dt.date(2025, 8, 31), dt.date(2025, 9, 19), "closed"),
    ("2025-bokslut", 2025, "bokslut", "Bokslut", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 2, 13), "closed"),
    ("2026-t1", 2026, "tertial1", "Tertial 1", dt.date(2026, 1, 1), dt.date(2026, 4, 30), dt.date(2026, 5, 15), "closed"),
    ("2026-t2", 2026, "tertial2", "Tertial 2", dt.date(2026, 1, 1), dt.date(2026, 8, 31), dt.date(2026, 9, 18), "open"),
    ("2026-bokslut", 2026, "bokslut", "Bokslut", dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 2, 12), "planned"),
)  # fmt: skip

PERIOD_OPENED = "Perioden öppnad för inrapportering av utfall och bedömningar"
PERIOD_CLOSED = "Perioden stängd efter att rapporten behandlats i kommunfullmäktige"
DEADLINE_MOVED = "Sista dag flyttad fram så att demons redaktörer kan rapportera"

# --- The goal chain -----------------------------------------------------------------------

# In order, parents first. A goal is found again by its level, owner and title.
#   key: how other entries refer to it; level: key of the level in the preset;
#   owner: ansvarskod; parent: key of the goal above; perspective: key in the preset;
#   years: (first, last); tags: Agenda 2030 goal numbers and "bk" for Barnkonventionen;
#   position: order among siblings (default: the owner's position in the organisation);
#   assessments: {period key: (status, analysis)}, made by the owner.
GOALS = (
    # Vision ---------------------------------------------------------------------------
    {
        "key": "vision",
        "level": "vision",
        "owner": KF,
        "title": "Exempelkommun 2030 – en levande kommun där alla kan växa",
        "description": (
            "I Exempelkommun är det nära till natur, arbete och gemenskap. Vi är en trygg och hållbar "
            "kommun där barn och unga får en bra start i livet, där företag vill etablera sig och växa "
            "och där människor i alla åldrar känner sig delaktiga. Värdeorden närhet, omtanke och "
            "framtidstro präglar hur vi möter invånarna."
        ),
        "years": (2023, 2030),
    },
    # KF:s inriktningsmål ---------------------------------------------------------------
    {
        "key": "barn-unga",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Barn och unga ska ha goda förutsättningar att lyckas i skolan och i livet",
        "description": (
            "Alla barn och unga ska få en likvärdig utbildning, känna sig trygga och få stöd tidigt "
            "när de behöver det. Barnets bästa ska beaktas i alla beslut som rör barn."
        ),
        "years": (2025, 2028),
        "tags": ("3", "4", "10", "bk"),
        "position": 10,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Andelen elever i årskurs 9 som är behöriga till yrkesprogram ökade till 84,1 procent men nådde inte målvärdet 86 procent. Tryggheten i skolan är fortsatt hög men något under målet. Samverkan kring tidiga insatser har gett färre återaktualiseringar inom socialtjänsten.",
            ),
            "2026-t1": (
                "partly",
                "Elevenkäten i våras visar att andelen elever som känner sig trygga i skolan har sjunkit till 85 procent. Behörigheten väntas öka något när vårterminens betyg är satta.",
            ),
            "2026-t2": (
                "partly",
                "Behörigheten till yrkesprogram ökade till 86,3 procent och ligger nära målvärdet, och skillnaden mellan flickor och pojkar minskar. Tryggheten i skolan ligger under målet; barn- och utbildningsnämnden har beslutat om en åtgärdsplan.",
            ),
        },
    },
    {
        "key": "aldre",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Äldre ska kunna leva ett självständigt och tryggt liv med god omsorg",
        "description": (
            "Äldre ska kunna bo kvar hemma så länge de vill, med en hemtjänst som har god kontinuitet, "
            "och få plats i särskilt boende när behovet uppstår. Omsorgen utgår från den enskildes "
            "behov och önskemål."
        ),
        "years": (2025, 2028),
        "tags": ("3", "10"),
        "position": 20,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Nöjdheten med hemtjänsten ökade till 89 procent och överträffade målvärdet. Nöjdheten i särskilt boende minskade till 78 procent, främst när det gäller mat och aktiviteter.",
            ),
            "2026-t1": (
                "partly",
                "Personalkontinuiteten i hemtjänsten har förbättrats efter omorganisationen i mindre arbetslag. Brukarundersökningen för särskilt boende visar fortsatt ett resultat under målvärdet.",
            ),
        },
    },
    {
        "key": "naringsliv",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Ett starkt näringsliv och fler i arbete",
        "description": (
            "Kommunen ska vara en god värd för företagen, med snabb och rättssäker myndighetsutövning "
            "och en nära dialog. Fler invånare ska ha en egen försörjning genom arbete eller studier."
        ),
        "years": (2025, 2028),
        "tags": ("4", "8", "9"),
        "position": 30,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Kommunen klättrade till plats 118 i Svenskt Näringslivs ranking och nådde målet. Arbetslösheten på 7,0 procent ligger däremot över målvärdet, särskilt bland män.",
            ),
            "2026-t1": (
                "partly",
                "Handläggningstiderna för bygglov har kortats tydligt. Arbetslösheten har ökat till 7,5 procent till följd av varsel inom tillverkningsindustrin.",
            ),
            "2026-t2": (
                "partly",
                "Företagsklimatet fortsätter att förbättras och kommunen ligger nu på plats 97. Arbetslösheten på 7,3 procent är fortfarande klart över målvärdet 6,5 procent; arbetsmarknadsinsatserna för personer med försörjningsstöd har förstärkts.",
            ),
        },
    },
    {
        "key": "boende",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Exempelkommun ska vara en attraktiv kommun att bo och leva i",
        "description": (
            "Befolkningen ska öka. Det ska finnas bostäder och tomter för olika behov i centralorten "
            "och på landsbygden, och ett rikt kultur-, fritids- och föreningsliv för alla åldrar."
        ),
        "years": (2025, 2028),
        "tags": ("3", "11", "bk"),
        "position": 40,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Befolkningen ökade med 38 personer till 25 340 invånare, vilket är under målvärdet. Planberedskapen för bostäder är god med 180 byggrätter i gällande detaljplaner.",
            ),
            "2026-t1": (
                "partly",
                "Befolkningen minskade något under årets första månader, vilket är ett vanligt säsongsmönster. Deltagandet i föreningslivet bland barn och unga har minskat, särskilt bland flickor.",
            ),
        },
    },
    {
        "key": "klimat",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Kommunens klimatpåverkan ska minska och naturen ska värnas",
        "description": (
            "Kommunkoncernen ska vara fossilfri 2030 och bidra till att utsläppen i hela kommunen "
            "minskar. Vi hushållar med energi och råvaror, minskar avfallet och skyddar vatten och "
            "biologisk mångfald."
        ),
        "years": (2025, 2028),
        "tags": ("6", "7", "12", "13", "15"),
        "position": 50,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Andelen fossilfria fordon och ekologiska livsmedel ökar men nådde inte riktigt målvärdena. Utsläppen av växthusgaser i kommunen minskar, men långsammare än vad som krävs.",
            ),
            "2026-t1": (
                "partly",
                "Energianvändningen i kommunens lokaler fortsätter att minska efter energieffektiviseringarna i skolorna. Utbytet av fordon går enligt plan.",
            ),
            "2026-t2": (
                "met",
                "Avfallsmängden per invånare och andelen fossilfria fordon har utvecklats bättre än planerat och når målvärdena. Utsläppen per invånare minskar men ligger fortfarande något över målvärdet.",
            ),
        },
    },
    {
        "key": "trygghet",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Alla ska känna sig trygga i Exempelkommun",
        "description": (
            "Invånare i alla åldrar ska känna sig trygga i skolan, i hemmet och i det offentliga "
            "rummet. Kommunen arbetar brottsförebyggande tillsammans med polisen, föreningslivet och "
            "näringslivet."
        ),
        "years": (2025, 2028),
        "tags": ("5", "11", "16", "bk"),
        "position": 60,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Andelen invånare som känner sig trygga utomhus kvällstid ökade till 73 procent, men kvinnor känner sig betydligt mindre trygga än män. Trygghetsvandringar har genomförts i två bostadsområden.",
            ),
            "2026-t1": (
                "not_met",
                "Andelen elever som känner sig trygga i skolan har minskat till 85 procent och ligger klart under målvärdet. Tryggheten i bostadsområdena är oförändrad och skillnaden mellan kvinnor och män kvarstår.",
            ),
        },
    },
    {
        "key": "arbetsgivare",
        "level": "inriktningsmal",
        "owner": KF,
        "parent": "vision",
        "title": "Exempelkommun ska vara en attraktiv arbetsgivare med engagerade och friska medarbetare",
        "description": (
            "Kommunen ska kunna rekrytera och behålla kompetenta medarbetare. Ett gott ledarskap, en "
            "god arbetsmiljö och möjlighet till utveckling ger friska och engagerade medarbetare."
        ),
        "years": (2025, 2028),
        "tags": ("3", "5", "8"),
        "position": 70,
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Sjukfrånvaron minskade till 7,1 procent men når inte målvärdet 6,8 procent. Medarbetarengagemanget (HME 79) är stabilt och nära målvärdet.",
            ),
            "2026-t1": (
                "partly",
                "Sjukfrånvaron har minskat jämfört med samma period förra året, främst korttidsfrånvaron. Rekryteringsläget är fortsatt svårt för legitimationsyrken inom skola och vård.",
            ),
            "2026-t2": (
                "met",
                "Sjukfrånvaron har minskat till 6,4 procent och når målvärdet, med en tydlig minskning bland kvinnor. Medarbetarengagemanget ligger kvar på en god nivå.",
            ),
        },
    },
    # KF:s finansiella mål --------------------------------------------------------------
    {
        "key": "resultat",
        "level": "finansiellt-mal",
        "owner": KF,
        "parent": "vision",
        "title": "Årets resultat ska uppgå till minst 2 procent av skatteintäkter och generella statsbidrag",
        "description": (
            "Ett resultat på minst 2 procent ger utrymme att finansiera investeringar med egna medel "
            "och att möta framtida pensionskostnader utan att skjuta kostnader till kommande "
            "generationer."
        ),
        "years": (2025, 2028),
        "tags": ("16",),
        "position": 80,
        # Texts and status from the key figure at load time (apps/demo/figures.py).
        "figure": ("result_share", "2"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Årets resultat blev {figure} av skatteintäkter och generella statsbidrag, mot målet minst 2 procent. Nämndernas samlade avvikelse mot budget var {total_result}.",
            ),
            "2026-t1": (
                "not_met",
                "Helårsprognosen för årets resultat är {figure} av skatteintäkter och generella statsbidrag, mot målet minst 2 procent. Nämndernas samlade prognos visar {total_result}.",
            ),
            "2026-t2": (
                "not_met",
                "Helårsprognosen för årets resultat är {figure} av skatteintäkter och generella statsbidrag, mot målet minst 2 procent. Nämndernas samlade prognos visar {total_result}, främst inom socialnämnden.",
            ),
        },
    },
    {
        "key": "sjalvfinansiering",
        "level": "finansiellt-mal",
        "owner": KF,
        "parent": "vision",
        "title": "Investeringarna ska till minst 70 procent finansieras med egna medel",
        "description": (
            "Självfinansieringsgraden visar hur stor del av investeringarna som betalas med årets "
            "resultat och avskrivningar. Ett högt värde begränsar behovet av nya lån."
        ),
        "years": (2025, 2028),
        "tags": ("16",),
        "position": 90,
        "figure": ("self_financing", "70"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Självfinansieringsgraden blev {figure}, mot målet minst 70 procent.",
            ),
            "2026-t1": (
                "not_assessed",
                "Bedöms i delårsrapporten, när investeringsprognosen för året är säkrare.",
            ),
            "2026-t2": (
                "partly",
                "Prognosen för självfinansieringsgraden är {figure}, mot målet minst 70 procent. Investeringsprognosen bygger på projektens prognoser i delårsrapporten.",
            ),
        },
    },
    {
        "key": "soliditet",
        "level": "finansiellt-mal",
        "owner": KF,
        "parent": "vision",
        "title": "Soliditeten ska vara minst 50 procent",
        "description": (
            "Soliditeten visar hur stor del av tillgångarna som finansieras med eget kapital. "
            "Kommunen ska stärka sin långsiktiga betalningsförmåga. Soliditeten räknas tills "
            "vidare exklusive ansvarsförbindelsen för pensioner, som ännu inte redovisas."
        ),
        "years": (2025, 2028),
        "tags": ("16",),
        "position": 100,
        # Computed from the balance sheet at the period's end (apps/demo/financial_goals_demo.py).
        "figure": ("equity_ratio", "50"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Soliditeten var {figure} vid årets slut, mot målet minst 50 procent. Årets positiva resultat har ökat det egna kapitalet.",
            ),
            "2026-t1": (
                "met",
                "Soliditeten var {figure} vid utgången av april, mot målet minst 50 procent.",
            ),
            "2026-t2": (
                "met",
                "Soliditeten var {figure} vid utgången av augusti, mot målet minst 50 procent.",
            ),
        },
    },
    # Kommunstyrelsen ------------------------------------------------------------------
    {
        "key": "ks-ekonomi",
        "level": "namndmal",
        "owner": "1000",
        "parent": "resultat",
        "perspective": "ekonomi",
        "title": "Nämnderna ska bedriva sin verksamhet inom tilldelade budgetramar",
        "description": "Genom tät uppföljning och tidiga åtgärdsplaner ska avvikelser fångas upp innan de påverkar årets resultat.",
        "years": (2025, 2026),
        "assessments": {
            "2025-bokslut": (
                "not_met",
                "Nämnderna redovisade sammantaget {total_result} mot sina ramar, främst inom socialnämnden ({deviation_3000}).",
            ),
            "2026-t1": (
                "not_met",
                "Nämndernas samlade helårsprognos visar {total_result}. Socialnämnden och barn- och utbildningsnämnden prognostiserar underskott som de bedömer att de kan hantera inom sina ramar; kommunstyrelsen följer dem varje månad.",
            ),
            "2026-t2": (
                "not_met",
                "Nämndernas samlade helårsprognos visar {total_result}, mot {previous_total_deviation} i tertial 1. Socialnämndens underskott ryms inte inom ramen och nämnden har beslutat om en åtgärdsplan, som kommunstyrelsen följer varje månad.",
            ),
        },
    },
    {
        "key": "ks-foretagsklimat",
        "level": "namndmal",
        "owner": "1000",
        "parent": "naringsliv",
        "perspective": "invanare",
        "title": "Företagsklimatet i Exempelkommun ska förbättras",
        "description": "Företagsbesök, en väg in för företagare och en tydlig dialog om kommunens planer ska göra det lättare att driva och starta företag.",
        "years": (2025, 2026),
        "tags": ("8",),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Kommunen förbättrade sin placering i Svenskt Näringslivs ranking från 142 till 118. Företagslotsen och de regelbundna företagsbesöken lyfts fram av företagarna.",
            ),
            "2026-t1": (
                "met",
                "Under tertialet genomfördes 34 företagsbesök och en gemensam väg in för företagare infördes i kontaktcenter.",
            ),
        },
    },
    {
        "key": "ks-arbetsgivare",
        "level": "namndmal",
        "owner": "1000",
        "parent": "arbetsgivare",
        "perspective": "verksamhet",
        "title": "Sjukfrånvaron bland kommunens medarbetare ska minska",
        "description": "Det förebyggande arbetsmiljöarbetet, chefernas förutsättningar och den tidiga rehabiliteringen ska stärkas.",
        "years": (2025, 2026),
        "tags": ("3", "5"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Sjukfrånvaron minskade från 7,6 till 7,1 procent men målvärdet nåddes inte. Sjukfrånvaron är fortsatt betydligt högre bland kvinnor än bland män.",
            ),
            "2026-t1": (
                "partly",
                "Sjukfrånvaron de senaste tolv månaderna är 7,0 procent. Satsningen på tidiga rehabiliteringsinsatser har startat i äldreomsorgen och förskolan.",
            ),
            "2026-t2": (
                "met",
                "Sjukfrånvaron har minskat till 6,4 procent och når målvärdet. Korttidsfrånvaron har minskat mest, vilket tyder på att det förebyggande arbetet ger effekt.",
            ),
        },
    },
    # Barn- och utbildningsnämnden -----------------------------------------------------
    {
        "key": "bun-behorighet",
        "level": "namndmal",
        "owner": "2000",
        "parent": "barn-unga",
        "perspective": "invanare",
        "title": "Fler elever ska vara behöriga till gymnasieskolans yrkesprogram",
        "description": "Andelen behöriga elever i årskurs 9 ska öka för både flickor och pojkar, och skillnaden mellan könen ska minska.",
        "years": (2025, 2026),
        "tags": ("4", "bk"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Behörigheten ökade till 84,1 procent men nådde inte målvärdet 86 procent. Pojkarnas behörighet ligger nästan sex procentenheter lägre än flickornas.",
            ),
            "2026-t1": (
                "partly",
                "Skolornas prognos inför vårterminens betyg pekar på en fortsatt ökning. Insatserna med extra studietid i matematik och svenska fortsätter.",
            ),
            "2026-t2": (
                "partly",
                "Behörigheten ökade till 86,3 procent, nära målvärdet 87 procent, och skillnaden mellan flickor och pojkar minskade. Satsningen på läsförståelse i lågstadiet väntas ge effekt på sikt.",
            ),
        },
    },
    {
        "key": "bun-trygghet",
        "level": "namndmal",
        "owner": "2000",
        "parent": "trygghet",
        "perspective": "invanare",
        "title": "Alla elever ska känna sig trygga i skolan",
        "description": "Skolorna arbetar systematiskt mot kränkande behandling och låter eleverna vara delaktiga i trygghetsarbetet.",
        "years": (2025, 2026),
        "tags": ("4", "16", "bk"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "88 procent av eleverna i årskurs 5 och 8 känner sig trygga i skolan, nära men under målvärdet 90 procent.",
            ),
            "2026-t1": (
                "not_met",
                "Andelen elever som känner sig trygga har minskat till 85 procent, främst bland flickor i årskurs 8. Nämnden har beslutat om en åtgärdsplan med fler vuxna i korridorer och på raster.",
            ),
        },
    },
    {
        "key": "bun-larare",
        "level": "namndmal",
        "owner": "2000",
        "parent": "arbetsgivare",
        "perspective": "verksamhet",
        "title": "Andelen legitimerade och behöriga lärare ska öka",
        "description": "Nämnden ska erbjuda vägar till legitimation för obehöriga lärare och vara en attraktiv arbetsgivare för nyutexaminerade.",
        "years": (2025, 2026),
        "tags": ("4",),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Andelen legitimerade lärare ökade något i grundskolan men minskade i förskoleklass. Rekryteringen av lärare i praktisk-estetiska ämnen är fortsatt svår.",
            ),
            "2026-t1": (
                "not_assessed",
                "Bedöms när Skolverkets statistik för läsåret 2025/26 har publicerats.",
            ),
        },
    },
    {
        "key": "bun-ekonomi",
        "level": "namndmal",
        "owner": "2000",
        "parent": "resultat",
        "perspective": "ekonomi",
        "title": "Barn- och utbildningsnämnden ska bedriva verksamheten inom tilldelad ram",
        "description": "Lokaler och bemanning anpassas efter att antalet barn minskar på landsbygden och ökar i centralorten.",
        "years": (2025, 2026),
        "assessments": {
            "2025-bokslut": (
                "not_met",
                "Nämnden redovisade {result_2000} mot sin ram. Lägre lokalkostnader efter stängningen av Förskolan Blåklinten räckte inte för att möta kostnaderna för fler barn i förskolan i centralorten.",
            ),
            "2026-t1": (
                "partly",
                "Helårsprognosen visar {result_2000} eftersom fler elever än budgeterat går i gymnasieskolor i andra kommuner. Underskottet hanteras inom nämndens ram genom vakanshållning i förvaltningen.",
            ),
            "2026-t2": (
                "met",
                "Helårsprognosen visar {result_2000}: fler gymnasieelever i andra kommuner än budgeterat vägs upp av lägre kostnader i vuxenutbildningen.",
            ),
        },
    },
    # Socialnämnden ----------------------------------------------------------------------
    {
        "key": "sn-nojdhet",
        "level": "namndmal",
        "owner": "3000",
        "parent": "aldre",
        "perspective": "invanare",
        "title": "De äldre ska vara nöjda med hemtjänsten och det särskilda boendet",
        "description": "Omsorgen ska utgå från den äldres egna önskemål om hur och när stödet ges.",
        "years": (2025, 2026),
        "tags": ("3",),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Nöjdheten med hemtjänsten ökade till 89 procent medan nöjdheten i särskilt boende minskade till 78 procent. Måltiderna och utbudet av aktiviteter får lägst betyg i särskilt boende.",
            ),
            "2026-t1": (
                "partly",
                "Ett utvecklingsarbete kring måltider och aktiviteter har startat på Linden och Eken tillsammans med anhörigråden. Resultatet i hemtjänsten är fortsatt gott.",
            ),
        },
    },
    {
        "key": "sn-kontinuitet",
        "level": "namndmal",
        "owner": "3000",
        "parent": "aldre",
        "perspective": "verksamhet",
        "title": "Den som har hemtjänst ska möta färre olika medarbetare",
        "description": "God personalkontinuitet ger trygghet för den äldre och bättre arbetsmiljö för medarbetarna.",
        "years": (2025, 2026),
        "assessments": {
            "2025-bokslut": (
                "met",
                "En hemtjänsttagare mötte i genomsnitt 15 olika medarbetare under 14 dagar, vilket motsvarar målvärdet.",
            ),
            "2026-t1": (
                "met",
                "Antalet olika medarbetare har minskat till 14 efter att hemtjänsten delats in i mindre geografiska arbetslag.",
            ),
            "2026-t2": (
                "met",
                "Resultatet har hållit i sig under sommaren trots många semestervikarier, tack vare att vikarierna knutits till ett arbetslag.",
            ),
        },
    },
    {
        "key": "sn-tidiga",
        "level": "namndmal",
        "owner": "3000",
        "parent": "barn-unga",
        "perspective": "invanare",
        "title": "Barn och unga som behöver stöd ska få tidiga och samordnade insatser",
        "description": "Socialtjänsten och skolan ska upptäcka behov tidigt och ge stöd tillsammans, så att färre barn behöver mer ingripande insatser.",
        "years": (2025, 2026),
        "tags": ("10", "bk"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "80 procent av barnen återaktualiserades inte inom ett år efter avslutad insats, vilket når målvärdet. Samverkan med skolan har stärkts.",
            ),
            "2026-t1": (
                "partly",
                "Andelen som inte återaktualiseras ligger kvar på 80 procent, under det högre målvärdet för 2026. Antalet orosanmälningar har ökat med 12 procent.",
            ),
            "2026-t2": (
                "partly",
                "Andelen har ökat till 82 procent men når inte målvärdet 85 procent. Modellen för tidiga och samordnade insatser har införts på två skolor.",
            ),
        },
    },
    {
        "key": "sn-ekonomi",
        "level": "namndmal",
        "owner": "3000",
        "parent": "resultat",
        "perspective": "ekonomi",
        "title": "Socialnämnden ska bedriva verksamheten inom tilldelad ram",
        "description": "Externa placeringar ska i högre grad ersättas av öppenvård på hemmaplan, och hemtjänsten ska planeras efter beviljad tid.",
        "years": (2025, 2026),
        "assessments": {
            "2025-bokslut": (
                "not_met",
                "Socialnämnden redovisade {result_3000} mot sin ram, främst på grund av kostnader för externa placeringar av barn och unga.",
            ),
            "2026-t1": (
                "not_met",
                "Helårsprognosen visar {result_3000}. Kostnaderna för placeringar och för hemtjänsttimmar ökar mer än budgeterat; nämnden bedömer att underskottet kan hanteras inom ramen genom lägre kostnader för försörjningsstöd och vakanshållning.",
            ),
            "2026-t2": (
                "not_met",
                "Helårsprognosen visar {result_3000}, mot {previous_deviation_3000} i tertial 1: placeringarna av barn och unga och hemtjänstens beviljade timmar har fortsatt att öka. Underskottet ryms inte inom ramen och nämnden har beslutat om en åtgärdsplan. Nämnden når inte en budget i balans 2026.",
            ),
        },
    },
    # Kultur- och fritidsnämnden ---------------------------------------------------------
    {
        "key": "kfn-foreningsliv",
        "level": "namndmal",
        "owner": "4000",
        "parent": "boende",
        "perspective": "invanare",
        "title": "Fler barn och unga ska delta i föreningsliv och fritidsaktiviteter",
        "description": "Nämnden stödjer föreningar som når grupper som deltar lite i dag, särskilt flickor och barn i familjer med små marginaler.",
        "years": (2025, 2026),
        "tags": ("3", "10", "bk"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Antalet deltagartillfällen i idrottsföreningarna låg på 31,5 per invånare 7–20 år, strax under målvärdet. Flickorna deltar i betydligt lägre grad än pojkarna.",
            ),
            "2026-t1": (
                "not_met",
                "Deltagandet har minskat till 30,4 deltagartillfällen per invånare, främst bland flickor 13–16 år. Nämnden har inlett en dialog med föreningarna om aktiviteter som lockar fler flickor.",
            ),
        },
    },
    {
        "key": "kfn-bibliotek",
        "level": "namndmal",
        "owner": "4000",
        "parent": "boende",
        "perspective": "utveckling",
        "title": "Biblioteken ska nå fler invånare, både på plats och digitalt",
        "description": "Meröppet, lovaktiviteter och digitala tjänster ska göra biblioteket tillgängligt för fler.",
        "years": (2025, 2026),
        "tags": ("4",),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Besöken ökade till 4,2 per invånare tack vare de utökade meröppettiderna på Huvudbiblioteket.",
            ),
            "2026-t1": (
                "met",
                "Besöken fortsätter att öka och lovaktiviteterna för barn har haft rekordmånga deltagare.",
            ),
            "2026-t2": (
                "met",
                "Med 4,5 besök per invånare de senaste tolv månaderna överträffas målvärdet. Den digitala läsfrämjande satsningen når också fler unga.",
            ),
        },
    },
    # Samhällsbyggnadsnämnden -------------------------------------------------------------
    {
        "key": "sbn-planberedskap",
        "level": "namndmal",
        "owner": "5000",
        "parent": "boende",
        "perspective": "utveckling",
        "title": "Det ska finnas planlagd mark för minst 200 nya bostäder",
        "description": "God planberedskap gör att kommunen snabbt kan möta intresse från byggherrar och enskilda.",
        "years": (2025, 2026),
        "tags": ("11",),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Två nya detaljplaner vann laga kraft under året och antalet obebyggda byggrätter för bostäder ökade till 180.",
            ),
            "2026-t1": (
                "met",
                "Detaljplanen för Södra ängen antogs i mars; när den vunnit laga kraft tillkommer 45 byggrätter.",
            ),
        },
    },
    {
        "key": "sbn-energi",
        "level": "namndmal",
        "owner": "5000",
        "parent": "klimat",
        "perspective": "verksamhet",
        "title": "Energianvändningen i kommunens fastigheter ska minska",
        "description": "Energieffektivisering vid renoveringar, bättre styrning av ventilation och värme och egen solel.",
        "years": (2025, 2026),
        "tags": ("7", "13"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Energianvändningen minskade till 162 kWh per kvadratmeter, något över målvärdet. Ventilationen i Centralskolan har bytts ut.",
            ),
            "2026-t1": (
                "met",
                "Energianvändningen har minskat till 158 kWh per kvadratmeter de senaste tolv månaderna efter energieffektiviseringen av Norrskolan.",
            ),
            "2026-t2": (
                "met",
                "Energianvändningen på 151 kWh per kvadratmeter är lägre än målvärdet. Solcellspiloten har försenats men påverkar inte måluppfyllelsen i år.",
            ),
        },
    },
    {
        "key": "sbn-trygga-miljoer",
        "level": "namndmal",
        "owner": "5000",
        "parent": "trygghet",
        "perspective": "invanare",
        "title": "Gator, parker och gång- och cykelvägar ska upplevas trygga",
        "description": "Belysning, röjning av växtlighet och trygghetsvandringar tillsammans med invånarna.",
        "years": (2025, 2026),
        "tags": ("5", "11"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Belysningen har förbättrats längs tre gång- och cykelvägar. Kvinnor känner sig fortfarande betydligt mindre trygga utomhus kvällstid än män.",
            ),
            "2026-t1": (
                "partly",
                "Kartläggningen av otrygga platser pågår tillsammans med polisen och bostadsbolaget inom ramen för uppdraget från fullmäktige.",
            ),
        },
    },
    # Miljö- och byggnämnden ---------------------------------------------------------------
    {
        "key": "mbn-handlaggning",
        "level": "namndmal",
        "owner": "6000",
        "parent": "naringsliv",
        "perspective": "invanare",
        "title": "Handläggningen av bygglov ska vara snabb och rättssäker",
        "description": "Kompletta ansökningar ska avgöras inom fem veckor, och sökande ska få tydliga besked tidigt.",
        "years": (2025, 2026),
        "tags": ("9", "16"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Mediantiden för bygglov var 5,1 veckor, strax över målvärdet, på grund av vakanser under sommaren.",
            ),
            "2026-t1": (
                "met",
                "Mediantiden har minskat till 4,2 veckor efter att e-tjänsten för bygglov infördes och handläggningen fördelats om.",
            ),
            "2026-t2": (
                "met",
                "Mediantiden är 3,9 veckor och inga ärenden har överskridit den lagstadgade handläggningstiden.",
            ),
        },
    },
    {
        "key": "mbn-tillsyn",
        "level": "namndmal",
        "owner": "6000",
        "parent": "klimat",
        "perspective": "verksamhet",
        "title": "Den planerade tillsynen enligt miljöbalken och livsmedelslagstiftningen ska genomföras",
        "description": "Tillsynsplanen bygger på en risk- och behovsutredning och följs upp varje tertial.",
        "years": (2025, 2026),
        "tags": ("6", "12"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Den planerade tillsynen genomfördes till 96 procent; resterande besök har flyttats till början av 2026.",
            ),
            "2026-t1": (
                "partly",
                "Tillsynen ligger något efter plan på grund av en vakant tjänst som livsmedelsinspektör. Rekrytering pågår.",
            ),
        },
    },
    # Tekniska nämnden ----------------------------------------------------------------------
    {
        "key": "tn-avfall",
        "level": "namndmal",
        "owner": "7000",
        "parent": "klimat",
        "perspective": "invanare",
        "title": "Mängden avfall per invånare ska minska och mer ska återvinnas",
        "description": "Fyrfackskärl, matavfallsinsamling och återbruk gör det lätt för hushållen att sortera rätt.",
        "years": (2025, 2026),
        "tags": ("12",),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Det insamlade avfallet minskade till 465 kilo per invånare men nådde inte målvärdet. Matavfallsinsamlingen har byggts ut till hela kommunen.",
            ),
            "2026-t1": (
                "partly",
                "Mängden restavfall minskar efter införandet av fyrfackskärl i villaområdena. Helårsutfallet bedöms hamna nära målvärdet.",
            ),
            "2026-t2": (
                "met",
                "Prognosen för året är 441 kilo per invånare, under målvärdet 450. Fyrfackssystemet och den nya återbrukscentralen bidrar tydligt.",
            ),
        },
    },
    {
        "key": "tn-maltider",
        "level": "namndmal",
        "owner": "7000",
        "parent": "klimat",
        "perspective": "verksamhet",
        "title": "Andelen ekologiska och närproducerade livsmedel i måltidsverksamheten ska öka",
        "description": "Upphandlingen av livsmedel ska gynna ekologiskt och säsongsanpassat, och matsvinnet ska minska.",
        "years": (2025, 2026),
        "tags": ("2", "12"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "Andelen ekologiska livsmedel ökade till 34 procent, strax under målvärdet.",
            ),
            "2026-t1": (
                "met",
                "Andelen ekologiska livsmedel har ökat till 38 procent efter det nya livsmedelsavtalet. Närproducerat kött och mejeri serveras nu i alla skolkök.",
            ),
        },
    },
    {
        "key": "tn-fordon",
        "level": "namndmal",
        "owner": "7000",
        "parent": "klimat",
        "perspective": "utveckling",
        "title": "Kommunens fordon ska drivas med fossilfria drivmedel",
        "description": "Fordonsflottan byts successivt till el och biodrivmedel, och laddinfrastruktur byggs ut vid kommunens arbetsplatser.",
        "years": (2025, 2026),
        "tags": ("7", "13"),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "58 procent av kommunens fordon var fossilfria vid årets slut, något under målvärdet. Utbytet av tunga fordon har försenats.",
            ),
            "2026-t1": (
                "met",
                "63 procent av fordonen är fossilfria, och elbilar har ersatt de sista bensinbilarna i hemtjänsten.",
            ),
        },
    },
    # Valnämnden ------------------------------------------------------------------------------
    {
        "key": "vn-val",
        "level": "namndmal",
        "owner": "7500",
        "parent": "trygghet",
        "perspective": "invanare",
        "title": "Valen 2026 ska genomföras säkert och med god tillgänglighet för alla väljare",
        "description": "Vallokaler och förtidsröstning ska vara tillgängliga för personer med funktionsnedsättning, och röstmottagarna ska vara utbildade.",
        "years": (2026, 2026),
        "tags": ("16",),
        "assessments": {
            "2026-t1": (
                "not_assessed",
                "Valen genomförs i september och bedöms i årsredovisningen. Vallokaler och lokaler för förtidsröstning är bokade och tillgänglighetsinventerade.",
            ),
        },
    },
    # Bolagen -----------------------------------------------------------------------------------
    {
        "key": "ebab-bostader",
        "level": "namndmal",
        "owner": "8100",
        "parent": "boende",
        "perspective": "utveckling",
        "title": "Exempelkommun Bostäder ska färdigställa 40 nya hyreslägenheter under 2025–2026",
        "description": "Nyproduktionen sker i två etapper i kvarteret Linden i centralorten.",
        "years": (2025, 2026),
        "tags": ("11",),
        "assessments": {
            "2025-bokslut": (
                "partly",
                "16 lägenheter i kvarteret Linden färdigställdes under året. Byggstarten för etapp två försenades av ett överklagande.",
            ),
            "2026-t1": (
                "partly",
                "Etapp två med 24 lägenheter har byggstartat och beräknas vara klar för inflyttning i december 2026.",
            ),
        },
    },
    {
        "key": "eeab-fornybar",
        "level": "namndmal",
        "owner": "8200",
        "parent": "klimat",
        "perspective": "verksamhet",
        "title": "Fjärrvärmen ska produceras helt med förnybara och återvunna bränslen",
        "description": "Oljepannorna för spetslast ersätts med bioolja, och spillvärme från industrin tas till vara.",
        "years": (2025, 2026),
        "tags": ("7", "13"),
        "assessments": {
            "2025-bokslut": (
                "met",
                "Fjärrvärmen producerades till 99,6 procent med förnybara och återvunna bränslen; olja användes endast vid ett driftstopp i februari.",
            ),
            "2026-t1": (
                "met",
                "Under vintern har all fjärrvärme producerats med biobränsle och spillvärme.",
            ),
        },
    },
    # Förvaltningarnas verksamhetsmål ------------------------------------------------------------
    {
        "key": "klf-chefer",
        "level": "verksamhetsmal",
        "owner": "1100",
        "parent": "ks-arbetsgivare",
        "perspective": "verksamhet",
        "title": "Alla chefer ska ha genomgått utbildning i arbetsmiljö och rehabilitering",
        "years": (2026, 2026),
        "assessments": {
            "2026-t1": (
                "partly",
                "62 av 85 chefer har genomgått utbildningen. Resterande utbildas under hösten.",
            ),
        },
    },
    {
        "key": "buf-lasning",
        "level": "verksamhetsmal",
        "owner": "2100",
        "parent": "bun-behorighet",
        "perspective": "utveckling",
        "title": "Elevernas läsförmåga ska kartläggas och följas upp varje termin i årskurs F–6",
        "years": (2026, 2026),
        "assessments": {
            "2026-t1": (
                "partly",
                "Alla skolor genomför läskartläggningen, men uppföljningen görs ännu inte på samma sätt överallt.",
            ),
        },
    },
    {
        "key": "buf-trygghetsplan",
        "level": "verksamhetsmal",
        "owner": "2100",
        "parent": "bun-trygghet",
        "perspective": "invanare",
        "title": "Varje skola ska ta fram sin plan mot kränkande behandling tillsammans med eleverna",
        "years": (2026, 2026),
        "tags": ("bk",),
        "assessments": {
            "2026-t1": (
                "met",
                "Alla skolor har en plan mot kränkande behandling som eleverna har varit med och tagit fram.",
            ),
        },
    },
    {
        "key": "sof-arbetslag",
        "level": "verksamhetsmal",
        "owner": "3100",
        "parent": "sn-kontinuitet",
        "perspective": "verksamhet",
        "title": "Hemtjänsten ska planeras i mindre geografiska arbetslag",
        "years": (2026, 2026),
        "assessments": {
            "2026-t1": (
                "met",
                "Hemtjänsten är sedan februari indelad i sex geografiska arbetslag.",
            ),
        },
    },
    {
        "key": "sof-tsi",
        "level": "verksamhetsmal",
        "owner": "3100",
        "parent": "sn-tidiga",
        "perspective": "utveckling",
        "title": "Modellen för tidiga och samordnade insatser ska användas på alla skolor",
        "years": (2026, 2026),
        "tags": ("bk",),
        "assessments": {
            "2026-t1": (
                "partly",
                "Modellen används på Norrskolan och Söderskolan; övriga skolor ansluter under hösten.",
            ),
        },
    },
    {
        "key": "tf-svinn",
        "level": "verksamhetsmal",
        "owner": "7100",
        "parent": "tn-maltider",
        "perspective": "verksamhet",
        "title": "Matsvinnet i förskolans och skolans kök ska minska",
        "years": (2026, 2026),
        "tags": ("12",),
        "assessments": {
            "2026-t1": (
                "met",
                "Matsvinnet i skolköken har minskat från 42 till 33 gram per portion sedan svinnvågar och tallriksmodellen infördes.",
            ),
        },
    },
)

# --- Grunduppdrag -------------------------------------------------------------------------

# ansvarskod, first year, source, text
BASIC_MISSIONS = (
    ("1000", 2023, "Reglemente för kommunstyrelsen, KF 2022-12-12 § 178",
     "Kommunstyrelsen leder och samordnar kommunens verksamhet och ekonomi och har uppsikt över nämndernas och de kommunala bolagens verksamhet. Styrelsen bereder ärenden till kommunfullmäktige och ansvarar för den övergripande planeringen, personalpolitiken och näringslivsarbetet. Styrelsen ansvarar också för att den interna kontrollen är tillräcklig."),
    ("2000", 2023, "Reglemente för barn- och utbildningsnämnden, KF 2022-12-12 § 179",
     "Barn- och utbildningsnämnden fullgör kommunens uppgifter enligt skollagen för förskola, pedagogisk omsorg, fritidshem, förskoleklass, grundskola, anpassad grundskola, gymnasieskola och kommunal vuxenutbildning. Nämnden ansvarar också för det kommunala aktivitetsansvaret för ungdomar under 20 år."),
    ("3000", 2023, "Reglemente för socialnämnden, KF 2022-12-12 § 180",
     "Socialnämnden fullgör kommunens uppgifter inom socialtjänsten enligt socialtjänstlagen och lagen om stöd och service till vissa funktionshindrade, bland annat individ- och familjeomsorg, äldreomsorg och stöd till personer med funktionsnedsättning. Nämnden ansvarar även för den kommunala hälso- och sjukvården enligt hälso- och sjukvårdslagen."),
    ("4000", 2023, "Reglemente för kultur- och fritidsnämnden, KF 2022-12-12 § 181",
     "Kultur- och fritidsnämnden ansvarar för folkbiblioteken, kulturverksamheten, fritidsgårdarna och kommunens idrottsanläggningar. Nämnden stödjer föreningslivet med bidrag och lokaler. Nämnden verkar för att alla invånare, särskilt barn och unga, ska kunna ta del av kultur och en meningsfull fritid."),
    ("5000", 2023, "Reglemente för samhällsbyggnadsnämnden, KF 2022-12-12 § 182",
     "Samhällsbyggnadsnämnden ansvarar för den fysiska planeringen enligt plan- och bygglagen, mark- och exploateringsfrågor, kommunens gator, parker och allmänna platser samt förvaltningen av kommunens verksamhetslokaler. Nämnden är kommunens trafiknämnd."),
    ("6000", 2023, "Reglemente för miljö- och byggnämnden, KF 2022-12-12 § 183",
     "Miljö- och byggnämnden fullgör kommunens myndighetsuppgifter enligt miljöbalken, livsmedelslagstiftningen och plan- och bygglagen, med lov, anmälningar och tillsyn. Nämnden ska verka för en rättssäker, effektiv och enhetlig myndighetsutövning."),
    ("7000", 2023, "Reglemente för tekniska nämnden, KF 2022-12-12 § 184",
     "Tekniska nämnden ansvarar för den allmänna vatten- och avloppsanläggningen, avfallshanteringen enligt miljöbalken och kommunens renhållningsföreskrifter samt kost och städ i kommunens verksamheter. Vatten och avlopp och avfall finansieras med avgifter enligt taxa."),
    ("7500", 2023, "Reglemente för valnämnden, KF 2022-12-12 § 185",
     "Valnämnden fullgör kommunens uppgifter enligt vallagen vid val till riksdagen, region- och kommunfullmäktige och Europaparlamentet samt vid folkomröstningar. Nämnden ansvarar för vallokaler, röstmottagare och förtidsröstning i kommunen."),
    ("8100", 2023, "Ägardirektiv för Exempelkommun Bostäder AB, KF 2023-04-24 § 45",
     "Exempelkommun Bostäder AB ska på affärsmässiga grunder äga, förvalta och bygga bostäder i hela kommunen och därigenom främja bostadsförsörjningen. Bolaget ska erbjuda ett varierat utbud av hyresrätter med god kvalitet och service och bidra till trygga och hållbara bostadsområden."),
    ("8200", 2023, "Ägardirektiv för Exempelkommun Energi AB, KF 2023-04-24 § 46",
     "Exempelkommun Energi AB ska på affärsmässiga grunder producera och distribuera fjärrvärme och el samt erbjuda bredband i kommunen. Bolaget ska bidra till kommunens klimatmål genom förnybar energiproduktion och effektiv energianvändning."),
)  # fmt: skip

# --- Uppdrag --------------------------------------------------------------------------------

# KF's decisions: one § per decision, never two decisions of one meeting under one §
# (tests/demo/test_demo_consistency.py). The budget 2026 itself is § 84 (economy_data).
BUDGET_DECISION = (dt.date(2025, 6, 16), "§ 85")  # KF: uppdrag to the nämnder 2026
INDICATOR_SET_DECISION = (dt.date(2025, 6, 16), "§ 86")  # KF: the indicators of 2026
FOLLOW_UP_DECISION = (dt.date(2026, 6, 15), "§ 74")  # KF: an uppdrag reported and done
EXTENSION_DECISION = (dt.date(2026, 6, 15), "§ 75")  # KF: an uppdrag extended

# Given by KF with the budget. reports: {ansvarskod: (status, report)};
# decisions: (state, (date, paragraph), note, new last year or None).
ASSIGNMENTS = (
    {
        "title": "Ta fram en plan för förskolans kapacitet i centralorten",
        "description": "Antalet barn i förskoleåldern ökar i centralorten men minskar på landsbygden. Nämnderna ska gemensamt ta fram en plan för förskoleplatser och lokaler för 2027–2032.",
        "goal": "barn-unga",
        "recipients": ("2000", "5000"),
        "years": (2026, 2026),
        "resources": 400_000,
        "deadline": dt.date(2026, 10, 31),
        "reports": {
            "2000": (
                "in_progress",
                "Behovsanalysen är klar och visar ett behov av 60 nya platser i centralorten till 2029. Lokalalternativen utreds tillsammans med samhällsbyggnadsförvaltningen.",
            ),
            "5000": (
                "in_progress",
                "Tre möjliga tomter för en ny förskola har pekats ut. Kostnadskalkyler tas fram under hösten.",
            ),
        },
    },
    {
        "title": "Införa digital nattillsyn i hemtjänsten",
        "description": "Den som vill ska kunna välja digital tillsyn nattetid i stället för fysiska besök, för att värna integriteten och nattsömnen.",
        "goal": "aldre",
        "recipients": ("3000",),
        "years": (2026, 2026),
        "resources": 1_200_000,
        "deadline": dt.date(2026, 12, 31),
        "reports": {
            "3000": (
                "in_progress",
                "Upphandlingen av kameror och larmplattform är klar. Införandet startade i oktober och 14 brukare har i dag digital nattillsyn.",
            ),
        },
    },
    {
        "title": "Utreda behovet av en ny sporthall vid Söderskolan",
        "description": "Utredningen ska belysa behoven för skolans idrottsundervisning och för föreningslivet, lämpligt läge och en kostnadsbedömning.",
        "goal": "boende",
        "recipients": ("4000", "2000", "5000"),
        "years": (2026, 2026),
        "resources": 300_000,
        "deadline": dt.date(2026, 5, 31),
        "reports": {
            "4000": (
                "completed",
                "Utredningen redovisades i april. Föreningarnas behov av halltider kvällstid motiverar en fullstor hall.",
            ),
            "2000": (
                "completed",
                "Skolans behov av idrottsundervisning har beskrivits i utredningen; nuvarande hall räcker inte när Söderskolan växer.",
            ),
            "5000": (
                "completed",
                "Två lägen har bedömts. Investeringsutgiften beräknas till 58 miljoner kronor för alternativet intill Söderskolan.",
            ),
        },
        "decisions": (
            (
                "completed",
                FOLLOW_UP_DECISION,
                "Utredningen redovisades och uppdraget förklarades fullgjort. Investeringen prövas i budgeten för 2027.",
                None,
            ),
        ),
    },
    {
        "title": "Ta fram en näringslivsstrategi med handlingsplan för 2027–2030",
        "description": "Strategin tas fram i dialog med företagen och ska innehålla mätbara mål för företagsklimat, etableringar och kompetensförsörjning.",
        "goal": "naringsliv",
        "recipients": ("1000",),
        "years": (2026, 2026),
        "resources": 250_000,
        "deadline": dt.date(2026, 11, 30),
        "reports": {
            "1000": (
                "in_progress",
                "Strategin har tagits fram i dialog med ett sextiotal företag och skickades på remiss i oktober. Beslut i kommunfullmäktige planeras till december.",
            ),
        },
    },
    {
        "title": "Genomföra en pilotsatsning med solceller på kommunens fastigheter",
        "description": "Solceller installeras på två fastigheter för att pröva teknik, upphandlingsform och förvaltning inför en bredare utbyggnad.",
        "goal": "klimat",
        "recipients": ("5000",),
        "years": (2026, 2026),
        "resources": 2_000_000,
        "deadline": dt.date(2026, 12, 31),
        "reports": {
            "5000": (
                "delayed",
                "Upphandlingen av entreprenör överprövades och avgjordes i förvaltningsrätten i augusti. Installationen på Söderskolan och kommunhuset sker våren 2027.",
            ),
        },
        "decisions": (
            (
                "extended",
                EXTENSION_DECISION,
                "Upphandlingen överprövades. Uppdraget förlängs till och med 2027 inom beviljade medel.",
                2027,
            ),
        ),
    },
    {
        "title": "Införa en modell för tidiga och samordnade insatser för barn och unga",
        "description": "Skola och socialtjänst ska arbeta tillsammans på varje skola så att barn som far illa eller riskerar att göra det upptäcks och får stöd tidigt.",
        "goal": "barn-unga",
        "recipients": ("2000", "3000"),
        "years": (2026, 2027),
        "resources": 800_000,
        "deadline": dt.date(2027, 6, 30),
        "reports": {
            "2000": (
                "in_progress",
                "Modellen har införts på Norrskolan och Söderskolan. Övriga skolor ansluter under våren 2027.",
            ),
            "3000": (
                "in_progress",
                "Två socialsekreterare finns sedan januari på plats på skolorna två dagar i veckan.",
            ),
        },
    },
    {
        "title": "Kartlägga otrygga platser och ta fram en åtgärdsplan för ökad trygghet",
        "description": "Kartläggningen görs med trygghetsvandringar tillsammans med polisen, bostadsbolaget och invånarna och ska leda till en prioriterad åtgärdsplan.",
        "goal": "trygghet",
        "recipients": ("5000", "1000"),
        "years": (2026, 2026),
        "resources": 400_000,
        "deadline": dt.date(2026, 9, 30),
        "reports": {
            "5000": (
                "completed",
                "Trygghetsvandringar genomfördes i fem bostadsområden. Åtgärdsplanen med 23 åtgärder antogs av samhällsbyggnadsnämnden i september.",
            ),
            "1000": (
                "delayed",
                "Samordningen med polisen kring medborgarlöftet har försenats. Kommunstyrelsens del av åtgärdsplanen redovisas i december.",
            ),
        },
    },
    {
        "title": "Minska matsvinnet i kommunens kök med 20 procent",
        "description": "Matsvinnet mäts i alla kök och ska minska med 20 procent jämfört med 2025. Uppdraget genomförs inom befintlig ram.",
        "goal": "klimat",
        "recipients": ("7000",),
        "years": (2026, 2026),
        "resources": None,
        "deadline": dt.date(2026, 12, 31),
        "reports": {
            "7000": (
                "in_progress",
                "Svinnet mäts nu i alla kök. Hittills har det minskat med 21 procent i skolköken och 9 procent i äldreomsorgens kök.",
            ),
        },
    },
)

# --- Indicators ------------------------------------------------------------------------------

# KF's decisions of each year's indicators, with the budget: year, date, paragraph.
INDICATOR_SET_DECISIONS = (
    (2025, dt.date(2024, 6, 17), "§ 92"),
    (2026, *INDICATOR_SET_DECISION),
)

# Changes after the decision, recorded with a reason: indicator key, goal key, year, reason.
INDICATOR_SET_CHANGES = (
    ("aterakt", "barn-unga", 2026,
     "Tillagd efter KF:s beslut 2026-02-23 § 12: socialnämndens indikator för återaktualiseringar ska också följa upp fullmäktiges mål för barn och unga."),
)  # fmt: skip

# key, title, description, measure_unit, direction, kolada_kpi, source, by_sex, decimals;
# goals: keys of the goals it measures (2025 and 2026, in the years each goal is valid);
# targets: {year: target}, kommun-wide; values: in each of VALUE_PERIODS, the total or
# (total, women, men); comments: {period key: comment on that value}.
VALUE_PERIODS = ("2025-t1", "2025-t2", "2025-bokslut", "2026-t1", "2026-t2")


def _by_period(*values: str | tuple[str, str, str]) -> dict[str, str | tuple[str, str, str]]:
    """The values of an indicator by period key, given in the order of VALUE_PERIODS."""
    return dict(zip(VALUE_PERIODS, values, strict=True))


INDICATORS = (
    # Ekonomi
    {
        "key": "resultat",
        "title": "Årets resultat i procent av skatteintäkter och generella statsbidrag",
        "description": "Årets resultat enligt resultaträkningen. Under året helårsprognos, i bokslutet utfall.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen beräkning, ekonomisystemet",
        "decimals": 1,
        "goals": ("resultat", "ks-ekonomi"),
        "targets": {2025: "2.0", 2026: "2.0"},
        # Where the economy has the figure, the value is its key figure (figures.py).
        "figure": "result_share",
        "values": _by_period("1.3", "1.9", "2.4", "1.1", "1.4"),
        "comments": {
            "2025-t1": "Helårsprognos",
            "2025-t2": "Helårsprognos",
            "2026-t1": "Helårsprognos",
            "2026-t2": "Helårsprognos",
        },
    },
    {
        "key": "sjalvfinansiering",
        "title": "Självfinansieringsgrad av investeringarna",
        "description": "Årets resultat plus avskrivningar i procent av nettoinvesteringarna.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen beräkning, ekonomisystemet",
        "decimals": 0,
        "goals": ("sjalvfinansiering",),
        "targets": {2025: "70", 2026: "70"},
        "figure": "self_financing",
        "values": _by_period("64", "71", "78", "62", "69"),
        "comments": {
            "2025-t1": "Helårsprognos",
            "2025-t2": "Helårsprognos",
            "2026-t1": "Helårsprognos",
            "2026-t2": "Helårsprognos",
        },
    },
    {
        "key": "soliditet",
        "title": "Soliditet inklusive samtliga pensionsförpliktelser",
        "description": "Eget kapital minus ansvarsförbindelsen för pensioner, i procent av de totala tillgångarna.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen beräkning, balansräkningen",
        "decimals": 1,
        "goals": ("soliditet",),
        "targets": {2025: "22.5", 2026: "23.5"},
        "values": _by_period("21.9", "22.4", "23.1", "23.3", "23.8"),
    },
    {
        "key": "budgetavvikelse",
        "title": "Nämndernas samlade budgetavvikelse",
        "description": "Summan av nämndernas avvikelser mot budget; negativt värde är underskott. Under året helårsprognos.",
        "measure_unit": "mnkr",
        "direction": "higher",
        "source": "Egen beräkning, ekonomisystemet",
        "decimals": 1,
        "goals": ("resultat", "ks-ekonomi"),
        "targets": {2025: "0", 2026: "0"},
        # Where the economy has it, the value is the bodies' deviation (figures.py).
        "figure": "total_deviation",
        "values": _by_period("-8.5", "-5.2", "-3.1", "-12.4", "-9.8"),
        "comments": {
            "2025-t1": "Helårsprognos",
            "2025-t2": "Helårsprognos",
            "2026-t1": "Helårsprognos",
            "2026-t2": "Helårsprognos",
        },
    },
    # Barn och unga
    {
        "key": "behorighet",
        "title": "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        "description": "Elever folkbokförda i kommunen som gick ut årskurs 9 med behörighet till gymnasieskolans yrkesprogram.",
        "measure_unit": "%",
        "direction": "higher",
        "kolada_kpi": "N15428",
        "source": "Skolverket via Kolada",
        "by_sex": True,
        "decimals": 1,
        "goals": ("barn-unga", "bun-behorighet"),
        "targets": {2025: "86.0", 2026: "87.0"},
        "values": _by_period(
            ("82.4", "85.9", "79.1"),
            ("84.1", "87.0", "81.3"),
            ("84.1", "87.0", "81.3"),
            ("84.1", "87.0", "81.3"),
            ("86.3", "88.2", "84.5"),
        ),
        "comments": {
            "2025-t1": "Läsåret 2023/24",
            "2025-t2": "Läsåret 2024/25",
            "2025-bokslut": "Läsåret 2024/25",
            "2026-t1": "Läsåret 2024/25",
            "2026-t2": "Läsåret 2025/26",
        },
    },
    {
        "key": "trygga-i-skolan",
        "title": "Elever i åk 5 och 8 som känner sig trygga i skolan, andel (%)",
        "description": "Andel som svarar att de känner sig trygga i skolan alltid eller nästan alltid.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen elevenkät, vårterminen",
        "by_sex": True,
        "decimals": 0,
        "goals": ("trygghet", "bun-trygghet"),
        "targets": {2025: "90", 2026: "92"},
        "values": _by_period(
            ("88", "87", "89"),
            ("88", "87", "89"),
            ("88", "87", "89"),
            ("85", "82", "88"),
            ("85", "82", "88"),
        ),
    },
    {
        "key": "aterakt",
        "title": "Barn 0–12 år som inte återaktualiserats ett år efter avslutad utredning eller insats, andel (%)",
        "description": "Barn vars ärende inte öppnats igen inom tolv månader efter att utredning eller insats avslutats.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen uppföljning, individ- och familjeomsorgen",
        "decimals": 0,
        "goals": ("sn-tidiga",),
        "targets": {2025: "80", 2026: "85"},
        "values": _by_period("78", "78", "80", "80", "82"),
    },
    # Äldre
    {
        "key": "hemtjanst-nojdhet",
        "title": "Brukarbedömning hemtjänst äldreomsorg – helhetssyn, andel (%)",
        "description": "Andel personer 65 år och äldre med hemtjänst som är mycket eller ganska nöjda med hemtjänsten som helhet.",
        "measure_unit": "%",
        "direction": "higher",
        "kolada_kpi": "U21468",
        "source": "Socialstyrelsens brukarundersökning via Kolada",
        "decimals": 0,
        "goals": ("aldre", "sn-nojdhet"),
        "targets": {2025: "88", 2026: "90"},
        "values": _by_period("86", "86", "89", "89", "89"),
    },
    {
        "key": "sabo-nojdhet",
        "title": "Brukarbedömning särskilt boende äldreomsorg – helhetssyn, andel (%)",
        "description": "Andel personer 65 år och äldre i särskilt boende som är mycket eller ganska nöjda med sitt boende som helhet.",
        "measure_unit": "%",
        "direction": "higher",
        "kolada_kpi": "U23471",
        "source": "Socialstyrelsens brukarundersökning via Kolada",
        "decimals": 0,
        "goals": ("aldre", "sn-nojdhet"),
        "targets": {2025: "82", 2026: "83"},
        "values": _by_period("81", "81", "78", "78", "78"),
    },
    {
        "key": "kontinuitet",
        "title": "Antal personal som en hemtjänsttagare möter under 14 dagar, medelvärde",
        "description": "Mätt under två veckor i mars och oktober för personer med minst två besök per dag.",
        "measure_unit": "antal",
        "direction": "lower",
        "source": "Egen mätning, planeringssystemet",
        "decimals": 0,
        "goals": ("aldre", "sn-kontinuitet"),
        "targets": {2025: "15", 2026: "14"},
        "values": _by_period("16", "16", "15", "14", "14"),
    },
    # Arbetsgivare
    {
        "key": "sjukfranvaro",
        "title": "Sjukfrånvaro bland kommunens medarbetare, andel av ordinarie arbetstid (%)",
        "description": "Total sjukfrånvaro de senaste tolv månaderna för tillsvidare- och visstidsanställda.",
        "measure_unit": "%",
        "direction": "lower",
        "source": "Personalsystemet",
        "by_sex": True,
        "decimals": 1,
        "goals": ("arbetsgivare", "ks-arbetsgivare"),
        "targets": {2025: "6.8", 2026: "6.5"},
        "values": _by_period(
            ("7.4", "8.2", "4.6"),
            ("6.9", "7.6", "4.3"),
            ("7.1", "7.9", "4.4"),
            ("7.0", "7.8", "4.3"),
            ("6.4", "7.1", "3.9"),
        ),
    },
    {
        "key": "hme",
        "title": "Hållbart medarbetarengagemang (HME), totalindex",
        "description": "Index 0–100 för motivation, ledarskap och styrning, från medarbetarenkäten varje höst.",
        "measure_unit": "index",
        "direction": "higher",
        "source": "Medarbetarenkäten",
        "decimals": 0,
        "goals": ("arbetsgivare",),
        "targets": {2025: "80", 2026: "81"},
        "values": _by_period("78", "78", "79", "79", "79"),
    },
    # Näringsliv och arbete
    {
        "key": "ranking",
        "title": "Svenskt Näringslivs ranking av det lokala företagsklimatet, placering",
        "description": "Kommunens placering bland landets 290 kommuner; publiceras i september.",
        "measure_unit": "placering",
        "direction": "lower",
        "source": "Svenskt Näringsliv",
        "decimals": 0,
        "goals": ("naringsliv", "ks-foretagsklimat"),
        "targets": {2025: "120", 2026: "100"},
        "values": _by_period("142", "118", "118", "118", "97"),
    },
    {
        "key": "arbetsloshet",
        "title": "Arbetslöshet 16–64 år, andel av befolkningen (%)",
        "description": "Öppet arbetslösa och sökande i program med aktivitetsstöd, vid periodens slut.",
        "measure_unit": "%",
        "direction": "lower",
        "source": "Arbetsförmedlingen",
        "by_sex": True,
        "decimals": 1,
        "goals": ("naringsliv",),
        "targets": {2025: "6.5", 2026: "6.5"},
        "values": _by_period(
            ("7.2", "6.8", "7.6"),
            ("6.8", "6.5", "7.1"),
            ("7.0", "6.6", "7.4"),
            ("7.5", "7.0", "8.0"),
            ("7.3", "6.9", "7.7"),
        ),
    },
    {
        "key": "bygglov",
        "title": "Handläggningstid för bygglov, median från komplett ansökan till beslut",
        "description": "Median för beslut om bygglov under de senaste tolv månaderna.",
        "measure_unit": "veckor",
        "direction": "lower",
        "source": "Egen mätning, ärendesystemet",
        "decimals": 1,
        "goals": ("mbn-handlaggning",),
        "targets": {2025: "5.0", 2026: "4.5"},
        "values": _by_period("4.8", "5.6", "5.1", "4.2", "3.9"),
    },
    # Attraktiv kommun att bo och leva i
    {
        "key": "invanare",
        "title": "Invånare totalt, antal",
        "description": "Folkmängd vid periodens slut.",
        "measure_unit": "antal",
        "direction": "higher",
        "kolada_kpi": "N01951",
        "source": "SCB via Kolada",
        "decimals": 0,
        "goals": ("boende",),
        "targets": {2025: "25400", 2026: "25500"},
        "values": _by_period("25302", "25331", "25340", "25318", "25366"),
    },
    {
        "key": "byggratter",
        "title": "Obebyggda byggrätter för bostäder i gällande detaljplaner, antal",
        "description": "Bostäder som kan byggas direkt enligt detaljplaner som vunnit laga kraft.",
        "measure_unit": "antal",
        "direction": "higher",
        "source": "Egen mätning, samhällsbyggnadsförvaltningen",
        "decimals": 0,
        "goals": ("boende", "sbn-planberedskap"),
        "targets": {2025: "150", 2026: "200"},
        "values": _by_period("140", "155", "180", "175", "210"),
    },
    {
        "key": "lok",
        "title": "Deltagartillfällen i idrottsföreningar, 7–20 år, antal per invånare",
        "description": "Deltagartillfällen med LOK-stöd de senaste tolv månaderna per invånare 7–20 år.",
        "measure_unit": "antal/inv",
        "direction": "higher",
        "source": "Riksidrottsförbundet, LOK-stöd",
        "by_sex": True,
        "decimals": 1,
        "goals": ("boende", "kfn-foreningsliv"),
        "targets": {2025: "32.0", 2026: "33.0"},
        "values": _by_period(
            ("31.2", "26.1", "36.0"),
            ("30.8", "25.6", "35.7"),
            ("31.5", "26.4", "36.4"),
            ("30.4", "24.9", "35.6"),
            ("29.8", "24.0", "35.3"),
        ),
    },
    {
        "key": "bibliotek",
        "title": "Fysiska besök på folkbiblioteken, antal per invånare",
        "description": "Besök enligt besöksräknarna de senaste tolv månaderna, per invånare.",
        "measure_unit": "antal/inv",
        "direction": "higher",
        "source": "Egen mätning, besöksräknare",
        "decimals": 1,
        "goals": ("kfn-bibliotek",),
        "targets": {2025: "4.2", 2026: "4.4"},
        "values": _by_period("4.1", "4.0", "4.2", "4.3", "4.5"),
    },
    # Klimat och miljö
    {
        "key": "vaxthusgaser",
        "title": "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv.",
        "description": "Territoriella utsläpp inom kommunens gräns. Statistiken publiceras med två års eftersläpning.",
        "measure_unit": "ton CO2e/inv",
        "direction": "lower",
        "kolada_kpi": "N00401",
        "source": "Nationella emissionsdatabasen via Kolada",
        "decimals": 2,
        "goals": ("klimat",),
        "targets": {2025: "5.00", 2026: "4.80"},
        "values": _by_period("5.12", "5.12", "5.12", "4.96", "4.96"),
        "comments": {
            "2025-t1": "Avser 2023",
            "2025-t2": "Avser 2023",
            "2025-bokslut": "Avser 2023",
            "2026-t1": "Avser 2024",
            "2026-t2": "Avser 2024",
        },
    },
    {
        "key": "avfall",
        "title": "Insamlat kommunalt avfall totalt, kg/invånare (justerat)",
        "description": "Hushållsavfall och liknande avfall som kommunen samlar in, per invånare och år.",
        "measure_unit": "kg/inv",
        "direction": "lower",
        "kolada_kpi": "U07801",
        "source": "Avfall Sverige via Kolada; under året egen prognos",
        "decimals": 0,
        "goals": ("klimat", "tn-avfall"),
        "targets": {2025: "460", 2026: "450"},
        "values": _by_period("478", "478", "465", "465", "441"),
        "comments": {"2026-t2": "Prognos utifrån insamlade mängder januari–augusti"},
    },
    {
        "key": "ekologiskt",
        "title": "Ekologiska livsmedel i måltidsverksamheten, andel av inköpskostnaden (%)",
        "description": "Inköp av ekologiska livsmedel i förskolans, skolans och äldreomsorgens kök.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen mätning, inköpsstatistik",
        "decimals": 0,
        "goals": ("tn-maltider",),
        "targets": {2025: "35", 2026: "40"},
        "values": _by_period("31", "33", "34", "38", "41"),
    },
    {
        "key": "fossilfria-fordon",
        "title": "Fossilfria fordon i kommunorganisationen, andel (%)",
        "description": "Personbilar, lätta och tunga fordon som drivs med el, biogas eller HVO.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Egen mätning, fordonsregistret",
        "decimals": 0,
        "goals": ("klimat", "tn-fordon"),
        "targets": {2025: "60", 2026: "70"},
        "values": _by_period("52", "55", "58", "63", "71"),
    },
    {
        "key": "energi",
        "title": "Energianvändning i kommunens verksamhetslokaler, kWh/m²",
        "description": "Värme, el och kyla de senaste tolv månaderna, normalårskorrigerat, per kvadratmeter.",
        "measure_unit": "kWh/m²",
        "direction": "lower",
        "source": "Egen mätning, energiuppföljningssystemet",
        "decimals": 0,
        "goals": ("sbn-energi",),
        "targets": {2025: "160", 2026: "155"},
        "values": _by_period("168", "165", "162", "158", "151"),
    },
    # Trygghet
    {
        "key": "trygghet-utomhus",
        "title": "Invånare som känner sig trygga utomhus kvällstid i sitt bostadsområde, andel (%)",
        "description": "Andel som svarar mycket eller ganska trygg i den årliga trygghetsmätningen.",
        "measure_unit": "%",
        "direction": "higher",
        "source": "Polisens trygghetsmätning",
        "by_sex": True,
        "decimals": 0,
        "goals": ("trygghet", "sbn-trygga-miljoer"),
        "targets": {2025: "75", 2026: "76"},
        "values": _by_period(
            ("71", "62", "80"),
            ("71", "62", "80"),
            ("73", "65", "81"),
            ("73", "65", "81"),
            ("73", "65", "81"),
        ),
    },
)
