"""Charts: axes on round steps covering the values and the targets, text in the reports'
font, and each indicator's chart once per report."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from apps.goals import services
from apps.goals.models import Indicator
from apps.reports.content import BuildContext, ReportDocument, ReportKind, Section
from apps.reports.render import render_html
from apps.reports.sections import goals
from styrmodell.lib.charts import FONT, Point, nice_ticks, tick_decimals, value_target_chart
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)

D = Decimal


def is_round_step(step: Decimal) -> bool:
    mantissa = step.scaleb(-step.adjusted()).normalize()
    return mantissa in {D(1), D(2), D("2.5"), D(5)}


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("77", "86", ["75", "80", "85", "90"]),
        ("0", "100", ["0", "25", "50", "75", "100"]),
        ("0.12", "0.87", ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        ("-3.2", "4.1", ["-5.0", "-2.5", "0.0", "2.5", "5.0"]),
        ("1234", "98765", ["0", "25000", "50000", "75000", "100000"]),
        # a single value: a tenth of it either side; zero: from 0 upwards
        ("50", "50", ["45.0", "47.5", "50.0", "52.5", "55.0"]),
        ("-5", "-5", ["-5.50", "-5.25", "-5.00", "-4.75", "-4.50"]),
        ("0", "0", ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        # the reversed order; the largest an indicator's value may be (max_digits=14, 4 places)
        ("86", "77", ["75", "80", "85", "90"]),
        (
            "-9999999999.9999",
            "9999999999.9999",
            ["-10000000000", "-5000000000", "0", "5000000000", "10000000000"],
        ),
    ],
)
def test_ticks_step_roundly_from_below_the_lowest_to_above_the_highest(low, high, expected):
    assert [str(t) for t in nice_ticks(D(low), D(high))] == expected


@pytest.mark.parametrize(
    ("low", "high"),
    [("77", "86"), ("-0.004", "0.031"), ("12.3", "12.3"), ("0", "0"), ("-950", "-10"),
     ("3", "1000003"), ("99.1", "100.9"), ("-7", "-7"), ("0.0001", "0.0001"),
     ("9999999999.9999", "9999999999.9999"), ("-9999999999.9999", "0"),
     ("123456789", "123456790")],
)  # fmt: skip
def test_ticks_cover_the_range_on_one_round_step_and_are_at_most_five(low, high):
    ticks = nice_ticks(D(low), D(high))
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert 2 <= len(ticks) <= 5
    assert ticks[0] <= D(low) and ticks[-1] >= D(high)
    assert len(steps) == 1 and is_round_step(steps.pop())


def test_tick_labels_have_the_decimals_the_step_needs():
    assert tick_decimals([D(75), D(80)]) == 0
    assert tick_decimals([D("2.5"), D("5.0")]) == 1
    assert tick_decimals([D("0.25"), D("0.50")]) == 2


def test_the_chart_axis_is_on_round_steps_and_covers_values_and_target():
    points = [Point("T1", D(77)), Point("T2", D(79), D(84)), Point("T3", D(86), D(84))]
    svg = value_target_chart(points, title="Nöjdhet", chart_id="c", decimals=0)
    axis = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg)
    assert axis == ["75", "80", "85", "90"]


def test_a_chart_of_values_that_are_all_zero_has_no_axis_below_zero():
    points = [Point("T1", D(0)), Point("T2", D(0), D(0))]
    svg = value_target_chart(points, title="Anmälningar", chart_id="c", decimals=0)
    axis = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg)
    assert axis == ["0,00", "0,25", "0,50", "0,75", "1,00"]


def test_every_text_of_a_chart_names_its_font():
    svg = value_target_chart([Point("T1", D(1), D(2))], title="x", chart_id="c")
    texts = re.findall(r"<text [^>]*>", svg)
    assert texts and all(f'font-family="{FONT}"' in t for t in texts)


# --- One chart per indicator per report -----------------------------------------------------


@pytest.fixture
def shared_indicator(org):
    """A KF goal and two nämndmål under it; one indicator (the kommun's figures) is linked to
    the KF goal and Nämnd A's goal, another only to Nämnd B's."""
    model = services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    t1 = ReportingPeriodFactory(year=2026, state="closed")
    t2 = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    level = {key: model.levels.get(key=key) for key in ("inriktningsmal", "namndmal")}
    kf = GoalFactory(level=level["inriktningsmal"], owner=org.kf, title="Trygg kommun")
    a = GoalFactory(level=level["namndmal"], owner=org.namnd_a, parent=kf, title="A-mål")
    b = GoalFactory(level=level["namndmal"], owner=org.namnd_b, parent=kf, title="B-mål")
    shared = IndicatorFactory(title="Andel trygga invånare", decimals=0)
    own = IndicatorFactory(title="Andel nöjda brukare", decimals=0)
    for goal, indicator in ((kf, shared), (a, shared), (b, own)):
        GoalIndicatorFactory(goal=goal, indicator=indicator, year=2026)
        AssessmentFactory(goal=goal, period=t2, status="met")
    for indicator in (shared, own):
        IndicatorTargetFactory(indicator=indicator, year=2026, value=D(80))
        IndicatorValueFactory(indicator=indicator, period=t1, total=D(77))
        IndicatorValueFactory(indicator=indicator, period=t2, total=D(82))
    return BuildContext(kind=ReportKind.INTERIM, period=t2, unit=None, municipality=None)


def test_an_indicator_on_two_goals_has_one_chart_and_the_second_refers_to_it(shared_indicator):
    section = goals.goal_fulfilment(shared_indicator)
    lines = [(b.title, line) for b in section.data["blocks"] for line in b.indicators]
    charts = [title for title, line in lines if line.chart]
    assert charts == ["Trygg kommun", "B-mål"]
    referring = [(title, line.chart_at[1]) for title, line in lines if line.chart_at]
    assert referring == [("A-mål", "Trygg kommun")]


def test_a_goal_whose_owner_has_its_own_target_has_its_own_chart(shared_indicator, org):
    """Nämnd A's goal shows the kommun's values against Nämnd A's own target: not the chart of
    the KF goal, whose target line is the kommun's."""
    shared = Indicator.objects.get(title="Andel trygga invånare")
    IndicatorTargetFactory(indicator=shared, year=2026, unit=org.namnd_a, value=D(90))
    section = goals.goal_fulfilment(shared_indicator)
    lines = [(b.title, line) for b in section.data["blocks"] for line in b.indicators]
    assert [title for title, line in lines if line.chart] == ["Trygg kommun", "A-mål", "B-mål"]
    assert [line.chart_at for _title, line in lines] == [None, None, None]


def html_of(section: Section) -> str:
    period = SimpleNamespace(name="T2", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31))
    document = ReportDocument(
        kind=ReportKind.INTERIM, period=period, unit=None, municipality_name="Exempelkommun",
        title="Delårsrapport", subtitle="", recipient="KF", status="", logo=None, logo_type="",
        sections=[section],
    )  # fmt: skip
    return render_html(document)


def test_the_report_draws_the_chart_once_and_refers_to_its_page(shared_indicator):
    with translation.override("en"):
        section = goals.goal_fulfilment(shared_indicator)
        html = html_of(section)
    assert html.count("<svg") == 2
    goal_id = section.data["blocks"][0].goal_id
    assert f'Chart: see the goal “Trygg kommun” (<a href="#goal-{goal_id}">page</a>)' in html
