"""The report's verksamhetsberättelser (``sections.body_reports``): in the kommun's report one
subsection per body that wrote, in the organisation's order, with its line of the
driftredovisning and its goals by status; who has not written, while the period is open; a
nämnd's own berättelse with its drift per verksamhet in its own report; a fixed number of
queries whatever the number of bodies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.followup.models import BodyReport
from apps.goals.services import steering_model_load_preset
from apps.periods.models import ReportingPeriod
from apps.reports import render
from apps.reports.content import BuildContext, ReportKind
from apps.reports.document import build_document
from apps.reports.sections import economy
from apps.reports.sections.body_reports import body_reports
from tests.economy.factories import AppropriationFactory, ForecastFactory, example_year
from tests.factories import AssessmentFactory, GoalFactory, UnitFactory, writable

M = 1_000_000


def ctx_for(period, *, unit=None, kind=ReportKind.INTERIM) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def t1() -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def write(period, unit, **texts) -> BodyReport:
    fields = {"important_events": "", "goal_summary": "", "economy": "", "outlook": ""}
    fields.update(texts)
    with writable(period):
        return BodyReport.objects.create(period=period, unit=unit, **fields)


@pytest.fixture
def year(org):
    """The small kommun of tests/economy (frames, outcome, forecasts of Tertial 1) with a
    nämndmål of Nämnd A met and one not assessed, and Nämnd A's berättelse."""
    example_year(org)
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    level = model.levels.get(key="namndmal")
    met = GoalFactory(owner=org.namnd_a, level=level, title="Läsa")
    GoalFactory(owner=org.namnd_a, level=level, title="Simma")
    AssessmentFactory(goal=met, period=t1(), status="met")
    write(
        t1(), org.namnd_a,
        important_events="<p>Ny skola invigd.</p>",
        goal_summary="Ett av två mål uppfyllt.",
        economy="<p>Underskott <script>x()</script>fem miljoner.</p>",
    )  # fmt: skip
    return org


def test_kommun_report_has_a_section_per_body_that_wrote_and_names_those_missing(year):
    org = year
    section = body_reports(ctx_for(t1()))

    assert section.key == "verksamhetsberattelser"
    assert [child.title for child in section.children] == ["Nämnd A"]
    assert "Kommunstyrelsen, Nämnd B" in section.data["missing"]
    child = section.children[0]
    labels = [label for label, _text in child.data["texts"]]
    assert len(labels) == 3  # the outlook is not written: no empty sub-heading
    texts = [text.html for _label, text in child.data["texts"]]
    assert texts == [
        "<p>Ny skola invigd.</p>",
        "<p>Ett av två mål uppfyllt.</p>",
        "<p>Underskott fem miljoner.</p>",
    ]
    drift, goals = child.tables
    kommun_drift = economy.operating(ctx_for(t1())).tables[0]
    assert drift.rows == [next(r for r in kommun_drift.rows if r[0] == org.namnd_a.name)]
    assert drift.rows[0][5] == Decimal(160 * M)  # the forecast
    assert goals.rows == [["Nämnd A", 1, 0, 0, 1, 2]]  # met, partly, not met, not assessed
    assert drift.sheet is None and goals.sheet is None


def test_bodies_follow_the_organisations_order(year):
    org = year
    write(t1(), org.ks, outlook="Fler invånare.")
    write(t1(), org.namnd_b, outlook="Fler äldre.")

    section = body_reports(ctx_for(t1()))

    assert [c.title for c in section.children] == ["Kommunstyrelsen", "Nämnd A", "Nämnd B"]
    assert section.data["missing"] == ""


def test_missing_line_in_english(year):
    with translation.override("en"):
        section = body_reports(ctx_for(t1()))
    assert section.data["missing"] == (
        "Has not submitted an operations report: Kommunstyrelsen, Nämnd B."
    )


def test_a_closed_period_lists_nobody_as_missing(year):
    ReportingPeriod.objects.filter(pk=t1().pk).update(state="closed")

    section = body_reports(ctx_for(t1(), kind=ReportKind.ANNUAL))

    assert section.data["missing"] == ""
    assert [c.title for c in section.children] == ["Nämnd A"]


def test_budget_followup_includes_what_is_written_and_lists_nobody(year):
    org = year
    section = body_reports(ctx_for(t1(), kind=ReportKind.BUDGET_FOLLOWUP))
    assert section.data["missing"] == ""
    assert [c.title for c in section.children] == ["Nämnd A"]

    BodyReport.objects.filter(unit=org.namnd_a).delete()
    assert body_reports(ctx_for(t1(), kind=ReportKind.BUDGET_FOLLOWUP)) is None


def test_nämnd_report_has_its_own_report_with_its_goals(year):
    org = year
    ctx = ctx_for(t1(), unit=org.namnd_a)

    section = body_reports(ctx)

    assert section.key == "verksamhetsberattelse"
    assert not section.children
    assert not section.data["missing"]
    [goals] = section.tables
    assert goals.rows == [["Nämnd A", 1, 0, 0, 1, 2]]


def test_nämnd_report_prints_its_drift_per_verksamhet_once(year):
    """The berättelse does not repeat the economy chapter's table beside the text."""
    org = year
    document = build_document(kind=ReportKind.INTERIM, period=t1(), unit=org.namnd_a)
    own = economy.operating(ctx_for(t1(), unit=org.namnd_a)).tables[0]

    drift = [t for t in document.tables() if t.title == own.title]

    assert [(t.key, t.rows, t.total) for t in drift] == [("drift", own.rows, own.total)]


def test_nämnd_report_without_text_says_it_is_missing_while_open(year):
    org = year
    section = body_reports(ctx_for(t1(), unit=org.namnd_b))
    assert section.data["missing"] is True
    assert section.data["texts"] == []

    ReportingPeriod.objects.filter(pk=t1().pk).update(state="closed")
    assert body_reports(ctx_for(t1(), unit=org.namnd_b)) is None


def test_the_interim_report_draws_them_with_unique_table_keys(year):
    org = year
    for unit in (None, org.namnd_a):
        document = build_document(kind=ReportKind.INTERIM, period=t1(), unit=unit)
        keys = [table.key for table in document.tables()]
        assert len(keys) == len(set(keys))
        html = render.render_html(document)
        assert "Ny skola invigd." in html
        assert "<script>" not in html.split("<body", 1)[1]


def grow(org) -> None:
    """Four more nämnder with frames, forecasts, goals and berättelser, and a bolag that
    wrote one."""
    period = t1()
    frame = AppropriationFactory._meta.model.objects.filter(decision__kind="frame").first()
    level = steering_model_load_preset(actor=None, key="vimmerby", activate=True).levels.get(
        key="namndmal"
    )
    for n in range(4):
        body = UnitFactory(parent=org.kf, kind="namnd", name=f"Extra {n}", ansvarskod=f"5{n}00")
        UnitFactory(parent=body, kind="verksamhet", name=f"V {n}", ansvarskod=f"5{n}10")
        AppropriationFactory(decision=frame.decision, unit=body, amount=Decimal(10 * M))
        ForecastFactory(unit=body, period=period, amount=Decimal(11 * M))
        goal = GoalFactory(owner=body, level=level, title=f"Mål {n}")
        AssessmentFactory(goal=goal, period=period, status="partly")
        write(period, body, important_events=f"Händelse {n}.", outlook="Framtid.")
    bolag = UnitFactory(parent=org.kf, kind="bolag", name="Bolaget AB", ansvarskod="9000")
    write(period, bolag, important_events="Nya bostäder.")


def count(ctx: BuildContext) -> int:
    with CaptureQueriesContext(connection) as queries:
        body_reports(ctx)
    return len(queries)


def test_kommun_section_runs_a_fixed_number_of_queries(year, django_assert_num_queries):
    small = count(ctx_for(t1()))
    grow(year)
    ctx = ctx_for(t1())
    with django_assert_num_queries(small):
        section = body_reports(ctx)
    assert len(section.children) == 6
    # the bodies, their berättelser; the steering model, its goals of the bodies, their
    # assessments and the financial goals' links (computed statuses); the driftredovisning
    # the economy chapter shares: budgets, the body of each unit, outcome, forecasts, bodies
    assert small == 11
