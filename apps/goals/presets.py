"""The five seed kommuners' styrmodeller as data (see ../shared/seeds/).

Each preset names its levels top-down: key, name, plural, decided by, the keys of the
levels it may sit under, measurable, uses perspectives, financial, horizon in years, owner
scope. Its foundation elements (värdegrund, ledord, ledarfilosofi, guiding principles) are
the documents' own words; when and in which paragraph they were decided is not in the
documents, so the administrator records that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BALANCED_SCORECARD = [
    ("ekonomi", "Ekonomi"),
    ("invanare", "Invånare och brukare"),
    ("verksamhet", "Verksamhet och medarbetare"),
    ("utveckling", "Utveckling"),
]
SUSTAINABILITY = [
    ("ekonomisk", "Ekonomisk hållbarhet"),
    ("ekologisk", "Ekologisk hållbarhet"),
    ("social", "Social hållbarhet"),
]


@dataclass(frozen=True)
class LevelSpec:
    key: str
    name: str
    name_plural: str
    decided_by: str
    parents: tuple[str, ...] = ()
    is_measurable: bool = True
    uses_perspective: bool = False
    is_financial: bool = False
    horizon_years: int | None = None
    owner_scope: str = "any"


@dataclass(frozen=True)
class FoundationSpec:
    """A foundation element as the document words it; ``horizon_years``: the longest period
    it may be decided for (Ale: värdegrund on eight years)."""

    kind: str
    title: str
    text: str = ""
    horizon_years: int | None = None


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    description: str
    levels: tuple[LevelSpec, ...]
    perspectives: list[tuple[str, str]] = field(default_factory=list)
    values: str = ""
    foundations: tuple[FoundationSpec, ...] = ()
    uses_committee_goals: bool = True
    uses_assignments: bool = True
    uses_basic_missions: bool = True
    uses_external_factors: bool = False
    uses_status_reports: bool = False
    uses_trust_dialogues: bool = False
    uses_agenda_2030: bool = False
    uses_sustainability_aspects: bool = False
    bodies_report_on_council_goals: bool = False
    follows_up_basic_missions: bool = False
    follows_up_assignments: bool = False
    operations_plan_decided_by: str = "body"

    @property
    def municipality(self) -> str:
        """The kommun whose model it is ("Borlänge"), as its name begins."""
        return self.name.split(":")[0]

    def foundation_horizon(self, kind: str) -> int | None:
        """The longest period the document allows for a foundation element of ``kind``."""
        horizons = [s.horizon_years for s in self.foundations if s.kind == kind and s.horizon_years]
        return min(horizons) if horizons else None


def _bullets(*lines: str) -> str:
    """The document's bullet list as the sanitised HTML a foundation element's text holds."""
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


PRESETS: dict[str, Preset] = {
    "vimmerby": Preset(
        key="vimmerby",
        name="Vimmerby: mål- och resultatstyrning",
        description=(
            "Vision, strategisk plan och KF:s inriktningsmål och finansiella mål med indikatorer; "
            "nämndmål per perspektiv i det balanserade styrkortet; verksamhets- och enhetsplaner; "
            "uppdrag och grunduppdrag; tre uppföljningar om året."
        ),
        values="ansvar, mod, fantasi",
        perspectives=BALANCED_SCORECARD,
        levels=(
            LevelSpec("vision", "Vision", "Vision", "kf", is_measurable=False),
            LevelSpec("inriktningsmal", "Inriktningsmål", "Inriktningsmål", "kf", ("vision",),
                      horizon_years=4),
            LevelSpec("finansiellt-mal", "Finansiellt mål", "Finansiella mål", "kf", ("vision",),
                      is_financial=True, horizon_years=4),
            LevelSpec("namndmal", "Nämndmål", "Nämndmål", "body",
                      ("inriktningsmal", "finansiellt-mal"), uses_perspective=True),
            LevelSpec("verksamhetsmal", "Verksamhetsmål", "Verksamhetsmål", "administration",
                      ("namndmal",), uses_perspective=True),
        ),
        foundations=(
            FoundationSpec("vardegrund", "Ansvar, mod och fantasi",
                           "<p>Den av kommunfullmäktige fastslagna värdegrunden – ansvar, mod och "
                           "fantasi – ska genomsyra förhållningssättet hos alla som verkar inom "
                           "den kommunala organisationen.</p>"),
        ),
    ),
    "ale": Preset(
        key="ale",
        name="Ale: tillitsbaserad styrning och ledning",
        description=(
            "Vision och värdegrund på åtta år; riktningsmål och omvärldsfaktorer på fyra år; "
            "nämndernas och bolagens nulägesbeskrivning varje år; tillitsdialoger inom nämnden, "
            "mellan sektorer och bolag och mellan kommunstyrelsen och nämnderna."
        ),
        levels=(
            LevelSpec("vision", "Vision", "Vision", "kf", is_measurable=False, horizon_years=8),
            LevelSpec("riktningsmal", "Riktningsmål", "Riktningsmål", "kf", ("vision",),
                      horizon_years=4),
            LevelSpec("namndens-mal", "Nämndens mål", "Nämndernas mål", "body", ("riktningsmal",)),
        ),
        foundations=(
            FoundationSpec("vardegrund", "Värdegrund",
                           "<p>Kommunfullmäktige fastställer kommunens värdegrund som visar på "
                           "vilka grunder kommunens anställda ska förstå sitt uppdrag. I "
                           "värdegrunden definieras de värden kommunfullmäktige ser som särskilt "
                           "rådande för alla anställda att förhålla sig till. Värdegrunden "
                           "fastställs på åtta år och löper således över mandatperioder.</p>",
                           horizon_years=8),
            FoundationSpec("princip", "Tillit",
                           "<p>Sträva efter att som utgångspunkt välja att lita på dem du "
                           "samarbetar med och ha positiva förväntningar.</p>"),
            FoundationSpec("princip", "Medborgarfokus",
                           "<p>Sätt medborgaren och brukarens upplevelse samt kunskap i fokus och "
                           "försök förstå vad som värdesätts.</p>"),
            FoundationSpec("princip", "Helhetssyn",
                           "<p>Uppmuntra alla i styrkedjan att aktivt och gemensamt ta ansvar för "
                           "helheten, det vill säga medledarskap, och samverka över gränser.</p>"),
            FoundationSpec("princip", "Handlingsutrymme",
                           "<p>Delegera befogenheter och mandat, välkomna medbestämmande.</p>"),
            FoundationSpec("princip", "Stöd",
                           "<p>Säkerställ ett verksamhetsnära, serviceinriktat och kvalificerat "
                           "professionellt, administrativt och psykosocialt stöd i "
                           "kärnverksamheten.</p>"),
            FoundationSpec("princip", "Kunskap",
                           "<p>Premiera kunskapsutveckling, ständigt lärande och en praktik "
                           "baserad på vetenskap och beprövad erfarenhet.</p>"),
            FoundationSpec("princip", "Öppenhet",
                           "<p>Sträva efter öppenhet genom att dela information, välkomna "
                           "oliktankande och respektera kritik.</p>"),
        ),
        uses_external_factors=True,
        uses_status_reports=True,
        uses_trust_dialogues=True,
        # Every nämnd and bolag reasons about every riktningsmål; its own goals are optional
        # (nothing forces them).
        bodies_report_on_council_goals=True,
    ),
    "vadstena": Preset(
        key="vadstena",
        name="Vadstena: verksamhetsfokuserad styrning och ledning",
        description=(
            "Inga nämndspecifika mål: grunduppdraget och de lokala politiska uppdragen styr, "
            "följda med etablerade indikatorer och bedömda i tre hållbarhetsdimensioner."
        ),
        perspectives=SUSTAINABILITY,
        # The document has no vision: the politiska inriktningen stands at the top.
        levels=(
            LevelSpec("politisk-inriktning", "Politisk inriktning", "Politiska inriktningar", "kf",
                      uses_perspective=True, horizon_years=4),
        ),
        uses_committee_goals=False,
        uses_status_reports=True,
        uses_trust_dialogues=True,
        uses_sustainability_aspects=True,
        follows_up_basic_missions=True,
        follows_up_assignments=True,
    ),
    "borlange": Preset(
        key="borlange",
        name="Borlänge: kvalitetsledning och planeringsprocess",
        description=(
            "Strategisk plan med ekonomiska ramar och mål för god ekonomisk hushållning med "
            "indikatorer; nämndplan och verksamhetsplan; kvalitetsledningssystem med avvikelse-, "
            "klagomåls- och synpunktshantering."
        ),
        levels=(
            LevelSpec("god-hushallning", "Mål för god ekonomisk hushållning",
                      "Mål för god ekonomisk hushållning", "kf", horizon_years=4),
            # The financial ones among them (KL 11:1) are computed from the key figures.
            LevelSpec("finansiella-mal", "Finansiella mål för god ekonomisk hushållning",
                      "Finansiella mål för god ekonomisk hushållning", "kf", is_financial=True,
                      horizon_years=4),
            LevelSpec("namndmal", "Nämndmål", "Nämndmål", "body",
                      ("god-hushallning", "finansiella-mal")),
            LevelSpec("verksamhetsmal", "Verksamhetsmål", "Verksamhetsmål", "administration",
                      ("namndmal",)),
        ),
        foundations=(
            FoundationSpec("ledord", "Decentralisering"),
            FoundationSpec("ledord", "Förenkling"),
            FoundationSpec("ledord", "Tillgänglighet"),
            FoundationSpec("ledord", "Effektivisering"),
            FoundationSpec("ledord", "Koncernnytta"),
            FoundationSpec("vardegrund", "Jag finns här för Borlängebon",
                           "<p>Det innebär att jag har fokus på mitt uppdrag. Jag är professionell "
                           "och trevlig i mitt bemötande.</p>"
                           "<p>Att vi har Borlängebon i fokus och hjälper oss att förstå syftet "
                           "med verksamheten och vem vi finns till för. Det innebär att vi blir "
                           "duktiga på att lyssna på Borlängebon och anpassar verksamheten utifrån "
                           "deras behov och kan leverera de tjänster som efterfrågas på ett "
                           "effektivare sätt.</p>"),
            FoundationSpec("vardegrund", "Jag gillar utmaningar",
                           "<p>Det innebär att jag vågar tänka nytt och bidrar till förändring. "
                           "Jag vill utvecklas och växa. Jag är stolt över mitt arbete.</p>"
                           "<p>Våra medarbetare har stor delaktighet i förbättringsarbetet då vi "
                           "tror på att det är de som har störst kunskap om verksamheten. Genom "
                           "att få medarbetarna att ”känna” målen och inriktningen för "
                           "verksamheten blir behovet av detaljstyrning mindre och vi skapar en "
                           "större arbetsglädje i organisationen.</p>"),
            FoundationSpec("vardegrund", "Jag möter varje människa med öppenhet",
                           "<p>Det innebär att jag visar respekt för alla jag möter. Jag har "
                           "tilltro till människor och ser allas lika värde.</p>"
                           "<p>Vi arbetar för en organisation utan fördomar och med ett trevligt "
                           "bemötande, både inom organisationen och mot våra Borlängebor. Genom "
                           "dialog med Borlängeborna kan vi ge ännu bättre service i Sveriges "
                           "trevligaste stad.</p>"),
            FoundationSpec("ledarskap", "Tydlig ledare", _bullets(
                "Jag tar ansvar för verksamheten och för att uppsatta mål nås.",
                "Jag tar ansvar för att Borlänge kommuns värdegrund levandegörs i min "
                "verksamhet.",
                "Jag är ett föredöme, det är mina handlingar som räknas.",
            )),
            FoundationSpec("ledarskap", "Modig ledare", _bullets(
                "Jag vågar agera.",
                "Jag uppmuntrar och stödjer kreativitet och initiativkraft.",
                "Jag strävar efter att förstå helheten och är lojal med fattade beslut.",
            )),
            FoundationSpec("ledarskap", "Kommunikativ ledare", _bullets(
                "Jag skapar delaktighet i syfte att nå verksamhetens mål.",
                "Jag skapar entusiasm inför en uppgift genom samverkan och samarbete.",
            )),
            FoundationSpec("ledarskap", "Långsiktig ledare", _bullets(
                "Jag skapar tid för reflektion för mig och för mina medarbetare.",
                "Jag reflekterar inför viktiga eller svåra beslut om vilka värden som är "
                "viktiga.",
            )),
            FoundationSpec("ledarskap", "Coachande ledare", _bullets(
                "Jag vill att mina medarbetare ska växa och utvecklas.",
                "Jag visar inlevelse i mina medmänniskors behov.",
                "Jag följer upp och återkopplar genom att ge feedback.",
            )),
        ),
        bodies_report_on_council_goals=True,
        # The nämndplan is the nämnd's; the verksamhetsplan builds on it and is the förvaltning's.
        operations_plan_decided_by="administration",
    ),
    "alvesta": Preset(
        key="alvesta",
        name="Alvesta: tillitsbaserad styrning med Agenda 2030",
        description=(
            "Tillitsbaserad ledning och styrning med fokus på Agenda 2030: ekonomisk, social och "
            "miljömässig hållbarhet; värdeorden delaktighet, engagemang och tillit."
        ),
        values="delaktighet, engagemang, tillit",
        perspectives=SUSTAINABILITY,
        levels=(
            LevelSpec("vision", "Vision", "Vision", "kf", is_measurable=False),
            LevelSpec("kommunmal", "Kommunmål", "Kommunmål", "kf", ("vision",),
                      uses_perspective=True, horizon_years=4),
            LevelSpec("namndmal", "Nämndmål", "Nämndmål", "body", ("kommunmal",),
                      uses_perspective=True, owner_scope="committees"),
            LevelSpec("bolagsmal", "Bolagsmål", "Bolagsmål", "body", ("kommunmal",),
                      uses_perspective=True, owner_scope="companies"),
        ),
        foundations=(
            FoundationSpec("vardegrund", "Värdegrund",
                           "<p>Tillsammans skapar vi en bättre vardag för våra invånare och oss "
                           "medarbetare. Vi utvecklas genom goda möten och öppen dialog.</p>"
                           "<p>Det här uppnår vi genom våra tre värdeord: delaktighet, "
                           "engagemang och tillit.</p>"),
            FoundationSpec("princip", "Politisk neutral",
                           "<p>Ska fungera oavsett politikens innehåll och över tid, samtidigt som "
                           "den politiska viljeinriktningen ska få genomslag i "
                           "verksamheterna.</p>"),
            FoundationSpec("princip", "Struktur och kultur",
                           "<p>Måste integreras och implementeras i hela koncernen för att få "
                           "effekt och genomslag.</p>"),
            FoundationSpec("princip", "Tillitsbaserad styrning",
                           "<p>Fokus på verksamhetens uppdrag och invånarnas behov för att skapa "
                           "ett förtroendefullt samarbete mellan alla aktörer, både internt och "
                           "externt.</p>"),
            FoundationSpec("princip", "Hållbar utveckling",
                           "<p>Grundar sig i de globala målen i den politiska deklarationen "
                           "Agenda 2030 om ekonomisk, social och miljömässig hållbarhet.</p>"),
            FoundationSpec("princip", "Gemensamt arbetssätt",
                           "<p>För planering och uppföljning där vi kan lära av varandra, "
                           "förbättra kvaliteten och utveckla verksamheten.</p>"),
        ),
        uses_status_reports=True,
        uses_trust_dialogues=True,
        uses_agenda_2030=True,
    ),
}  # fmt: skip
