"""The steering's report sections: which goals each scope reports, their status as text, the
shares, the indicator table, uppdrag, åtgärdsplaner, intern kontroll, tillit; a fixed number
of queries at two sizes; and the demo kommun's delårsrapport read back from PDF and xlsx."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.control.models import Control, ControlPlan, ControlResult, Risk, RiskCategory
from apps.documents.models import Deviation
from apps.followup.models import ActionPlan, Measure, MeasureFollowup
from apps.goals import services
from apps.goals.models import Assignment, AssignmentRecipient, Goal, SteeringModel
from apps.periods.models import ReportingPeriod
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections import goals, trust
from apps.trust.models import StatusReport, TrustDialogue
from tests.exports import FORMULA_TEXT, assert_text_kept
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    writable,
)

YEAR = 2026
BUILDERS = [
    "key_events", "goal_shares", "goal_fulfilment", "assignments", "action_plans",
    "internal_control", "operations_development", "important_conditions",
    "governance", "staff",
]  # fmt: skip


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@dataclass
class Data:
    model: SteeringModel
    t1: ReportingPeriod
    t2: ReportingPeriod
    kf_goals: list[Goal]
    namnd_a_goals: list[Goal]
    namnd_b_goals: list[Goal]
    below_a: list[Goal]


def _level(model, key):
    return model.levels.get(key=key)


def build(org, size: int) -> Data:
    """``size`` KF goals, each with a nämndmål of Nämnd A (with a verksamhetsmål under it)
    and of Nämnd B; every goal an indicator with target and values, and assessments; plus
    uppdrag, åtgärdsplaner, controls, deviations and tillit records."""
    model = services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    SteeringModel.objects.filter(pk=model.pk).update(
        uses_trust_dialogues=True, uses_status_reports=True
    )
    model.refresh_from_db()
    t1 = ReportingPeriodFactory(year=YEAR, state="closed")
    t2 = ReportingPeriodFactory(
        year=YEAR, kind="tertial2", name="Tertial 2", ends_on=dt.date(YEAR, 8, 31)
    )
    vision = GoalFactory(level=_level(model, "vision"), owner=org.kf, title="Vision 2030")
    data = Data(model, t1, t2, [], [], [], [])
    staff = model.perspectives.get(key="verksamhet")
    statuses = ["met", "partly", "not_met"]
    category = RiskCategory.objects.first() or RiskCategory.objects.create(key="v", name="V")
    plan = ControlPlan.objects.create(unit=org.namnd_a, year=YEAR)
    for i in range(size):
        kf = GoalFactory(
            level=_level(model, "inriktningsmal"), owner=org.kf, parent=vision, title=f"KF-mål {i}"
        )
        a = GoalFactory(
            level=_level(model, "namndmal"), owner=org.namnd_a, parent=kf, title=f"A-mål {i}",
            perspective=staff,
        )  # fmt: skip
        b = GoalFactory(
            level=_level(model, "namndmal"), owner=org.namnd_b, parent=kf, title=f"B-mål {i}"
        )
        low = GoalFactory(
            level=_level(model, "verksamhetsmal"), owner=org.forvaltning_a, parent=a,
            title=f"Verksamhetsmål {i}",
        )  # fmt: skip
        data.kf_goals.append(kf)
        data.namnd_a_goals.append(a)
        data.namnd_b_goals.append(b)
        data.below_a.append(low)
        for j, goal in enumerate([kf, a, b, low]):
            indicator = IndicatorFactory(title=f"Indikator {i}-{j}", decimals=1)
            GoalIndicatorFactory(goal=goal, indicator=indicator, year=YEAR)
            IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal("80"))
            IndicatorValueFactory(indicator=indicator, period=t1, total=Decimal("70"))
            IndicatorValueFactory(indicator=indicator, period=t2, total=Decimal(75 + i + j))
            AssessmentFactory(goal=goal, period=t1, status="not_met")
            AssessmentFactory(
                goal=goal, period=t2, status=statuses[(i + j) % 3], analysis=f"Analys {i}-{j}"
            )
        assignment = Assignment.objects.create(
            given_by=org.kf, goal=kf, title=f"Uppdrag {i}", first_year=YEAR, last_year=YEAR
        )
        AssignmentRecipient.objects.create(
            assignment=assignment, unit=org.namnd_a, status="completed"
        )
        AssignmentRecipient.objects.create(assignment=assignment, unit=org.namnd_b)
        with writable(t2):
            action = ActionPlan.objects.create(
                unit=org.namnd_a, period=t2, goal=a, cause="goal_not_met",
                description=f"Brister {i}", decided_on=dt.date(YEAR, 6, 1), paragraph="§ 1",
                decided_by=org.namnd_a,
            )  # fmt: skip
            measure = Measure.objects.create(
                action_plan=action, what=f"Åtgärd {i}", who="Chef", due_on=dt.date(YEAR, 12, 1)
            )
            MeasureFollowup.objects.create(measure=measure, period=t2, status="started")
        risk = Risk.objects.create(
            unit=org.namnd_a, year=YEAR, description=f"Risk {i}", category=category,
            probability=1 + i % 5, consequence=3, owner="Chef", in_control_plan=True,
        )  # fmt: skip
        control = Control.objects.create(
            plan=plan, risk=risk, what=f"Kontroll {i}", owner="Chef", frequency="T2"
        )
        with writable(t2):
            ControlResult.objects.create(control=control, period=t2, status="minor")
        Deviation.objects.create(
            unit=org.forvaltning_a, occurred_on=dt.date(YEAR, 3, 1), kind="avvikelse",
            description=f"Avvikelse {i}",
        )  # fmt: skip
        dialogue = TrustDialogue.objects.create(
            kind="oversight", held_on=dt.date(YEAR, 5, 1), participants="KS, NA",
            topics=f"Dialog {i}",
        )  # fmt: skip
        dialogue.units.set([org.ks, org.namnd_a])
    StatusReport.objects.create(unit=org.namnd_a, year=YEAR, current_state="Läget är gott.")
    return data


def ctx(data: Data, unit=None, kind=ReportKind.INTERIM) -> BuildContext:
    return BuildContext(kind=kind, period=data.t2, unit=unit, municipality=None)


# --- Content -----------------------------------------------------------------------------


def test_kommun_report_has_every_kf_goal_and_namndmal_but_no_verksamhetsmal(org):
    data = build(org, 2)
    section = goals.goal_fulfilment(ctx(data))
    titles = [b.title for b in section.data["blocks"]]
    assert titles == ["KF-mål 0", "A-mål 0", "B-mål 0", "KF-mål 1", "A-mål 1", "B-mål 1"]
    first = section.data["blocks"][0]
    assert first.status_label == gettext("Met")
    assert first.analysis == "Analys 0-0"
    assert first.trend_label == gettext("Better")  # not met in T1, met in T2
    sheet = section.tables[0]
    assert sheet.sheet == gettext("Goal fulfilment")
    assert sheet.rows[1][:4] == ["A-mål 0", "Nämndmål", "Nämnd A", gettext("Partly met")]


def test_indicator_table_has_value_previous_value_and_target(org):
    data = build(org, 1)
    table = goals.goal_fulfilment(ctx(data)).tables[1]
    assert table.sheet == gettext("Indicators")
    by_goal = {row[1]: row for row in table.rows}
    assert by_goal["KF-mål 0"] == [
        "Indikator 0-0", "KF-mål 0", "%", Decimal("80"), Decimal("75"), Decimal("70"),
        gettext("Off target"),
    ]  # fmt: skip
    assert by_goal["B-mål 0"][4] == Decimal("77")
    assert "Verksamhetsmål 0" not in by_goal


def test_namnd_report_groups_its_goals_under_the_kf_goal_with_the_goals_below(org):
    data = build(org, 2)
    blocks = goals.goal_fulfilment(ctx(data, org.namnd_a)).data["blocks"]
    assert [(b.title, b.depth, b.context_only) for b in blocks] == [
        ("KF-mål 0", 0, True), ("A-mål 0", 1, False), ("Verksamhetsmål 0", 2, False),
        ("KF-mål 1", 0, True), ("A-mål 1", 1, False), ("Verksamhetsmål 1", 2, False),
    ]  # fmt: skip


def test_shares_count_kf_goals_and_each_namnds_goals(org):
    data = build(org, 3)
    section = goals.goal_shares(ctx(data))
    rows = section.tables[0].rows
    # KF goals: i + 0 over statuses met, partly, not_met for i = 0, 1, 2.
    assert rows[0] == [gettext("Goals of the municipal council"), 1, 1, 1, 0, 3]
    assert [row[0] for row in rows[1:]] == ["Nämnd A", "Nämnd B"]
    assert rows[1][1:] == [1, 1, 1, 0, 3]
    assert section.intro.startswith("1 ")


def test_a_goal_without_assessment_in_the_period_counts_as_not_assessed(org):
    data = build(org, 1)
    data.kf_goals[0].assessments.filter(period=data.t2).delete()
    rows = goals.goal_shares(ctx(data)).tables[0].rows
    assert rows[0][1:] == [0, 0, 0, 1, 1]
    block = goals.goal_fulfilment(ctx(data)).data["blocks"][0]
    assert block.status_label == gettext("Not assessed")


def test_assignments_per_receiving_unit_and_for_a_namnd_only_its_own(org):
    data = build(org, 2)
    rows = goals.assignments(ctx(data)).tables[0].rows
    assert [(r[0], r[2], r[3]) for r in rows[:2]] == [
        ("Uppdrag 0", "Nämnd A", gettext("Completed")),
        ("Uppdrag 0", "Nämnd B", gettext("Not started")),
    ]
    own = goals.assignments(ctx(data, org.namnd_b)).tables[0].rows
    assert {r[2] for r in own} == {"Nämnd B"}


def test_a_closed_periods_assignments_are_as_they_were_when_it_was_closed(org):
    data = build(org, 2)
    data.t2.state = "closed"
    data.t2.save()
    before = goals.assignments(ctx(data)).tables[0].rows
    closed = timezone.now()

    later = AssignmentRecipient.objects.get(assignment__title="Uppdrag 0", unit=org.namnd_b)
    later.status = "completed"
    later.report = "Klart i oktober"
    later.save()
    Assignment.objects.create(
        given_by=org.kf, goal=data.kf_goals[0], title="Nytt uppdrag", first_year=YEAR,
        last_year=YEAR,
    )  # fmt: skip
    for model in (AssignmentRecipient, Assignment):  # surely after the closing, however fast
        model.history.filter(history_date__gte=closed).update(
            history_date=closed + dt.timedelta(minutes=1)
        )

    after = goals.assignments(ctx(data)).tables[0].rows
    assert after == before
    assert ("Uppdrag 0", "Nämnd B", gettext("Not started")) in [(r[0], r[2], r[3]) for r in after]
    data.t2.state = "open"
    data.t2.save()
    now = goals.assignments(ctx(data)).tables[0].rows
    assert ("Uppdrag 0", "Nämnd B", gettext("Completed")) in [(r[0], r[2], r[3]) for r in now]


def test_action_plans_internal_control_and_events(org):
    data = build(org, 2)
    plans = goals.action_plans(ctx(data))
    assert [p.measures[0].status for p in plans.data["plans"]] == [gettext("Started")] * 2
    assert plans.tables[0].rows[0][10] == "Åtgärd 0"
    assert goals.action_plans(ctx(data, org.namnd_b)) is None
    control = goals.internal_control(ctx(data))
    assert control.tables[0].rows[0][:4] == [
        "Nämnd A",
        "Kontroll 0",
        "Risk 0",
        gettext("Minor deficiencies"),
    ]
    events = goals.key_events(ctx(data)).tables[0].rows
    assert any("A-mål 0" in row[1] for row in events)
    assert any(": 2" in row[1] for row in events)  # the deviations, counted


def test_trust_only_where_the_model_uses_it(org):
    data = build(org, 1)
    section = trust.analysis(ctx(data, org.namnd_a))
    assert section.tables[1].rows[0][3] == "Dialog 0"
    assert section.data["bodies"][0]["unit"] == "Nämnd A"
    SteeringModel.objects.update(uses_trust_dialogues=False, uses_status_reports=False)
    assert trust.analysis(ctx(data)) is None


def test_annual_parts_of_the_administration_report(org):
    data = build(org, 2)
    annual = ctx(data, kind=ReportKind.ANNUAL)
    assert goals.key_events(annual).title == gettext("Significant events")
    assert goals.staff(annual).tables[0].rows[0][0] == "Indikator 0-1"  # Nämnd A's perspective
    risks = goals.important_conditions(annual).tables[0].rows
    assert risks[0][0] == "Risk 1" and risks[0][5] == 6
    governance = goals.governance(annual)
    assert [row[0] for row in governance.tables[1].rows] == ["Tertial 1", "Tertial 2"]
    assert goals.operations_development(annual).tables[0].rows[1][0] == "Nämnd A"


# --- Queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("scope", ["kommun", "namnd_a"])
def test_each_builder_runs_the_same_number_of_queries_at_two_sizes(
    org, builder, scope, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = build(org, 2)
    unit = None if scope == "kommun" else org.namnd_a
    with CaptureQueriesContext(connection) as small:
        assert getattr(goals, builder)(ctx(data, unit)) is not None
    more = build_more(org, data, 6)
    assert more
    with django_assert_num_queries(len(small)):
        getattr(goals, builder)(ctx(data, unit))


def test_a_closed_periods_assignments_run_a_fixed_number_of_queries(org, django_assert_num_queries):
    data = build(org, 2)
    data.t2.state = "closed"
    data.t2.save()
    with django_assert_num_queries(7):
        small = goals.assignments(ctx(data))
    for index in range(6):
        extra = Assignment.objects.create(
            given_by=org.kf, goal=data.kf_goals[0], title=f"Extra {index}", first_year=YEAR,
            last_year=YEAR,
        )  # fmt: skip
        AssignmentRecipient.objects.create(assignment=extra, unit=org.namnd_a)
    for state in ("open", "closed"):  # closed again after the new rows: they are in it
        data.t2.state = state
        data.t2.save()
    with django_assert_num_queries(7):
        large = goals.assignments(ctx(data))
    assert len(large.tables[0].rows) > len(small.tables[0].rows)


def build_more(org, data: Data, extra: int) -> int:
    """More of everything under the same periods and model."""
    before = Goal.objects.count()
    model = data.model
    vision = Goal.objects.get(title="Vision 2030")
    for i in range(extra):
        kf = GoalFactory(
            level=_level(model, "inriktningsmal"), owner=org.kf, parent=vision, title=f"Mer {i}"
        )
        a = GoalFactory(level=_level(model, "namndmal"), owner=org.namnd_a, parent=kf)
        GoalFactory(level=_level(model, "verksamhetsmal"), owner=org.forvaltning_a, parent=a)
        for goal in (kf, a):
            indicator = IndicatorFactory()
            GoalIndicatorFactory(goal=goal, indicator=indicator, year=YEAR)
            IndicatorValueFactory(indicator=indicator, period=data.t2, total=Decimal(1))
            AssessmentFactory(goal=goal, period=data.t2, status="met")
    return Goal.objects.count() - before


def test_the_workbook_keeps_formula_like_titles_names_and_analyses_as_text(org):
    from apps.followup.models import Assessment
    from apps.reports import document, render

    data = build(org, 1)
    Goal.objects.filter(pk=data.kf_goals[0].pk).update(title=FORMULA_TEXT)
    Assessment.objects.filter(goal=data.namnd_a_goals[0], period=data.t2).update(
        analysis="@SUM(1+1)"
    )
    org.namnd_b.name = "-2+3"
    org.namnd_b.save()
    Risk.objects.filter(unit=org.namnd_a).update(description="+1+cmd|' /C calc'!A0")
    doc = document.build_document(kind=ReportKind.INTERIM, period=data.t2)
    assert_text_kept(
        render.render_xlsx(doc), FORMULA_TEXT, "@SUM(1+1)", "-2+3", "+1+cmd|' /C calc'!A0"
    )


# --- The demo kommun ---------------------------------------------------------------------


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_interim_report_shows_the_steering_in_pdf_and_xlsx(demo):
    import openpyxl

    from apps.reports import document, render

    period = ReportingPeriod.objects.get(year=YEAR, kind="tertial2")
    doc = document.build_document(kind=ReportKind.INTERIM, period=period)
    section = next(s for _d, s in doc.all_sections() if s.key == "goals-fulfilment")
    kf_goal = next(b for b in section.data["blocks"] if b.depth == 0 and b.indicators)
    line = kf_goal.indicators[0]
    assignment = doc.table("goals-assignments").rows[0][0]
    plan = doc.table("goals-action-plans").rows[0][3]
    control = doc.table("goals-internal-control").rows[0]

    pdf, pages = render.render_pdf(doc)
    assert pages > 3
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    for expected in [
        kf_goal.title, f"{gettext('Status')}: {kf_goal.status_label}", line.value_text,
        line.target_text, assignment, " ".join(plan.split()[:6]), control[1].split()[0],
        control[3],
    ]:  # fmt: skip
        assert " ".join(expected.split()) in flat, expected

    book = openpyxl.load_workbook(io.BytesIO(render.render_xlsx(doc)))
    goals_sheet = book[gettext("Goal fulfilment")]
    sheet_rows = list(goals_sheet.iter_rows(values_only=True))
    assert (kf_goal.title, kf_goal.status_label) in {(r[0], r[3]) for r in sheet_rows}
    indicator_rows = list(book[gettext("Indicators")].iter_rows(values_only=True))
    assert any(
        r[0] == line.title and r[4] is not None and Decimal(str(r[4])) == line.value
        for r in indicator_rows
    )
    assert assignment in {r[0] for r in book[gettext("Assignments")].iter_rows(values_only=True)}
    assert book[gettext("Action plans")].max_row > 1
    assert book[gettext("Internal control")].max_row > 1
