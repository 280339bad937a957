"""Each nämnd's and bolag's verksamhetsberättelse for the demo's periods: the delårsrapport
of tertial 2 2025 ("2025-t2"), the 2025 årsredovisning ("2025-bokslut") and the
delårsrapport of tertial 2 2026 ("2026-t2"), in the voice of each body's förvaltningschef or
vd. The figures they cite are the demo's own: the nämnders' forecasts
(economy_data.FORECASTS), Socialnämnden's deficit of 2025 and its åtgärdsplan of 2026, the
projects (economy_data.PROJECTS) and the bolag's results (consolidation_demo)."""

from __future__ import annotations

from apps.accounts.models import User
from apps.followup.body_report_services import body_report_save
from apps.followup.models import BodyReport
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from styrmodell.lib.richtext import sanitise

REASON = "Nämndens verksamhetsberättelse till rapporten (demodata)"
FIELDS = ("important_events", "goal_summary", "economy", "outlook")

# Per period key: the body's ansvarskod → its four texts (important_events, goal_summary,
# economy, outlook), plain text with a blank line between paragraphs.
TEXTS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "2025-t2": {
        "1000": (
            "Kommunstyrelsen antog en ny näringslivsstrategi i mars och har inlett arbetet med "
            "en gemensam e-tjänsteplattform för hela kommunen. Två logistikföretag etablerar "
            "sig vid Norra infarten under hösten.\n\n"
            "HR-avdelningen inför ett nytt system för schemaläggning och tidrapportering i vård "
            "och omsorg, och kommunens arbetsgivarvarumärke lanseras i oktober.",
            "Kommunstyrelsens mål bedöms i huvudsak delvis uppfyllda. Företagsklimatet "
            "förbättras och sjukfrånvaron minskar något, men inte till målnivån. Målet att "
            "nämnderna ska bedriva verksamheten inom sina ramar är osäkert, eftersom "
            "Socialnämnden och Barn- och utbildningsnämnden prognostiserar underskott.",
            "Kommunstyrelsen prognostiserar ett överskott mot budget, främst därför att "
            "medlen för oförutsedda behov inte väntas behövas i år. Kostnaderna för "
            "räddningstjänst och kollektivtrafik följer budget.",
            "Under hösten tar kommunstyrelsen fram budget 2026 med digitalisering och "
            "kompetensförsörjning i välfärden som prioriteringar, och planeringen inför "
            "valen 2026 inleds.",
        ),
        "2000": (
            "Förskolan Blåklinten stängdes vid halvårsskiftet och barnen flyttade till "
            "Förskolan Lärkan, som har byggts ut med två avdelningar. Rivningen av den gamla "
            "förskolan Solrosen har påbörjats.\n\n"
            "Ombyggnaden av Söderskolan har gått in i sin andra etapp med ny matsal och nya "
            "klassrum för årskurs 7–9.",
            "Nämndens mål bedöms delvis uppfyllda. Behörigheten till yrkesprogrammen och "
            "andelen legitimerade lärare ökar men når inte målnivåerna, och tryggheten i skolan"
            " är oförändrad. Målet om att bedriva verksamheten inom ramen är osäkert.",
            "Nämnden prognostiserar ett underskott mot budget, främst för fler barn i "
            "förskolan och fler gymnasieelever i andra kommuners skolor än budgeterat. "
            "Underskottet hanteras inom ramen genom vakanshållning i förvaltningen.",
            "Barnkullarna minskar i förskoleåldern men elevantalet i högstadiet ökar. Nämnden "
            "ser över skolorganisationen och planerar för den nya förskolan Solrosen.",
        ),
        "3000": (
            "Särskilt boende Linden har fått ny ledning och en förstärkt "
            "sjuksköterskebemanning efter IVO:s tillsyn i våras. Hemtjänsten inför digitala "
            "nattkameror hos de brukare som önskar.\n\n"
            "Behovet av placeringar av barn och unga var högt under våren, och nämnden "
            "förbereder ett eget familjehemsteam för placeringar i närområdet.",
            "Kontinuiteten i hemtjänsten har förbättrats och barn och unga får tidigare och mer "
            "samordnade insatser. Nöjdheten i äldreomsorgen bedöms när brukarundersökningen "
            "kommer i oktober. Målet om att bedriva verksamheten inom ramen nås troligen inte.",
            "Nämnden prognostiserar ett underskott mot budget, främst för placeringar av barn "
            "och unga. Placeringarna har minskat något sedan våren, och nämnden bedömer att "
            "underskottet kan hanteras inom ramen genom lägre kostnader för försörjningsstöd "
            "och vakanshållning. Prognosen är osäker om nya placeringar tillkommer under hösten.",
            "Antalet invånare över 80 år fortsätter att öka. Nämnden prioriterar öppenvård och "
            "förebyggande arbete för barn och unga, och planeringen av etapp 2 av Särskilt "
            "boende Eken fortsätter.",
        ),
        "4000": (
            "Sommarlovsaktiviteterna nådde många barn och unga med stöd av statsbidraget för "
            "avgiftsfria lovaktiviteter. Huvudbiblioteket förbereder meröppet med passersystem "
            "och självbetjäning.",
            "Målet om att biblioteken ska nå fler invånare bedöms uppfyllt. Deltagandet i "
            "föreningslivet ökar bland pojkar men inte bland flickor, och målet bedöms delvis "
            "uppfyllt.",
            "Nämnden prognostiserar ett litet överskott, främst därför att föreningsbidragen "
            "blir lägre än budgeterat.",
            "Konstgräsplanen i Idrottsparken byggs under 2026. Nämnden ser över "
            "föreningsbidragen för att de ska gå mer till barn- och ungdomsverksamhet.",
        ),
        "5000": (
            "Detaljplanen för bostadsområdet Västra ängen har antagits och gång- och "
            "cykelvägen vid Norra infarten har påbörjats. Bytet till LED-belysning i tätorten "
            "fortsätter.\n\n"
            "Ombyggnaden av Söderskolan och rivningen för förskolan Solrosen håller tidplanen.",
            "Planberedskapen för nya bostäder bedöms god. Energianvändningen i fastigheterna och"
            " tryggheten på gator och i parker förbättras men når ännu inte målnivåerna.",
            "Nämnden prognostiserar ett överskott mot budget, främst genom lägre "
            "kapitalkostnader när några investeringar blir klara senare än planerat, och "
            "lägre energipriser.",
            "Investeringsvolymen är hög de närmaste åren med förskolan Solrosen, Söderskolan "
            "och etapp 2 av Särskilt boende Eken. Nämnden stärker projektledningen.",
        ),
        "6000": (
            "Antalet bygglovsansökningar har minskat jämfört med i fjol. Miljö- och "
            "hälsoskyddet följer tillsynsplanen och genomför under hösten en särskild kontroll "
            "av enskilda avlopp runt sjön.",
            "Tillsynen enligt plan bedöms i bokslutet, eftersom en stor del av "
            "livsmedelskontrollerna görs under hösten. Handläggningstiderna för bygglov har "
            "förbättrats men alla ärenden avgörs ännu inte inom lagstadgad tid.",
            "Nämnden prognostiserar ett resultat i nivå med budget; lägre intäkter för "
            "bygglov vägs upp av vakanser.",
            "Nämnden förbereder bygglov som e-tjänst och inskanning av det gamla arkivet "
            "under 2026.",
        ),
        "7000": (
            "Upphandlingen av det nya vattenverket i Kvarnby pågår och väntas bli klar under "
            "hösten. Förnyelsen av VA-ledningsnätet följer planen och matsvinnet i skolköken "
            "minskar.",
            "Nämndens mål bedöms delvis uppfyllda. Mer avfall sorteras ut för återvinning, "
            "andelen ekologiska livsmedel ökar och fler fordon drivs med fossilfria drivmedel, "
            "men målnivåerna nås ännu inte.",
            "Nämnden prognostiserar ett litet överskott, främst genom något lägre "
            "livsmedelskostnader. Vatten och avlopp och avfall är taxefinansierade och "
            "redovisas mot sina fonder.",
            "Byggandet av vattenverket i Kvarnby kräver höjda VA-taxor de kommande åren. "
            "Ansökan om miljötillstånd för den nya återvinningscentralen har lämnats in.",
        ),
        "7500": (
            "Inga allmänna val hålls i år. Nämnden har börjat planera valen 2026 och går igenom"
            " vallokalernas tillgänglighet.",
            "Nämnden har inga egna mål för ett år utan val.",
            "Nämnden prognostiserar ett resultat i nivå med budget.",
            "Valen till riksdag, region och kommun hålls i september 2026. Nämnden rekryterar "
            "röstmottagare under hösten.",
        ),
        "8100": (
            "Lägenheterna i kvarteret Hägern blir inflyttningsklara under hösten och "
            "stambytena på Söder har förberetts. Uthyrningsgraden är fortsatt hög.",
            "Målet om 40 nya hyreslägenheter under 2025–2026 följer planen; den första etappen "
            "i kvarteret Hägern blir klar i år.",
            "Bolaget prognostiserar ett positivt resultat för helåret. Högre räntor och "
            "kostnader för underhåll pressar resultatet; hyrorna höjdes från januari.",
            "Bolaget planerar nya lägenheter på Västra ängen och fortsätter stambytena. "
            "Räntekostnaderna väntas ligga kvar på en hög nivå.",
        ),
        "8200": (
            "Energibolaget har anslutit nya fastigheter till fjärrvärmenätet och byter under "
            "sommaren och hösten ut de äldsta ledningarna. Biobränslepannan hade god "
            "tillgänglighet under vintern.",
            "Målet om förnybar och återvunnen fjärrvärme bedöms i bokslutet; hittills i år har "
            "ingen fossil olja använts.",
            "Bolaget prognostiserar ett positivt resultat för helåret, något över budget tack "
            "vare en kall vår.",
            "Bolaget utreder solpark och lagring av värme.",
        ),
    },
    "2025-bokslut": {
        "1000": (
            "Kommunstyrelsen antog en ny näringslivsstrategi i mars och inledde arbetet med "
            "en gemensam e-tjänsteplattform för hela kommunen. Etableringen av två nya "
            "logistikföretag vid Norra infarten gav omkring 120 nya arbetstillfällen.\n\n"
            "HR-avdelningen införde ett nytt system för schemaläggning och tidrapportering i "
            "vård och omsorg, och kommunens arbetsgivarvarumärke lanserades under hösten.",
            "Av kommunstyrelsens tre mål är ett uppfyllt, ett delvis uppfyllt och ett inte "
            "uppfyllt. Företagsklimatet har förbättrats enligt Svenskt Näringslivs enkät och "
            "sjukfrånvaron har minskat något, men inte till målnivån.\n\nMålet att nämnderna ska "
            "bedriva verksamheten inom sina ramar nås inte, eftersom Socialnämnden och Barn- och "
            "utbildningsnämnden redovisar underskott.",
            "Kommunstyrelsen redovisar ett överskott mot budget, främst därför att medlen för "
            "oförutsedda behov inte behövde tas i anspråk. Kostnaderna för räddningstjänst och "
            "kollektivtrafik följde budget.",
            "Under 2026 prioriteras digitaliseringen av kommunens tjänster, "
            "kompetensförsörjningen i välfärden och förberedelserna inför valen i september. "
            "Rekryteringsbehovet i vård, skola och omsorg väntas öka de kommande fem åren.",
        ),
        "2000": (
            "Förskolan Blåklinten stängdes vid halvårsskiftet och barnen flyttade till "
            "Förskolan Lärkan, som byggdes ut med två avdelningar. Rivningen av den gamla "
            "förskolan Solrosen påbörjades inför nybyggnaden.\n\n"
            "Ombyggnaden av Söderskolan gick in i sin andra etapp med ny matsal och nya "
            "klassrum för årskurs 7–9. Alla elever i årskurs 4–9 fick egna datorer.",
            "Tre av nämndens fyra mål är delvis uppfyllda och ett är inte uppfyllt. Behörigheten "
            "till yrkesprogrammen och andelen legitimerade lärare har ökat men når inte "
            "målnivåerna, och tryggheten i skolan är oförändrad. Målet om att bedriva verksamheten"
            " inom ramen nås inte.",
            "Nämnden redovisar ett underskott mot budget, främst för fler barn i förskolan och "
            "fler gymnasieelever i andra kommuners skolor än budgeterat. Underskottet har "
            "delvis mötts genom vakanshållning i förvaltningen.",
            "Barnkullarna minskar i förskoleåldern men elevantalet i högstadiet och gymnasiet "
            "ökar de närmaste åren. Nämnden ser över skolorganisationen och planerar för den "
            "nya förskolan Solrosen, som tas i bruk 2027.",
        ),
        "3000": (
            "Behovet av placeringar av barn och unga ökade kraftigt under hösten, och "
            "nämnden startade ett eget familjehemsteam för att kunna erbjuda fler placeringar "
            "i närområdet. Hemtjänsten införde digitala nattkameror hos de brukare som önskar.\n\n"
            "Särskilt boende Linden fick ny ledning och en förstärkt sjuksköterskebemanning "
            "efter IVO:s tillsyn i våras.",
            "Två av nämndens fyra mål är uppfyllda, ett delvis och ett inte uppfyllt. Den som har "
            "hemtjänst möter färre olika medarbetare, och barn och unga har fått tidigare och mer "
            "samordnade insatser. Nöjdheten i äldreomsorgen är delvis uppfylld och målet om att "
            "bedriva verksamheten inom ramen nås inte.",
            "Nämnden redovisar ett underskott på 14 mnkr mot budget. Placeringarna av barn och "
            "unga står för den största delen; lägre kostnader för försörjningsstöd och "
            "vakanshållning har inte räckt för att väga upp dem.",
            "Antalet invånare över 80 år ökar med omkring fyra procent per år. Nämnden "
            "prioriterar öppenvård och förebyggande arbete för barn och unga, och planeringen "
            "av etapp 2 av Särskilt boende Eken fortsätter.",
        ),
        "4000": (
            "Huvudbiblioteket förberedde meröppet med passersystem och självbetjäning. "
            "Sommarlovsaktiviteterna nådde drygt 1 400 barn och unga, med stöd av statsbidraget "
            "för avgiftsfria lovaktiviteter.",
            "Ett av nämndens två mål är uppfyllt: biblioteken når fler invånare, både på plats och"
            " digitalt. Målet om fler barn och unga i föreningslivet är delvis uppfyllt; "
            "deltagandet ökar bland pojkar men inte bland flickor.",
            "Nämnden redovisar ett litet överskott, främst därför att föreningsbidragen blev "
            "lägre än budgeterat.",
            "Konstgräsplanen i Idrottsparken byggs under 2026. Nämnden ser över "
            "föreningsbidragen för att de ska gå mer till barn- och ungdomsverksamhet.",
        ),
        "5000": (
            "Detaljplanen för bostadsområdet Västra ängen vann laga kraft och ger plats för "
            "omkring 220 bostäder. Gång- och cykelvägen vid Norra infarten påbörjades och bytet "
            "till LED-belysning i tätorten fortsatte.\n\n"
            "Ombyggnaden av Söderskolan och rivningen för förskolan Solrosen höll tidplanen.",
            "Ett av nämndens tre mål är uppfyllt och två delvis. Det finns planlagd mark för fler "
            "än 200 nya bostäder, medan energianvändningen i fastigheterna och tryggheten på gator"
            " och i parker har förbättrats men inte nått målnivåerna.",
            "Nämnden redovisar ett överskott mot budget, främst genom lägre kapitalkostnader "
            "när några investeringar blev klara senare än planerat, och lägre energipriser.",
            "Investeringsvolymen är fortsatt hög de närmaste åren med förskolan Solrosen, "
            "Söderskolan och etapp 2 av Särskilt boende Eken. Nämnden stärker projektledningen "
            "för att hålla tidplaner och kalkyler.",
        ),
        "6000": (
            "Antalet bygglovsansökningar minskade med omkring 15 procent jämfört med året "
            "innan. Miljö- och hälsoskyddet genomförde den planerade tillsynen av "
            "livsmedelsverksamheter och en särskild kontroll av enskilda avlopp runt sjön.",
            "Ett av nämndens två mål är uppfyllt: den planerade tillsynen har genomförts. Målet om"
            " snabb och rättssäker bygglovshantering är delvis uppfyllt; nio av tio ärenden "
            "avgjordes inom lagstadgad tid.",
            "Nämnden redovisar ett resultat i nivå med budget; lägre intäkter för bygglov "
            "vägdes upp av vakanser.",
            "Bygglovshanteringen blir en e-tjänst under 2026 och det gamla arkivet skannas in. "
            "Nya krav på tillsyn av enskilda avlopp ökar arbetsbelastningen.",
        ),
        "7000": (
            "Upphandlingen av det nya vattenverket i Kvarnby blev klar i november, senare än "
            "planerat. Förnyelsen av VA-ledningsnätet fortsatte enligt plan och "
            "matsvinnet i skolköken minskade med en femtedel.",
            "Nämndens tre mål är delvis uppfyllda. Mer avfall sorteras ut för återvinning, andelen"
            " ekologiska livsmedel har ökat och fler fordon drivs med fossilfria drivmedel, men "
            "ingen av målnivåerna nås ännu.",
            "Nämnden redovisar ett litet överskott, främst genom lägre livsmedelskostnader. "
            "Vatten och avlopp och avfall är taxefinansierade och redovisas mot sina fonder.",
            "Byggandet av vattenverket i Kvarnby pågår 2026–2028 och kräver höjda VA-taxor. "
            "Den nya återvinningscentralen väntar på miljötillstånd.",
        ),
        "7500": (
            "Inga allmänna val hölls under året. Nämnden planerade valen 2026, rekryterade "
            "röstmottagare och gick igenom vallokalernas tillgänglighet.",
            "Nämnden har inga egna mål för ett år utan val. Inför 2026 har nämnden beslutat om "
            "målet att valen ska genomföras säkert och med god tillgänglighet för alla väljare.",
            "Nämnden redovisar ett resultat i nivå med budget.",
            "Valen till riksdag, region och kommun hålls i september 2026. Förtidsröstningen "
            "utökas med en mobil röstningslokal.",
        ),
        "8100": (
            "Bostadsbolaget färdigställde 24 nya lägenheter i kvarteret Hägern och påbörjade "
            "stambyten i 60 lägenheter på Söder. Uthyrningsgraden var i genomsnitt 99 procent.",
            "Målet om 40 nya hyreslägenheter under 2025–2026 är delvis uppfyllt: 24 lägenheter i "
            "kvarteret Hägern blev klara under året och de återstående 16 blir klara 2026.",
            "Resultatet efter finansiella poster och skatt blev 3,3 mnkr. Högre räntor och "
            "kostnader för underhåll har pressat resultatet; hyrorna höjdes med 4,5 procent "
            "från januari.",
            "Bolaget planerar omkring 40 nya lägenheter på Västra ängen och fortsätter "
            "stambytena. Räntekostnaderna väntas ligga kvar på en hög nivå.",
        ),
        "8200": (
            "Energibolaget anslöt 35 nya fastigheter till fjärrvärmenätet och bytte ut två "
            "kilometer av de äldsta ledningarna. Biobränslepannan hade god tillgänglighet hela "
            "vintern.",
            "Ägardirektivets mål är uppfyllt: fjärrvärmen har under hela året producerats med "
            "förnybara och återvunna bränslen.",
            "Resultatet efter bokslutsdispositioner och skatt blev 2,7 mnkr, något över "
            "budget tack vare en kall vår.",
            "Bolaget utreder solpark och lagring av värme. Nya regler för leveranssäkerhet "
            "kräver investeringar i reservkraft.",
        ),
    },
    "2026-t2": {
        "1000": (
            "Kommunstyrelsen har inlett arbetet med den nya e-tjänsteplattformen och de första "
            "tjänsterna, bland annat ansökan om bygglov, öppnade i juni. Ett nytt trådlöst nät "
            "byggs ut i skolor och förvaltningar.\n\n"
            "Inför valen i september har kommunledningsförvaltningen stöttat valnämnden med "
            "lokaler och kommunikation.",
            "Av kommunstyrelsens tre mål bedöms ett uppfyllt, ett delvis och ett inte uppfyllt. "
            "Sjukfrånvaron har minskat till målnivån och företagsklimatet fortsätter att "
            "förbättras. Målet att nämnderna ska bedriva verksamheten inom sina ramar nås inte, "
            "eftersom Socialnämnden prognostiserar ett underskott.",
            "Kommunstyrelsen prognostiserar ett överskott på 4 mnkr, främst därför att medlen "
            "för oförutsedda behov inte väntas behövas i år.",
            "Efter valet ska den nya mandatperiodens mål och budget tas fram. "
            "Kommunstyrelsen följer Socialnämndens åtgärdsplan noga och rapporterar till "
            "fullmäktige i december.",
        ),
        "2000": (
            "Den nya skolgården vid Norrskolan blev klar till skolstarten i augusti och alla "
            "elever i årskurs 4–9 har egna datorer. Ombyggnaden av Söderskolan går in i sin "
            "sista etapp.\n\n"
            "Elevhälsan har förstärkts med en skolkurator för att möta den ökade psykiska "
            "ohälsan bland elever i högstadiet.",
            "Ett av nämndens fyra mål bedöms uppfyllt och tre delvis. Nämnden bedriver "
            "verksamheten inom ramen. Behörigheten till yrkesprogrammen, tryggheten och andelen "
            "legitimerade lärare har förbättrats men når ännu inte målnivåerna.",
            "Nämnden prognostiserar ett överskott på 0,6 mnkr. Fler gymnasieelever i andra "
            "kommuner än budgeterat vägs upp av lägre kostnader i vuxenutbildningen.",
            "Den nya förskolan Solrosen tas i bruk 2027. Elevantalet i högstadiet ökar och "
            "nämnden behöver fler behöriga lärare i matematik och naturvetenskap.",
        ),
        "3000": (
            "Placeringarna av barn och unga har fortsatt att öka under sommaren och "
            "hemtjänsten har beviljat fler timmar än budgeterat. Nämnden beslutade i september "
            "om en åtgärdsplan för att få kostnaderna i balans.\n\n"
            "Välfärdstekniken i hemtjänsten har byggts ut med digitala lås hos alla brukare.",
            "Av nämndens fyra mål bedöms ett uppfyllt, ett delvis och ett inte uppfyllt; ett "
            "bedöms först vid årets slut. Kontinuiteten i hemtjänsten är fortsatt god. Målet om "
            "att bedriva verksamheten inom ramen nås inte, och nöjdheten i äldreomsorgen bedöms "
            "när brukarundersökningen kommer i oktober.",
            "Nämnden prognostiserar ett underskott på 18 mnkr, främst för placeringar av barn "
            "och unga och för hemtjänsten. Underskottet ryms inte inom nämndens ram. "
            "Åtgärdsplanen väntas minska underskottet med omkring 7,5 mnkr i år.",
            "Åtgärderna ska ge full effekt 2027: utbyggd öppenvård och fler familjehem, "
            "bemanning efter faktisk tid i hemtjänsten och anställningsstopp för "
            "administrativa tjänster. Behovet av äldreomsorg fortsätter att öka.",
        ),
        "4000": (
            "Huvudbiblioteket har öppnat som meröppet bibliotek och besöken kvällstid ökar. "
            "Arbetet med konstgräsplanen i Idrottsparken pågår; dräneringen måste göras om och "
            "planen blir klar i oktober.",
            "Ett av nämndens två mål bedöms uppfyllt: biblioteket når fler invånare sedan det blev"
            " meröppet. Deltagandet i föreningslivet bland barn och unga ökar men når inte "
            "målnivån.",
            "Nämnden prognostiserar ett överskott på 0,4 mnkr, främst lägre föreningsbidrag "
            "än budgeterat. Konstgräsplanen blir omkring 1,7 mnkr dyrare än beslutat.",
            "Nämnden ser över föreningsbidragen inför 2027 och planerar för fler "
            "lovaktiviteter för barn och unga.",
        ),
        "5000": (
            "Gång- och cykelvägen vid Norra infarten och den nya bron över ån blev klara i juni. "
            "Byggandet av förskolan Solrosen följer tidplanen, och projekteringen av etapp 2 av "
            "Särskilt boende Eken har påbörjats.",
            "Ett av nämndens tre mål bedöms uppfyllt: energianvändningen i fastigheterna minskar. "
            "Planberedskapen och tryggheten på gator och i parker bedöms i bokslutet, när årets "
            "planbeslut och trygghetsmätning är klara.",
            "Nämnden prognostiserar ett överskott på 2,5 mnkr, främst genom lägre "
            "energipriser och en mild vinter. Gång- och cykelvägen blev dyrare än beslutat "
            "när brons grundläggning fick göras om.",
            "Investeringsvolymen är hög 2027 med förskolan Solrosen och Särskilt boende Eken. "
            "Nämnden förbättrar kalkylerna inför beslut för att undvika fler "
            "överskridanden.",
        ),
        "6000": (
            "Bygglov kan sedan juni sökas som e-tjänst och inskanningen av det gamla arkivet "
            "är klar. Antalet ansökningar har fortsatt att minska.",
            "Målet om snabb och rättssäker bygglovshantering bedöms uppfyllt. Tillsynen enligt "
            "plan bedöms i bokslutet, eftersom en stor del av livsmedelskontrollerna görs under "
            "hösten.",
            "Nämnden prognostiserar ett underskott på 0,3 mnkr för lägre intäkter för bygglov. "
            "Det hanteras inom ramen genom att en tjänst lämnas vakant hösten ut.",
            "Nämnden anpassar bemanningen efter den lägre byggtakten och prioriterar tillsynen "
            "av enskilda avlopp.",
        ),
        "7000": (
            "Bygget av vattenverket i Kvarnby har startat och förnyelsen av ledningsnätet på "
            "Storgatan är klar. Tre tillagningskök har fått nya ugnar och diskmaskiner.",
            "Ett av nämndens tre mål bedöms uppfyllt: mängden avfall per invånare minskar och mer "
            "återvinns. Andelen ekologiska livsmedel och andelen fossilfria fordon ökar men når "
            "inte målnivåerna.",
            "Nämnden prognostiserar ett överskott på 1 mnkr, främst lägre "
            "livsmedelskostnader i kosten. Den nya återvinningscentralen är pausad i väntan på "
            "miljötillstånd.",
            "VA-taxan behöver höjas 2027 för att finansiera vattenverket. Nämnden väntar på "
            "länsstyrelsens besked om återvinningscentralen.",
        ),
        "7500": (
            "Förtidsröstningen inför valen den 13 september öppnade den 26 augusti i "
            "medborgarkontoret, biblioteket och en mobil röstningslokal.",
            "Målet om säkra och tillgängliga val bedöms efter valen i september.",
            "Nämnden prognostiserar ett resultat i nivå med budget; de slutliga kostnaderna "
            "för valet kommer i oktober.",
            "Efter valet utvärderar nämnden den mobila röstningslokalen inför valet 2030.",
        ),
        "8100": (
            "De sista 16 lägenheterna i kvarteret Hägern blir inflyttningsklara i november, och "
            "markarbetena för omkring 40 lägenheter på Västra ängen har påbörjats. Stambytena "
            "på Söder fortsätter och uthyrningsgraden är 99 procent.",
            "Målet om 40 nya hyreslägenheter under 2025–2026 bedöms i bokslutet; de sista 16 "
            "lägenheterna i kvarteret Hägern blir inflyttningsklara i november.",
            "Bolaget prognostiserar ett resultat på 3,9 mnkr för helåret. Räntekostnaderna är "
            "något högre än budgeterat och vägs upp av lägre kostnader för uppvärmning.",
            "Nyproduktionen på Västra ängen finansieras med nya lån, vilket ökar bolagets "
            "räntekänslighet de kommande åren.",
        ),
        "8200": (
            "Energibolaget har anslutit 20 nya fastigheter till fjärrvärmenätet och påbörjat "
            "förstudien om solpark.",
            "Målet om förnybar och återvunnen fjärrvärme bedöms i bokslutet; hittills i år har "
            "ingen fossil olja använts.",
            "Bolaget prognostiserar ett resultat på 2,2 mnkr för helåret, något lägre än 2025 "
            "till följd av högre underhållskostnader.",
            "Investeringar i reservkraft och i ledningsnätet ökar de närmaste åren.",
        ),
    },
}


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
    texts = TEXTS.get(key)
    if not texts:
        return
    bodies = {u.ansvarskod: u for u in Unit.objects.filter(ansvarskod__in=list(texts))}
    stored = {r.unit_id: r for r in BodyReport.objects.filter(period=period)}
    for code, values in texts.items():
        body = bodies[code]
        found = stored.get(body.pk)
        wanted = dict(zip(FIELDS, values, strict=True))
        if found is not None and all(
            getattr(found, name) == sanitise(text) for name, text in wanted.items()
        ):
            continue  # a second run changes nothing
        body_report_save(
            actor=admin,
            period=period,
            unit=body,
            reason=REASON,
            version=found.version if found is not None else 0,
            **wanted,
        )
