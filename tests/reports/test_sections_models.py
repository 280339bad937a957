"""Each styrmodell's own elements in the reports (issue 14), on a small kommun per model:

- Ale: the trust-based analysis to KF (nulägesbeskrivningar as formatted text, responses to
  the omvärldsfaktorer, proposed goals, tillitsdialoger with what they rest on and led to,
  the kommungemensamma omvärldsanalysen) and every body's contribution to every KF goal;
- Vadstena: the grunduppdrag and the uppdrag's återrapport in the period, with their
  indicators, and the sustainability aspects counted;
- Alvesta: Agenda 2030 per global goal.

Each section appears only where the model uses the element, holds all bodies in the
kommun's report and the nämnd's own in a nämnd's, reads back from the PDF (pdftotext) and
has the same rows in its Excel sheet; and runs a fixed number of queries at two sizes.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from apps.followup.models import AssignmentReport, MissionAssessment
from apps.goals import services
from apps.goals.models import (
    Assignment,
    AssignmentIndicator,
    AssignmentRecipient,
    BasicMission,
    ExternalFactor,
    MissionIndicator,
    SteeringModel,
    Tag,
)
from apps.plans.models import Activity, Plan
from apps.reports import document as documents
from apps.reports import render
from apps.reports.content import BuildContext, ReportDocument, ReportKind, RichText, Table
from apps.reports.sections import agenda, contributions, missions, trust
from apps.trust.models import (
    EnvironmentAnalysis,
    StatusReport,
    StatusReportFactorResponse,
    TrustDialogue,
)
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)
from tests.reports.pdftext import pdf_words

YEAR = 2026


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def tertial2(org):
    return ReportingPeriodFactory(
        year=YEAR, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(YEAR, 1, 1), ends_on=dt.date(YEAR, 8, 31),
    )  # fmt: skip


def model_with(**flags) -> SteeringModel:
    """Vimmerby's levels (loaded once) with the flags of the model under test switched on."""
    model = SteeringModel.objects.filter(is_active=True).first()
    if model is None:
        model = services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    SteeringModel.objects.filter(pk=model.pk).update(**flags)
    model.refresh_from_db()
    return model


def ctx(period, unit=None, kind=ReportKind.INTERIM) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def pdf_text(doc: ReportDocument) -> str:
    return pdf_words(render.render_pdf(doc)[0], raw=True)


def sheet_rows(book, table: Table) -> list[list[object]]:
    rows = [list(r) for r in book[table.sheet].iter_rows(values_only=True)]
    assert rows[0] == [c.header for c in table.columns] or rows[0][0] == table.columns[0].header
    return rows[1:]


def excel(value: object) -> object:
    """A table's value as the workbook holds it."""
    if isinstance(value, RichText):
        return value.text or None
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None if value == "" else value


def assert_same_rows(doc: ReportDocument, book, key: str, text: str) -> Table:
    """The table's rows are its sheet's rows, and its text cells read back from the PDF."""
    table = doc.table(key)
    assert sheet_rows(book, table) == [[excel(v) for v in row] for row in table.rows]
    for row in table.rows:
        for value in row:
            if isinstance(value, str) and not isinstance(value, RichText) and value:
                assert " ".join(value.split()) in text, (key, value)
    return table


def workbook(doc: ReportDocument):
    return load_workbook(io.BytesIO(render.render_xlsx(doc)))


def section_keys(doc: ReportDocument) -> set[str]:
    return {s.key for _d, s in doc.all_sections()}


# --- Ale: the trust-based analysis and the contributions to the KF goals ------------------


def ale(org, period, *, size: int = 1, start: int = 0):
    """A model with nulägesbeskrivningar, omvärldsfaktorer, dialogues and every body
    reporting on every KF goal; ``size`` KF goals, factors and dialogues (numbered from
    ``start``, so that a second call adds more)."""
    model = model_with(
        uses_status_reports=True, uses_trust_dialogues=True, uses_external_factors=True,
        bodies_report_on_council_goals=True,
    )  # fmt: skip
    level = model.levels.get(key="inriktningsmal")
    vision = GoalFactory(level=model.levels.get(key="vision"), owner=org.kf, title="Vision")
    reports = {}
    for unit, letter in ((org.namnd_a, "A"), (org.namnd_b, "B")):
        reports[unit.pk], _new = StatusReport.objects.get_or_create(
            unit=unit, year=YEAR, defaults={
                "operations": f"<p>Verksamheten i {letter}</p>",
                "environment": f"<p>Omvärlden för {letter}</p>",
                "current_state": f"<p>Läget i {letter}</p><ul><li>Punkt {letter}</li></ul>",
                "proposed_goals": f"<p>Föreslaget mål {letter}</p>",
            },
        )  # fmt: skip
    for i in range(start, start + size):
        goal = GoalFactory(level=level, owner=org.kf, parent=vision, title=f"Riktningsmål {i}")
        AssessmentFactory(
            goal=goal, period=period, unit=org.namnd_a, status="partly",
            analysis=f"Nämnd A bidrar till {i}",
        )  # fmt: skip
        factor = ExternalFactor.objects.create(
            title=f"Omvärldsfaktor {i}", first_year=YEAR - 1, last_year=YEAR + 2, position=i
        )
        for unit_pk, report in reports.items():
            letter = "A" if unit_pk == org.namnd_a.pk else "B"
            StatusReportFactorResponse.objects.create(
                report=report, factor=factor, risks=f"Risk {letter}{i}",
                opportunities=f"Möjlighet {letter}{i}", approach=f"Sätt {letter}{i}",
            )  # fmt: skip
        led_to = Assignment.objects.create(
            given_by=org.ks, title="Uppdrag från dialogen" + (f" {i}" if i else ""),
            first_year=YEAR, last_year=YEAR,
        )  # fmt: skip
        dialogue = TrustDialogue.objects.create(
            kind="oversight", held_on=dt.date(YEAR, 4, 2), participants="KS, NA",
            topics="Nulägesanalysen", conclusions="Vi behöver ett uppdrag",
        )  # fmt: skip
        dialogue.units.set([org.ks, org.namnd_a])
        dialogue.status_reports.set([reports[org.namnd_a.pk]])
        dialogue.assignments.set([led_to])
    EnvironmentAnalysis.objects.get_or_create(
        year=YEAR, defaults={
            "title": "Omvärldsanalys Ale", "text": "<p>Megatrender</p>",
            "responsible": org.ks, "day_held_on": dt.date(YEAR, 2, 10),
        },
    )  # fmt: skip
    return model


def test_ale_kommun_report_carries_the_trust_based_analysis_to_kf(org, tertial2):
    ale(org, tertial2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    section = next(s for _d, s in doc.all_sections() if s.key == "trust-analysis")
    assert [b["unit"] for b in section.data["bodies"]] == ["Nämnd A", "Nämnd B"]
    assert "Omvärldsanalys Ale" in section.intro

    text = pdf_text(doc)
    for expected in [
        "Verksamheten i A", "Omvärlden för B", "Läget i A", "Punkt A", "Föreslaget mål B",
        "Omvärldsanalys Ale 2026", "Risk A0", "Möjlighet B0", "Nulägesanalysen",
        "Nämnd A 2026", "Uppdrag från dialogen",
    ]:  # fmt: skip
        assert expected in text, expected
    assert "<p>" not in text and "<li>" not in text

    book = workbook(doc)
    factors = assert_same_rows(doc, book, "trust-factor-responses", text)
    assert [r[:3] for r in factors.rows] == [
        ["Omvärldsfaktor 0", "Nämnd A", "Risk A0"],
        ["Omvärldsfaktor 0", "Nämnd B", "Risk B0"],
    ]
    dialogues = assert_same_rows(doc, book, "trust-dialogues", text)
    assert dialogues.rows[0][6:] == ["Nämnd A 2026", "Uppdrag från dialogen"]
    reports = sheet_rows(book, doc.table("trust-status-reports"))
    assert reports[0][0] == "Nämnd A"
    assert reports[0][3] == "Läget i A\n• Punkt A"


def test_ale_namnd_report_has_its_own_analysis_only(org, tertial2):
    ale(org, tertial2)
    section = trust.analysis(ctx(tertial2, org.namnd_b))
    assert [b["unit"] for b in section.data["bodies"]] == ["Nämnd B"]
    assert {r[1] for r in section.tables[1].rows} == {"Nämnd B"}
    assert all(t.key != "trust-dialogues" for t in section.tables)  # held with A and KS

    own = trust.analysis(ctx(tertial2, org.namnd_a))
    assert [t.key for t in own.tables][-1] == "trust-dialogues"


def test_withdrawn_factor_keeps_its_responses_in_the_year_of_withdrawal_only(org, tertial2):
    ale(org, tertial2)
    ExternalFactor.objects.update(
        withdrawn_on=dt.date(YEAR - 1, 12, 1), withdrawal_reason="Inaktuell"
    )
    section = trust.analysis(ctx(tertial2))
    assert all(t.key != "trust-factor-responses" for t in section.tables)


def test_ale_contributions_list_every_body_on_every_kf_goal(org, tertial2):
    ale(org, tertial2, size=2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    table = doc.table("council-contributions")
    bodies = ["Kommunstyrelsen", "Nämnd A", "Nämnd B"]
    assert [(r[0], r[1]) for r in table.rows] == [
        (f"Riktningsmål {i}", body) for i in range(2) for body in bodies
    ]
    by = {(r[0], r[1]): r for r in table.rows}
    assert by[("Riktningsmål 1", "Nämnd A")][2:] == ["Partly met", "Nämnd A bidrar till 1"]
    assert by[("Riktningsmål 1", "Nämnd B")][2:] == ["Not reported", ""]
    section = next(s for _d, s in doc.all_sections() if s.key == "council-contributions")
    assert "Not reported by: Kommunstyrelsen, Nämnd B." in section.intro

    text = pdf_text(doc)
    assert_same_rows(doc, workbook(doc), "council-contributions", text)
    assert "Nämnd A bidrar till 0" in text


def test_a_namnds_report_has_its_own_contributions_only(org, tertial2):
    ale(org, tertial2, size=2)
    section = contributions.council_goals(ctx(tertial2, org.namnd_b))
    assert {r[1] for r in section.tables[0].rows} == {"Nämnd B"}
    assert len(section.tables[0].rows) == 2


# --- Vadstena: grunduppdrag, uppdrag and the sustainability aspects -----------------------


def vadstena(org, period, *, size: int = 1, start: int = 0):
    model = model_with(
        uses_committee_goals=False, follows_up_basic_missions=True, follows_up_assignments=True,
        uses_sustainability_aspects=True,
    )  # fmt: skip
    social = Tag.objects.get(kind="hallbarhet", code="social")
    ecological = Tag.objects.get(kind="hallbarhet", code="ekologisk")
    for i in range(start, start + size):
        for unit, letter in ((org.namnd_a, "A"), (org.namnd_b, "B")):
            mission = BasicMission.objects.create(
                unit=unit, title=f"Grunduppdrag {letter}{i}", text="Reglementet",
                first_year=YEAR - 2,
            )  # fmt: skip
            mission.tags.set([social] if letter == "A" else [social, ecological])
            indicator = IndicatorFactory(title=f"Nöjdhet {letter}{i}", measure_unit="%")
            MissionIndicator.objects.create(basic_mission=mission, indicator=indicator, year=YEAR)
            IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal("80"))
            IndicatorValueFactory(indicator=indicator, period=period, total=Decimal("75.5"))
            if letter == "A":
                MissionAssessment.objects.create(
                    basic_mission=mission, period=period, status="met",
                    analysis=f"Grunduppdraget {i} fullgörs",
                )  # fmt: skip
        assignment = Assignment.objects.create(
            given_by=org.kf, title=f"Politiskt uppdrag {i}", first_year=YEAR, last_year=YEAR,
            deadline=dt.date(YEAR, 12, 31),
        )  # fmt: skip
        assignment.tags.set([ecological])
        indicator = IndicatorFactory(title=f"Utsläpp {i}", measure_unit="ton")
        AssignmentIndicator.objects.create(assignment=assignment, indicator=indicator, year=YEAR)
        done = AssignmentRecipient.objects.create(
            assignment=assignment, unit=org.namnd_a, status="completed"
        )
        AssignmentRecipient.objects.create(assignment=assignment, unit=org.namnd_b)
        AssignmentReport.objects.create(
            recipient=done, period=period, status="in_progress", report=f"Återrapport {i}"
        )
    return model


def test_vadstena_report_follows_up_the_basic_missions_with_their_indicators(org, tertial2):
    vadstena(org, tertial2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    table = doc.table("missions-followup")
    assert table.rows == [
        ["Grunduppdrag A0", "Nämnd A", "Social hållbarhet", "Met", "Grunduppdraget 0 fullgörs"],
        ["Grunduppdrag B0", "Nämnd B", "Ekologisk hållbarhet, Social hållbarhet",
         "Not reported", ""],
    ]  # fmt: skip
    indicators = doc.table("missions-indicators")
    assert indicators.rows[0] == [
        "Nöjdhet A0", "Nämnd A", "Grunduppdrag A0", "%", Decimal("80"), Decimal("75.5")
    ]  # fmt: skip

    text = pdf_text(doc)
    book = workbook(doc)
    assert_same_rows(doc, book, "missions-followup", text)
    assert_same_rows(doc, book, "missions-indicators", text)
    assert "75,5" in text and "80,0" in text


def test_vadstena_uppdrag_report_in_the_period_replaces_their_latest_status(org, tertial2):
    vadstena(org, tertial2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    assert "goals-assignments" not in section_keys(doc)
    table = doc.table("assignment-reports")
    assert [(r[2], r[4], r[6]) for r in table.rows] == [
        ("Nämnd A", "In progress", "Återrapport 0"),  # the period's, not the row's "completed"
        ("Nämnd B", "Not reported", ""),
    ]
    assert table.rows[0][3] == "Ekologisk hållbarhet"
    text = pdf_text(doc)
    book = workbook(doc)
    assert_same_rows(doc, book, "assignment-reports", text)
    assert_same_rows(doc, book, "assignment-indicators", text)


def test_vadstena_sustainability_aspects_are_counted_per_aspect(org, tertial2):
    vadstena(org, tertial2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    statuses = ["Met", "Partly met", "Not met", "Not assessed", "Not reported"]
    missions_table = doc.table("aspects-missions")
    assert [c.header for c in missions_table.columns][1:-1] == statuses
    assert missions_table.rows == [
        ["Ekologisk hållbarhet", 0, 0, 0, 0, 1, 1],
        ["Social hållbarhet", 1, 0, 0, 0, 1, 2],
    ]
    assignments_table = doc.table("aspects-assignments")
    assert assignments_table.rows == [["Ekologisk hållbarhet", 0, 1, 0, 0, 1, 2]]
    items = doc.table("aspects-items")
    assert [r[0] for r in items.rows] == sorted(
        [r[0] for r in items.rows], key=["Ekonomisk hållbarhet", "Ekologisk hållbarhet",
                                          "Social hållbarhet"].index
    )  # fmt: skip
    text = pdf_text(doc)
    book = workbook(doc)
    for key in ("aspects-missions", "aspects-assignments", "aspects-items"):
        assert_same_rows(doc, book, key, text)


def test_a_namnds_report_has_its_own_missions_and_assignments(org, tertial2):
    vadstena(org, tertial2)
    own = ctx(tertial2, org.namnd_b)
    assert {r[1] for r in missions.basic_missions(own).tables[0].rows} == {"Nämnd B"}
    assert {r[2] for r in missions.assignment_reports(own).tables[0].rows} == {"Nämnd B"}
    aspects = missions.sustainability_aspects(own)
    assert {r[3] for r in aspects.tables[-1].rows} == {"Nämnd B"}


# --- Alvesta: Agenda 2030 -----------------------------------------------------------------


def alvesta(org, period, *, size: int = 1, start: int = 0):
    model = model_with(uses_agenda_2030=True)
    level = model.levels.get(key="inriktningsmal")
    namnd_level = model.levels.get(key="namndmal")
    health = Tag.objects.get(kind="agenda2030", code="3")
    climate = Tag.objects.get(kind="agenda2030", code="13")
    vision = GoalFactory(level=model.levels.get(key="vision"), owner=org.kf, title="Vision")
    for i in range(start, start + size):
        goal = GoalFactory(level=level, owner=org.kf, parent=vision, title=f"Hälsomål {i}")
        goal.tags.set([health])
        AssessmentFactory(goal=goal, period=period, status="partly")
        own = GoalFactory(level=namnd_level, owner=org.namnd_a, parent=goal, title=f"A-mål {i}")
        own.tags.set([health, climate])
        AssessmentFactory(goal=own, period=period, status="met")
        indicator = IndicatorFactory(title=f"Koldioxid {i}", measure_unit="ton", direction="lower")
        indicator.tags.set([climate])
        GoalIndicatorFactory(goal=own, indicator=indicator, year=YEAR)
        IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal("100"))
        IndicatorValueFactory(indicator=indicator, period=period, total=Decimal("90"))
        assignment = Assignment.objects.create(
            given_by=org.kf, goal=goal, title=f"Klimatuppdrag {i}", first_year=YEAR,
            last_year=YEAR,
        )  # fmt: skip
        assignment.tags.set([climate])
        AssignmentRecipient.objects.create(assignment=assignment, unit=org.namnd_b)
        plan, _new = Plan.objects.get_or_create(unit=org.namnd_a, year=YEAR, kind="namndplan")
        activity = Activity.objects.create(
            plan=plan, goal=own, title=f"Cykelvägar {i}", responsible="Chef",
            starts_on=dt.date(YEAR, 1, 1), ends_on=dt.date(YEAR, 10, 1),
        )  # fmt: skip
        activity.tags.set([climate])
    return model


def test_alvesta_agenda_2030_per_global_goal_in_pdf_and_excel(org, tertial2):
    alvesta(org, tertial2)
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    overview = doc.table("agenda-overview")
    assert overview.rows == [
        ["3. God hälsa och välbefinnande", 1, 1, 0, 0, 0, 0, 0],
        ["13. Bekämpa klimatförändringarna", 1, 0, 0, 0, 1, 1, 1],
    ]
    assert doc.table("agenda-goals").rows[0] == [
        "3. God hälsa och välbefinnande", "Hälsomål 0", "Inriktningsmål", "Kommunfullmäktige",
        "Partly met",
    ]  # fmt: skip
    assert doc.table("agenda-assignments").rows == [
        ["13. Bekämpa klimatförändringarna", "Klimatuppdrag 0", "Kommunfullmäktige", "Nämnd B",
         "Not started"],
    ]  # fmt: skip
    assert doc.table("agenda-indicators").rows == [
        ["13. Bekämpa klimatförändringarna", "Koldioxid 0", "ton", Decimal("100"),
         Decimal("90"), "On target"],
    ]  # fmt: skip
    text = pdf_text(doc)
    assert "Agenda 2030" in text
    book = workbook(doc)
    for key in ("agenda-overview", "agenda-goals", "agenda-assignments", "agenda-activities",
                "agenda-indicators"):  # fmt: skip
        assert_same_rows(doc, book, key, text)


def test_a_namnds_agenda_2030_has_its_own_goals_and_activities(org, tertial2):
    alvesta(org, tertial2)
    section = agenda.agenda(ctx(tertial2, org.namnd_a))
    goals_table = next(t for t in section.tables if t.key == "agenda-goals")
    assert {r[3] for r in goals_table.rows} == {"Nämnd A"}
    assert all(t.key != "agenda-assignments" for t in section.tables)  # Nämnd B's uppdrag


# --- Only where the model uses the element ------------------------------------------------

NEW_SECTIONS = {
    "trust-analysis", "council-contributions", "missions-followup", "assignment-reports",
    "sustainability-aspects", "agenda-2030",
}  # fmt: skip


@pytest.mark.parametrize("kind", list(ReportKind))
def test_a_model_without_the_elements_has_none_of_the_sections(org, tertial2, kind):
    """Vimmerby's flags are off: the data of every other model is there and none shows."""
    ale(org, tertial2)
    vadstena(org, tertial2)
    alvesta(org, tertial2)
    model_with(
        uses_status_reports=False, uses_trust_dialogues=False, uses_external_factors=False,
        bodies_report_on_council_goals=False, follows_up_basic_missions=False,
        follows_up_assignments=False, uses_sustainability_aspects=False, uses_agenda_2030=False,
    )  # fmt: skip
    doc = documents.build_document(kind=kind, period=tertial2)
    assert not section_keys(doc) & NEW_SECTIONS
    assert "goals-assignments" in section_keys(doc)


@pytest.mark.parametrize("kind", list(ReportKind))
def test_each_models_sections_are_in_all_three_reports(org, tertial2, kind):
    ale(org, tertial2)
    vadstena(org, tertial2)
    alvesta(org, tertial2)
    model_with(
        uses_status_reports=True, uses_trust_dialogues=True, uses_external_factors=True,
        bodies_report_on_council_goals=True, follows_up_basic_missions=True,
        follows_up_assignments=True, uses_sustainability_aspects=True, uses_agenda_2030=True,
    )  # fmt: skip
    assert section_keys(documents.build_document(kind=kind, period=tertial2)) >= NEW_SECTIONS
    own = section_keys(documents.build_document(kind=kind, period=tertial2, unit=org.namnd_a))
    assert own >= NEW_SECTIONS


# --- Queries ------------------------------------------------------------------------------

BUILDERS = [
    (ale, trust.analysis),
    (ale, contributions.council_goals),
    (vadstena, missions.basic_missions),
    (vadstena, missions.assignment_reports),
    (vadstena, missions.sustainability_aspects),
    (alvesta, agenda.agenda),
]


@pytest.mark.parametrize(("setup", "builder"), BUILDERS, ids=lambda b: b.__name__)
@pytest.mark.parametrize("scope", ["kommun", "namnd_a"])
def test_each_builder_runs_the_same_number_of_queries_at_two_sizes(
    org, tertial2, setup, builder, scope, django_assert_num_queries
):
    unit = None if scope == "kommun" else org.namnd_a
    setup(org, tertial2, size=1)
    with CaptureQueriesContext(connection) as small:
        before = builder(ctx(tertial2, unit))
    setup(org, tertial2, size=5, start=1)
    with django_assert_num_queries(len(small)):
        after = builder(ctx(tertial2, unit))
    assert _rows(after) > _rows(before)


def _rows(section) -> int:
    return sum(len(t.rows) for t in section.tables) + len((section.data or {}).get("bodies", []))


# --- The governance section: vision and foundation elements with their decisions ----------


def test_governance_shows_the_vision_and_foundations_with_their_decisions(org, tertial2):
    from apps.goals.models import FoundationElement
    from apps.reports.sections import goals

    model = model_with()
    FoundationElement.objects.filter(model=model).delete()
    GoalFactory(
        level=model.levels.get(key="vision"), owner=org.kf, title="Ale 2030",
        description="<p>Tillsammans <strong>gör vi</strong> skillnad</p>", first_year=2023,
        last_year=2030, decided_on=dt.date(2022, 12, 12), decision_paragraph="§ 180",
    )  # fmt: skip
    FoundationElement.objects.create(
        model=model, kind="vardegrund", title="Värdegrunden",
        text="<ul><li>Öppenhet</li><li>Respekt</li></ul>", first_year=2023, last_year=2030,
        decided_by=org.kf, decided_on=dt.date(2022, 12, 12), paragraph="§ 181",
    )  # fmt: skip
    FoundationElement.objects.create(
        model=model, kind="princip", title="Gammal princip", first_year=2020, last_year=2025
    )
    doc = documents.build_document(kind=ReportKind.ANNUAL, period=tertial2)
    table = doc.table("goals-foundations")
    assert table.rows == [
        ["Ale 2030", "Vision", "Kommunfullmäktige", dt.date(2022, 12, 12), "§ 180", "2023–2030"],
        ["Värdegrunden", "Core values (värdegrund)", "Kommunfullmäktige",
         dt.date(2022, 12, 12), "§ 181", "2023–2030"],
    ]  # fmt: skip

    text = pdf_text(doc)
    for expected in ["Tillsammans gör vi skillnad", "Öppenhet", "Respekt", "§ 180"]:
        assert expected in text, expected
    assert "<p>" not in text and "<li>" not in text and "Gammal princip" not in text
    assert_same_rows(doc, workbook(doc), "goals-foundations", text)
    governance = goals.governance(ctx(tertial2, kind=ReportKind.ANNUAL))
    assert (
        governance.data["decided"][1].decision == "Decided 12 dec. 2022 by Kommunfullmäktige § 181"
    )
