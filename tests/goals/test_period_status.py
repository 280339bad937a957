"""Status belongs to a period (issue 13): the goal tree, the goal and unit pages and the
report's goal sections read the same statuses for the same period (``period_statuses``); an
earlier period's status is shown labelled and never counted; the period switch offers only
what the reader may read; and "X av Y" reads the same on every page for the same unit.

The chain is tests/goals/conftest.py's: KF's goals "Fler elever når målen" (school), "Trygg
äldreomsorg" (elderly) and "Resultat två procent" (finance); Nämnd A's nämndmål "Alla elever
läser i årskurs 3" (reading).
"""

from __future__ import annotations

from html import unescape

import pytest
from django.utils import translation

from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections.goals import goal_shares
from tests.factories import AssessmentFactory, GoalFactory
from tests.goals.builders import YEAR, level, periods


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def assessed(chain):
    """Tertial 1 (closed): school met, elderly partly, finance not assessed. Tertial 2
    (open): school not met; elderly has only tertial 1's status."""
    _bokslut, tertial1, tertial2 = periods()
    AssessmentFactory(goal=chain.school, period=tertial1, status="met")
    AssessmentFactory(goal=chain.elderly, period=tertial1, status="partly")
    AssessmentFactory(goal=chain.school, period=tertial2, status="not_met", analysis="Sämre")
    return tertial1, tertial2


def report_counts(period) -> tuple[int, int, int, int]:
    """The kommun report's first row of "Goals by status": KF's goals."""
    ctx = BuildContext(kind=ReportKind.INTERIM, period=period, unit=None, municipality=None)
    _label, met, partly, not_met, not_assessed, _total = goal_shares(ctx).tables[0].rows[0]
    return met, partly, not_met, not_assessed


def tree_counts(response) -> tuple[int, int, int, int]:
    shares = response.context["shares"]
    return shares.met, shares.partly, shares.not_met, shares.not_assessed


class TestTreeEqualsReport:
    @pytest.mark.parametrize("persona", ["politician", "economist"])
    def test_closed_period(self, request, client, chain, assessed, persona):
        tertial1, _ = assessed
        client.force_login(request.getfixturevalue(persona))
        response = client.get(f"/mal/?ar={YEAR}&period={tertial1.pk}")
        assert response.context["period"] == tertial1
        assert tree_counts(response) == report_counts(tertial1) == (1, 1, 0, 1)

    def test_open_period_for_the_ekonom(self, client, chain, assessed, economist):
        _, tertial2 = assessed
        client.force_login(economist)
        response = client.get(f"/mal/?ar={YEAR}&period={tertial2.pk}")
        assert response.context["period"] == tertial2
        # Elderly's tertial 1 status is not tertial 2's: not assessed in both.
        assert tree_counts(response) == report_counts(tertial2) == (0, 0, 1, 2)

    def test_an_earlier_status_is_shown_labelled_with_its_period(
        self, client, chain, assessed, economist
    ):
        tertial1, tertial2 = assessed
        client.force_login(economist)
        content = page(client.get(f"/mal/?ar={YEAR}&period={tertial2.pk}"))
        row = next(r for r in content.split('<div class="goal-row') if "Trygg äldreomsorg" in r)
        assert "status--not_assessed" in row
        label = f"{t('Partly met')} ({tertial1})"
        assert t("latest: %(earlier)s") % {"earlier": label} in row
        school = next(r for r in content.split('<div class="goal-row') if "Fler elever" in r)
        assert "status--not_met" in school
        assert "status__period" not in school  # its own period's status carries no label


class TestPeriodSwitch:
    def test_the_default_is_the_latest_closed_period_named_on_the_page(
        self, client, chain, assessed, economist
    ):
        tertial1, tertial2 = assessed
        client.force_login(economist)
        response = client.get(f"/mal/?ar={YEAR}")
        assert response.context["period"] == tertial1
        content = page(response)
        named = t("Status per %(name)s") % {"name": str(tertial1).lower()}
        assert named in content
        # Both periods are offered to the ekonom, the chosen one selected.
        assert f'<option value="{tertial1.pk}" selected>' in content
        assert f'<option value="{tertial2.pk}">' in content

    def test_another_period_chosen(self, client, chain, assessed, economist):
        _, tertial2 = assessed
        client.force_login(economist)
        content = page(client.get(f"/mal/?ar={YEAR}&period={tertial2.pk}&q=elever"))
        assert t("Status per %(name)s") % {"name": str(tertial2).lower()} in content
        assert 'value="elever"' in content  # the other filters are kept

    def test_a_politician_cannot_choose_the_open_period(self, client, chain, assessed, politician):
        tertial1, tertial2 = assessed
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}&period={tertial2.pk}")
        assert response.context["period"] == tertial1
        assert response.context["period_refused"]
        assert response.context["periods"] == [tertial1]
        content = page(response)
        assert str(tertial2) not in content  # not offered
        assert tree_counts(response) == (1, 1, 0, 1)

    @pytest.mark.parametrize("raw", ["abc", "999999", "-1", "bokslut"])
    def test_an_invalid_or_other_years_period_falls_back(
        self, client, chain, assessed, economist, raw
    ):
        tertial1, _ = assessed
        bokslut = periods()[0]  # last year's
        value = bokslut.pk if raw == "bokslut" else raw
        client.force_login(economist)
        for url in (
            f"/mal/?ar={YEAR}&period={value}",
            f"/mal/{chain.school.pk}/?ar={YEAR}&period={value}",
            f"/mal/enhet/{chain.school.owner_id}/?ar={YEAR}&period={value}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.context["period"] == tertial1

    def test_the_goal_page_shows_its_status_in_the_chosen_period(
        self, client, chain, assessed, economist
    ):
        _tertial1, tertial2 = assessed
        client.force_login(economist)
        url = f"/mal/{chain.school.pk}/?ar={YEAR}"
        assert client.get(url).context["data"].status.status == "met"
        response = client.get(f"{url}&period={tertial2.pk}")
        assert response.context["data"].status.status == "not_met"
        assert response.context["data"].rollup.period == tertial2
        assert "Sämre" in page(response)

    def test_a_year_without_periods_reads_not_assessed(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}")
        assert response.context["period"] is None
        assert response.context["shares"].not_assessed == response.context["shares"].total


class TestOneCountingRule:
    @pytest.fixture
    def second(self, chain, org, vimmerby):
        return GoalFactory(
            level=level(vimmerby, "namndmal"), owner=org.namnd_a, parent=chain.school,
            title="Fler läser på fritiden",
        )  # fmt: skip

    def test_x_of_y_is_the_same_on_every_page(
        self, client, chain, org, second, editor_a, economist
    ):
        _bokslut, _tertial1, tertial2 = periods()
        AssessmentFactory(goal=chain.reading, period=tertial2, status="partly")
        # A contribution to a KF goal is not required and not counted.
        AssessmentFactory(goal=chain.school, period=tertial2, unit=org.namnd_a)
        expected = t("%(reported)s of %(required)s") % {"reported": 1, "required": 2}

        client.force_login(editor_a)
        entry = client.get(f"/uppfoljning/{tertial2.pk}/enhet/{org.namnd_a.pk}/")
        todo = client.get("/uppfoljning/")
        unit_page = client.get(f"/mal/enhet/{org.namnd_a.pk}/?ar={YEAR}&period={tertial2.pk}")
        client.force_login(economist)
        overview = client.get(f"/uppfoljning/{tertial2.pk}/")

        found = {
            "entry": entry.context["data"].progress,
            "todo": next(i for i in todo.context["items"] if i.unit == org.namnd_a).progress,
            "unit page": unit_page.context["progress"],
            "overview": next(r for r in overview.context["rows"] if r.unit == org.namnd_a).progress,
        }
        assert {name: (p.reported, p.required) for name, p in found.items()} == {
            name: (1, 2) for name in found
        }
        for response in (entry, todo, unit_page, overview):
            assert expected in page(response)
