"""The five seed kommuners' styrmodeller as data (see ../shared/seeds/).

Each preset names its levels top-down: key, name, plural, decided by, the keys of the
levels it may sit under, measurable, uses perspectives, financial, horizon in years.
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


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    description: str
    levels: tuple[LevelSpec, ...]
    perspectives: list[tuple[str, str]] = field(default_factory=list)
    values: str = ""
    uses_committee_goals: bool = True
    uses_assignments: bool = True
    uses_basic_missions: bool = True
    uses_external_factors: bool = False
    uses_status_reports: bool = False
    uses_trust_dialogues: bool = False


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
        uses_external_factors=True,
        uses_status_reports=True,
        uses_trust_dialogues=True,
    ),
    "vadstena": Preset(
        key="vadstena",
        name="Vadstena: verksamhetsfokuserad styrning och ledning",
        description=(
            "Inga nämndspecifika mål: grunduppdraget och de lokala politiska uppdragen styr, "
            "följda med etablerade indikatorer och bedömda i tre hållbarhetsdimensioner."
        ),
        perspectives=SUSTAINABILITY,
        levels=(
            LevelSpec("vision", "Vision", "Vision", "kf", is_measurable=False),
            LevelSpec("politisk-inriktning", "Politisk inriktning", "Politiska inriktningar", "kf",
                      ("vision",), uses_perspective=True, horizon_years=4),
        ),
        uses_committee_goals=False,
        uses_status_reports=True,
        uses_trust_dialogues=True,
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
            LevelSpec("namndmal", "Nämndmål", "Nämndmål", "body", ("god-hushallning",)),
            LevelSpec("verksamhetsmal", "Verksamhetsmål", "Verksamhetsmål", "administration",
                      ("namndmal",)),
        ),
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
                      uses_perspective=True),
        ),
        uses_status_reports=True,
        uses_trust_dialogues=True,
    ),
}  # fmt: skip
