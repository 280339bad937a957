"""Intern kontroll's pages at their literal URLs: who reads and writes, what a POST leaves
in the database, and the fixed query counts of the matrix, plan, results and roll-up."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.utils import timezone

from apps.control.models import Control, ControlPlan, ControlResult, Risk, RiskCategory
from tests.control.factories import (
    ControlFactory,
    ControlPlanFactory,
    ControlResultFactory,
    RiskFactory,
)
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return unescape(response.content.decode())


def cell(response, probability: int, consequence: int) -> str:
    """The text of one matrix cell: its count and level label."""
    found = re.search(
        rf'data-cell="{probability}-{consequence}">\s*<span class="risk-matrix__count">(\d+)</span>'
        rf'\s*<span class="risk-matrix__level">([^<]*)</span>',
        page(response),
    )
    assert found, "no such cell"
    return f"{found[1]} {found[2]}"


def risk_post(**changes) -> dict:
    data = {"description": "Brister i informationssäkerheten", "process": "IT-drift",
            "category": RiskCategory.objects.get(key="it").pk, "probability": "4",
            "consequence": "5", "owner": "IT-chef", "change_reason": "Riskanalys 2026"}  # fmt: skip
    data.update(changes)
    return data


class TestIndex:
    def test_the_deciding_bodies_are_listed_with_their_plan(self, client, org, politician):
        plan = ControlPlanFactory(unit=org.namnd_a, year=2027)
        client.force_login(politician)
        response = client.get("/intern-kontroll/?ar=2027")
        assert response.status_code == 200
        assert response.context["year"] == 2027
        rows = dict(response.context["rows"])
        assert set(rows) == {org.ks, org.namnd_a, org.namnd_b}
        assert rows[org.namnd_a] == plan and rows[org.ks] is None

    def test_a_year_that_is_not_one_shows_the_current_year(self, client, org, politician):
        client.force_login(politician)
        response = client.get("/intern-kontroll/?ar=tjugo")
        assert response.status_code == 200
        assert response.context["year"] == timezone.localdate().year


class TestMatrix:
    def test_a_reader_sees_counts_and_level_labels_in_the_cells(self, client, org, politician):
        RiskFactory(unit=org.namnd_a, probability=4, consequence=5)
        RiskFactory(unit=org.namnd_a, probability=4, consequence=5)
        RiskFactory(unit=org.namnd_a, probability=1, consequence=1)
        client.force_login(politician)
        response = client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/")
        assert response.status_code == 200
        assert cell(response, 4, 5) == "2 Mycket hög"
        assert cell(response, 1, 1) == "1 Låg"
        assert cell(response, 3, 3) == "0 Medel"
        assert "Ny risk" not in page(response) and "/ny-risk/" not in page(response)

    def test_the_rows_run_from_consequence_five_down_and_columns_from_one_up(
        self, client, org, politician
    ):
        client.force_login(politician)
        html = page(client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/"))
        cells = re.findall(r'data-cell="(\d)-(\d)"', html)
        assert cells[0] == ("1", "5") and cells[4] == ("5", "5") and cells[-1] == ("5", "1")

    def test_a_cell_link_lists_its_risks(self, client, org, politician):
        RiskFactory(unit=org.namnd_a, probability=2, consequence=3, description="Fel i löner")
        RiskFactory(unit=org.namnd_a, probability=5, consequence=3, description="Annan risk")
        client.force_login(politician)
        response = client.get(
            f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/?sannolikhet=2&konsekvens=3"
        )
        assert response.context["chosen"].risks[0].description == "Fel i löner"
        section = page(response).split('id="cell-risks"')[1].split("</section>")[0]
        assert "Fel i löner" in section and "Annan risk" not in section

    def test_an_outsider_gets_403(self, client, org, outsider):
        client.force_login(outsider)
        assert client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/").status_code == 403


class TestRiskForm:
    def test_an_editor_scores_a_risk_and_it_lands_in_its_cell(self, client, org, editor_a):
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/ny-risk/"
        response = client.post(url, risk_post())
        risk = Risk.objects.get()
        assert (risk.probability, risk.consequence, risk.unit) == (4, 5, org.namnd_a)
        assert response.status_code == 302
        assert "sannolikhet=4&konsekvens=5" in response["Location"]
        assert cell(client.get(response["Location"]), 4, 5) == "1 Mycket hög"

    def test_a_score_outside_the_scale_shows_at_the_field_and_saves_nothing(
        self, client, org, editor_a
    ):
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/ny-risk/"
        response = client.post(url, risk_post(probability="9"))
        assert response.status_code == 200
        assert response.context["form"].errors["probability"]
        assert 'class="field__error"' in page(response)
        assert not Risk.objects.exists()

    def test_an_editor_of_another_nämnd_cannot_open_the_form(self, client, org, editor_b):
        client.force_login(editor_b)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/ny-risk/"
        assert client.get(url).status_code == 403
        assert client.post(url, risk_post()).status_code == 403
        assert not Risk.objects.exists()

    def test_an_editor_of_another_nämnd_cannot_change_a_risk(self, client, org, editor_b):
        risk = RiskFactory(unit=org.namnd_a, probability=1)
        client.force_login(editor_b)
        assert client.post(f"/intern-kontroll/risk/{risk.pk}/", risk_post()).status_code == 403
        risk.refresh_from_db()
        assert risk.probability == 1

    def test_an_editor_changes_a_risk(self, client, org, editor_a):
        risk = RiskFactory(unit=org.namnd_a, probability=1)
        client.force_login(editor_a)
        assert client.get(f"/intern-kontroll/risk/{risk.pk}/").status_code == 200
        client.post(f"/intern-kontroll/risk/{risk.pk}/", risk_post(probability="3"))
        risk.refresh_from_db()
        assert risk.probability == 3


class TestPlanPage:
    def test_an_editor_adds_a_control_and_the_nämnd_decides(self, client, org, editor_a):
        risk = RiskFactory(unit=org.namnd_a)
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/"
        client.post(url, {"action": "create"})
        client.post(url, {"action": "control", "control-risk": risk.pk,
                          "control-what": "Stickprov", "control-owner": "Controller",
                          "control-frequency": "Per tertial"})  # fmt: skip
        assert Control.objects.get().risk == risk
        client.post(url, {"action": "decide", "decide-decided_on": "2025-12-10",
                          "decide-paragraph": "§ 44"})  # fmt: skip
        plan = ControlPlan.objects.get()
        assert plan.is_decided and plan.paragraph == "§ 44"

    def test_a_control_without_frequency_shows_the_error_and_saves_nothing(
        self, client, org, editor_a
    ):
        risk = RiskFactory(unit=org.namnd_a)
        ControlPlanFactory(unit=org.namnd_a)
        client.force_login(editor_a)
        response = client.post(
            f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/",
            {"action": "control", "control-risk": risk.pk, "control-what": "Stickprov",
             "control-owner": "Controller", "control-frequency": ""},
        )  # fmt: skip
        assert response.status_code == 200
        assert response.context["control_form"].errors["frequency"]
        assert not Control.objects.exists()

    def test_an_editor_of_another_nämnd_cannot_write(self, client, org, editor_b):
        ControlPlanFactory(unit=org.namnd_a)
        client.force_login(editor_b)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/"
        response = client.get(url)
        assert response.status_code == 200 and not response.context["can_decide"]
        assert client.post(url, {"action": "reopen"}).status_code == 403

    def test_an_outsider_gets_403(self, client, org, outsider):
        client.force_login(outsider)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/"
        assert client.get(url).status_code == 403


class TestResultsPage:
    def test_an_editor_reports_a_result(self, client, org, editor_a, open_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{open_period.pk}/"
        response = client.post(url, {"action": f"result-{control.pk}",
                                      f"c{control.pk}-status": "major",
                                      f"c{control.pk}-measures": "Ny rutin"})  # fmt: skip
        assert response.status_code == 302
        assert ControlResult.objects.get().status == "major"

    def test_missing_measures_show_at_the_field(self, client, org, editor_a, open_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{open_period.pk}/"
        response = client.post(
            url, {"action": f"result-{control.pk}", f"c{control.pk}-status": "minor"}
        )
        assert response.status_code == 200
        assert f'id="id_c{control.pk}-measures-error-1"' in page(response)
        assert not ControlResult.objects.exists()

    def test_a_closed_period_is_read_only(self, client, org, editor_a, closed_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        ControlResultFactory(control=control, period=closed_period, comment="Allt i ordning")
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{closed_period.pk}/"
        response = client.get(url)
        assert '<form method="post" class="form"' not in page(response)
        assert "Allt i ordning" in page(response)
        client.post(url, {"action": f"result-{control.pk}", f"c{control.pk}-status": "major",
                          f"c{control.pk}-measures": "x"})  # fmt: skip
        assert ControlResult.objects.get().status == "no_remarks"

    def test_an_editor_of_another_nämnd_cannot_report(self, client, org, editor_b, open_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        client.force_login(editor_b)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{open_period.pk}/"
        assert '<form method="post" class="form"' not in page(client.get(url))
        response = client.post(url, {"action": f"result-{control.pk}",
                                      f"c{control.pk}-status": "no_remarks"})  # fmt: skip
        assert response.status_code == 403
        assert not ControlResult.objects.exists()


class TestRollup:
    def test_ks_sees_every_nämnd_s_results_with_text_labels(
        self, client, org, economist, open_period
    ):
        # An open period's results: the ekonom's (other readers: test_access_results.py)
        a = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a), what="Kontroll A")
        ControlFactory(plan=ControlPlanFactory(unit=org.namnd_b), what="Kontroll B")
        ControlResultFactory(control=a, period=open_period, status="minor", measures="Utbildning")
        client.force_login(economist)
        html = page(client.get(f"/intern-kontroll/sammanstallning/{open_period.pk}/"))
        assert "Kontroll A" in html and "Kontroll B" in html and "Utbildning" in html
        assert "control-status--minor" in html and "control-status--missing" in html


SIZES = (2, 8)


@pytest.fixture(params=SIZES, ids=[f"{n}-units" for n in SIZES])
def many(request, org, open_period) -> int:
    """``n`` nämnder, each with ``n`` risks, a plan with ``n`` controls and their results."""
    n = request.param
    for i in range(n):
        unit = org.namnd_a if i == 0 else UnitFactory(parent=org.kf, kind="namnd")
        plan = ControlPlanFactory(unit=unit)
        for j in range(n):
            risk = RiskFactory(unit=unit, probability=1 + j % 5, consequence=1 + (i + j) % 5)
            control = ControlFactory(plan=plan, risk=risk)
            if j % 2 == 0:
                ControlResultFactory(control=control, period=open_period)
    return n


# Session, user, role assignments and the kommun (base.html), then the page's own reads.
BASE = 4
MATRIX_QUERIES = BASE + 4  # unit; risks, levels, scale steps
PLAN_QUERIES = BASE + 7  # unit, plan, controls, risks, levels, the form's risks, periods
RESULTS_QUERIES = BASE + 6  # unit, period, plan, deadline extensions, controls, results
ROLLUP_QUERIES = BASE + 3  # period, controls, results


class TestQueries:
    def test_matrix(self, client, org, editor_a, many, django_assert_num_queries):
        client.force_login(editor_a)
        with django_assert_num_queries(MATRIX_QUERIES):
            response = client.get(
                f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/?sannolikhet=1&konsekvens=1"
            )
        assert len(response.context["matrix"].risks) == many

    def test_plan(self, client, org, editor_a, many, django_assert_num_queries):
        client.force_login(editor_a)
        with django_assert_num_queries(PLAN_QUERIES):
            response = client.get(f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/kontrollplan/")
        assert len(response.context["data"].controls) == many

    def test_results(self, client, org, editor_a, open_period, many, django_assert_num_queries):
        client.force_login(editor_a)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{open_period.pk}/"
        with django_assert_num_queries(RESULTS_QUERIES):
            response = client.get(url)
        assert len(response.context["rows"]) == many
        assert sum(1 for _c, _r, form, _conflict in response.context["rows"] if form) == many

    def test_rollup(self, client, politician, open_period, many, django_assert_num_queries):
        client.force_login(politician)
        with django_assert_num_queries(ROLLUP_QUERIES):
            response = client.get(f"/intern-kontroll/sammanstallning/{open_period.pk}/")
        assert len(response.context["rows"]) == many * many


class TestRiskHistory:
    """Every reader follows who scored a risk, when and why; one query per relation."""

    def test_a_reader_sees_each_change_with_who_and_why(self, client, politician, editor_a, org):
        from apps.control import services
        from apps.control.models import RiskCategory

        category = RiskCategory.objects.order_by("pk").first() or RiskCategory.objects.create(
            name="Verksamhet"
        )
        risk = services.risk_create(
            actor=editor_a, unit=org.namnd_a, year=2026, description="Brist på lärare",
            process="Rekrytering", category=category, probability=2, consequence=3,
            owner="Förvaltningschef", in_control_plan=False, reason="Riskanalys 2026",
        )  # fmt: skip
        services.risk_update(actor=editor_a, risk=risk, probability=4,
                             reason="Fler pensionsavgångar")  # fmt: skip
        client.force_login(politician)
        response = client.get(f"/intern-kontroll/risk/{risk.pk}/historik/")
        assert response.status_code == 200
        entries = response.context["entries"]
        assert [e.reason for e in entries] == ["Fler pensionsavgångar", "Riskanalys 2026"]
        [change] = entries[0].changes
        assert (change.old, change.new) == ("2", "4")

    def test_an_outsider_may_not(self, client, outsider, org):
        from tests.control.factories import RiskFactory

        risk = RiskFactory(unit=org.namnd_a)
        client.force_login(outsider)
        assert client.get(f"/intern-kontroll/risk/{risk.pk}/historik/").status_code == 403
