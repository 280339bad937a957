"""Indicators on a grunduppdrag and on an uppdrag, not only on a goal (Vadstena): linked and
unlinked by the mission's unit / the giving body with who and why, refused for another
unit and in a closed year, and the mission's unit enters their values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.goals import services
from apps.goals.models import AssignmentIndicator, IndicatorTarget, MissionIndicator, Tag
from tests.factories import IndicatorFactory, ReportingPeriodFactory
from tests.goals.builders import periods


@pytest.fixture
def vadstena(org):
    model = services.steering_model_load_preset(actor=None, key="vadstena", activate=True)
    model.uses_sustainability_aspects = True
    model.save()
    return model


@pytest.fixture
def social(db):
    return Tag.objects.get(kind="hallbarhet", code="social")


@pytest.fixture
def preschool(org, vadstena, editor_a, social):
    return services.basic_mission_save(
        actor=editor_a,
        unit=org.namnd_a,
        title="Förskola",
        text="Förskola för alla barn 1–5 år.",
        first_year=2024,
        tags=[social],
        reason="Reglemente",
    )


@pytest.fixture
def housing(org, vadstena, admin_user, social):
    return services.assignment_create(
        actor=admin_user,
        given_by=org.kf,
        title="Bostäder för unga",
        first_year=2026,
        last_year=2027,
        recipients=[org.namnd_b],
        decided_on=dt.date(2025, 6, 16),
        paragraph="§ 87",
        tags=[social],
        reason="Budget 2026",
    )


def history_of(link_model, **lookup) -> list[tuple[str, str, str]]:
    return [
        (r.history_type, r.history_user.username, r.history_change_reason)
        for r in link_model.history.filter(**lookup).order_by("history_date", "history_id")
    ]


class TestMissionIndicators:
    def test_the_missions_unit_links_and_unlinks_with_who_and_why(self, preschool, editor_a):
        indicator = IndicatorFactory(title="Andel barn i förskola")
        services.mission_indicator_link(
            actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026,
            reason="Etablerad indikator",
        )  # fmt: skip
        assert list(preschool.indicator_links.values_list("indicator", "year")) == [
            (indicator.pk, 2026)
        ]
        services.mission_indicator_unlink(
            actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026,
            reason="Ersätts",
        )  # fmt: skip
        assert not preschool.indicator_links.exists()
        assert history_of(MissionIndicator, basic_mission=preschool) == [
            ("+", "redaktor_a", "Etablerad indikator"),
            ("-", "redaktor_a", "Ersätts"),
        ]

    def test_another_units_editor_is_refused(self, preschool, editor_b, editor_a):
        indicator = IndicatorFactory()
        with pytest.raises(PermissionDenied):
            services.mission_indicator_link(
                actor=editor_b, basic_mission=preschool, indicator=indicator, year=2026,
                reason="Nej",
            )  # fmt: skip
        services.mission_indicator_link(
            actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026, reason="Ja"
        )
        with pytest.raises(PermissionDenied):
            services.mission_indicator_unlink(
                actor=editor_b, basic_mission=preschool, indicator=indicator, year=2026,
                reason="Nej",
            )  # fmt: skip
        assert preschool.indicator_links.count() == 1

    def test_twice_in_a_year_or_outside_the_missions_years_is_refused(self, preschool, editor_a):
        indicator = IndicatorFactory()
        services.mission_indicator_link(
            actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026, reason="Ja"
        )
        with pytest.raises(ValidationError) as twice:
            services.mission_indicator_link(
                actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026,
                reason="Igen",
            )  # fmt: skip
        assert "indicator" in twice.value.message_dict
        with pytest.raises(ValidationError) as before:
            services.mission_indicator_link(
                actor=editor_a, basic_mission=preschool, indicator=indicator, year=2023,
                reason="Före",
            )  # fmt: skip
        assert "year" in before.value.message_dict

    def test_a_closed_years_links_are_read_only(self, preschool, editor_a):
        ReportingPeriodFactory(
            year=2025, kind="bokslut", name="Bokslut", ends_on=dt.date(2025, 12, 31),
            deadline=dt.date(2026, 2, 15), state="closed",
        )  # fmt: skip
        with pytest.raises(ValidationError) as closed:
            services.mission_indicator_link(
                actor=editor_a, basic_mission=preschool, indicator=IndicatorFactory(),
                year=2025, reason="Sent",
            )  # fmt: skip
        assert "year" in closed.value.message_dict

    def test_a_new_indicator_with_the_units_target(self, org, preschool, editor_a):
        link = services.followed_indicator_add(
            actor=editor_a,
            basic_mission=preschool,
            year=2026,
            new_indicator={"title": "Barn per grupp", "measure_unit": "antal",
                           "direction": "lower"},
            target=Decimal("15"),
            reason="Ny indikator",
        )  # fmt: skip
        target = IndicatorTarget.objects.get(indicator=link.indicator, year=2026)
        assert (target.unit, target.value) == (org.namnd_a, Decimal("15"))

    def test_the_missions_unit_enters_the_indicators_value(
        self, org, preschool, editor_a, editor_b
    ):
        _bokslut, _tertial1, tertial2 = periods()
        indicator = IndicatorFactory()
        services.mission_indicator_link(
            actor=editor_a, basic_mission=preschool, indicator=indicator, year=2026, reason="Ja"
        )
        value = services.indicator_value_set(
            actor=editor_a, indicator=indicator, period=tertial2, unit=org.namnd_a,
            total=Decimal("93.5"), reason="Tertial 2",
        )  # fmt: skip
        assert value.total == Decimal("93.5")
        with pytest.raises(PermissionDenied):
            services.indicator_value_set(
                actor=editor_b, indicator=indicator, period=tertial2, unit=org.namnd_a,
                total=Decimal("1"), reason="Nej",
            )  # fmt: skip


class TestAssignmentIndicators:
    def test_the_giving_body_links_and_unlinks(self, housing, admin_user):
        indicator = IndicatorFactory(title="Nya bostäder för unga")
        services.assignment_indicator_link(
            actor=admin_user, assignment=housing, indicator=indicator, year=2026, reason="KF"
        )
        services.assignment_indicator_unlink(
            actor=admin_user, assignment=housing, indicator=indicator, year=2026, reason="Fel"
        )
        assert history_of(AssignmentIndicator, assignment=housing) == [
            ("+", "admin", "KF"),
            ("-", "admin", "Fel"),
        ]

    def test_a_receiving_nämnd_cannot_link(self, housing, editor_b):
        with pytest.raises(PermissionDenied):
            services.assignment_indicator_link(
                actor=editor_b, assignment=housing, indicator=IndicatorFactory(), year=2026,
                reason="Nej",
            )  # fmt: skip
        assert not housing.indicator_links.exists()

    def test_outside_the_uppdrags_years_is_refused(self, housing, admin_user):
        with pytest.raises(ValidationError) as refused:
            services.assignment_indicator_link(
                actor=admin_user, assignment=housing, indicator=IndicatorFactory(), year=2030,
                reason="Sent",
            )  # fmt: skip
        assert "year" in refused.value.message_dict

    def test_unlinking_what_is_not_linked_is_refused(self, housing, admin_user):
        with pytest.raises(ValidationError):
            services.assignment_indicator_unlink(
                actor=admin_user, assignment=housing, indicator=IndicatorFactory(), year=2026,
                reason="Fel",
            )  # fmt: skip

    def test_a_kf_uppdrags_new_indicator_has_the_kommuns_target(self, housing, admin_user):
        link = services.followed_indicator_add(
            actor=admin_user, assignment=housing, year=2026,
            new_indicator={"title": "Bostäder", "measure_unit": "antal", "direction": "higher"},
            target=Decimal("40"), reason="KF",
        )  # fmt: skip
        target = IndicatorTarget.objects.get(indicator=link.indicator, year=2026)
        assert (target.unit, target.value) == (None, Decimal("40"))


@pytest.fixture(params=[2, 20], ids=["2-indicators", "20-indicators"])
def followed(request, org, preschool, housing, editor_a, admin_user):
    """``n`` indicators following the grunduppdrag and the uppdrag, each with a target and
    a value in the open tertial."""
    _bokslut, _tertial1, tertial2 = periods()
    for i in range(request.param):
        for owner in (preschool, housing):
            indicator = IndicatorFactory(title=f"Indikator {i}")
            if owner is preschool:
                MissionIndicator.objects.create(basic_mission=owner, indicator=indicator, year=2026)
            else:
                AssignmentIndicator.objects.create(assignment=owner, indicator=indicator, year=2026)
            services.indicator_target_set(
                actor=admin_user, indicator=indicator, year=2026, value=Decimal(i), reason="Mål"
            )
            services.indicator_value_set(
                actor=admin_user, indicator=indicator, period=tertial2, unit=org.namnd_a,
                total=Decimal(i + 1), reason="Utfall",
            )  # fmt: skip
    return request.param


# The grunduppdrag's tags and indicators, and their targets and values (4).
MISSION_PAGE_QUERIES = 4
# + the uppdrag's recipients with their units and its decisions with their bodies (2).
ASSIGNMENT_PAGE_QUERIES = 6


def test_the_pages_read_a_fixed_number_of_queries(
    followed, preschool, housing, editor_a, django_assert_num_queries
):
    from apps.accounts.access import access_for
    from apps.goals.selectors import assignment_page, mission_page

    reader = access_for(editor_a)
    assert reader.can_read and reader.editor_scopes()  # the roles, read before counting
    with django_assert_num_queries(MISSION_PAGE_QUERIES):
        page = mission_page(mission=preschool, year=2026, reader=reader)
    assert len(page.indicators) == followed
    assert all(line.target is not None and line.latest for line in page.indicators)
    with django_assert_num_queries(ASSIGNMENT_PAGE_QUERIES):
        page = assignment_page(assignment=housing, year=2026, reader=reader)
    assert len(page.indicators) == followed
