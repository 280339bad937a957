"""No lost updates in intern kontroll: two editors open the same risk, control plan or control
result; the second save from the older version is refused, the first editor's work stays,
and the second saves again on top of it (apps/core/locking.py)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import translation

from apps.control import services
from apps.control.models import ControlPlan, ControlResult, Risk, RiskCategory, RiskLevel
from apps.core.locking import StaleEdit
from tests.control.factories import ControlFactory, ControlPlanFactory, RiskFactory
from tests.factories import RoleAssignmentFactory, UserFactory


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def colleague(org):
    user = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


class TestServices:
    def test_a_risk_saved_from_an_older_version_is_refused(self, org, editor_a, colleague):
        risk = RiskFactory(unit=org.namnd_a, description="Utkast", owner="Chef")
        services.risk_update(actor=colleague, risk=risk, description="Karins text",
                             expected_version=1, reason="Karin")  # fmt: skip
        with pytest.raises(StaleEdit) as caught:
            services.risk_update(actor=editor_a, risk=risk, owner="Min ägare",
                                 expected_version=1, reason="Jag")  # fmt: skip
        assert caught.value.who == "Karin Ek"
        risk.refresh_from_db()
        assert (risk.description, risk.owner, risk.version) == ("Karins text", "Chef", 2)
        services.risk_update(actor=editor_a, risk=risk, owner="Min ägare", expected_version=2,
                             reason="Jag")  # fmt: skip
        risk.refresh_from_db()
        assert (risk.description, risk.owner, risk.version) == ("Karins text", "Min ägare", 3)

    def test_a_control_plan_decided_meanwhile_is_refused(self, org, editor_a, colleague):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))

        def decide(actor, paragraph, version):
            return services.control_plan_decide(
                actor=actor, plan=control.plan, decided_on=dt.date(2025, 12, 10),
                paragraph=paragraph, expected_version=version, reason="Beslut",
            )  # fmt: skip

        decide(colleague, "§ 12", 1)
        with pytest.raises(StaleEdit):
            decide(editor_a, "§ 13", 1)
        plan = ControlPlan.objects.get()
        assert (plan.paragraph, plan.version) == ("§ 12", 2)

    def test_a_control_result_saved_from_an_older_version_is_refused(
        self, org, editor_a, colleague, open_period
    ):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))

        def report(actor, comment, version):
            return services.control_result_save(
                actor=actor, control=control, period=open_period, status="no_remarks",
                comment=comment, expected_version=version, reason="Resultat",
            )  # fmt: skip

        report(colleague, "Karin: inga brister.", 0)
        with pytest.raises(StaleEdit):
            report(editor_a, "Min kommentar.", 0)
        assert ControlResult.objects.get().comment == "Karin: inga brister."
        assert report(editor_a, "Båda.", 1).version == 2

    def test_a_setting_saved_from_an_older_version_is_refused(self, admin_user):
        category = RiskCategory.objects.get(key="it")
        opened = RiskCategory.objects.get(pk=category.pk)
        category.name = "IT och informationssäkerhet"
        services.control_setting_save(actor=admin_user, setting=category, reason="Namn")
        opened.name = "Digitalisering"
        with pytest.raises(StaleEdit):
            services.control_setting_save(actor=admin_user, setting=opened, reason="Namn")
        assert RiskCategory.objects.get(pk=category.pk).name == "IT och informationssäkerhet"


class TestRiskPage:
    def test_a_stale_risk_shows_both_texts_and_keeps_the_first(self, client, org, editor_a,
                                                               colleague):  # fmt: skip
        risk = RiskFactory(unit=org.namnd_a, description="Utkast", owner="Chef")
        url = f"/intern-kontroll/risk/{risk.pk}/"
        data = {"description": "Utkast", "process": risk.process, "category": risk.category_id,
                "probability": "3", "consequence": "3", "owner": "Chef",
                "change_reason": "Ändring", "version": "1"}  # fmt: skip
        client.force_login(editor_a)
        assert 'name="version" value="1"' in client.get(url).content.decode()

        client.force_login(colleague)
        assert client.post(url, {**data, "description": "Karins text"}).status_code == 302
        client.force_login(editor_a)
        response = client.post(url, {**data, "description": "Min text"})

        assert response.status_code == 200
        html = unescape(response.content.decode())
        alert = re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', html,
                          re.S)[1]  # fmt: skip
        assert "Karin Ek" in alert and "Karins text" in alert and "Min text" in alert
        assert t("Their version:") in alert
        assert 'name="version" value="2"' in html
        assert Risk.objects.get().description == "Karins text"
        assert client.post(url, {**data, "description": "Båda", "version": "2"}).status_code == 302
        assert Risk.objects.get().description == "Båda"


class TestResultsPage:
    def test_a_stale_result_shows_the_conflict_at_its_control(
        self, client, org, editor_a, colleague, open_period
    ):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a, year=2026))
        other = ControlFactory(plan=control.plan)
        url = f"/intern-kontroll/enhet/{org.namnd_a.pk}/2026/resultat/{open_period.pk}/"

        def post(comment, version):
            return client.post(url, {
                "action": f"result-{control.pk}", f"c{control.pk}-status": "no_remarks",
                f"c{control.pk}-comment": comment, f"c{control.pk}-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("Karin: inga brister.", 0).status_code == 302
        client.force_login(editor_a)
        response = post("Min kommentar.", 0)

        assert response.status_code == 200
        html = unescape(response.content.decode())
        article = re.search(rf'<article [^>]*id="control-{control.pk}">(.*?)</article>', html,
                            re.S)[1]  # fmt: skip
        assert 'class="conflict"' in article and "Min kommentar." in article
        assert "Karin: inga brister." in article
        elsewhere = re.search(rf'<article [^>]*id="control-{other.pk}">(.*?)</article>', html,
                              re.S)[1]  # fmt: skip
        assert 'class="conflict"' not in elsewhere
        assert ControlResult.objects.get().comment == "Karin: inga brister."


class TestAdmin:
    def test_a_stale_risk_level_is_refused_with_the_other_value(self, client, admin_user):
        level = RiskLevel.objects.order_by("min_value").first()
        url = f"/admin/control/risklevel/{level.pk}/change/"
        data = {"name": level.name, "min_value": level.min_value, "max_value": level.max_value,
                "colour": level.colour, "change_reason": "Färg",
                "version": level.version}  # fmt: skip
        client.force_login(admin_user)
        assert client.post(url, {**data, "name": "Låg risk"}).status_code == 302
        response = client.post(url, {**data, "name": "Mycket låg"})
        assert response.status_code == 200
        assert "Låg risk" in unescape(response.content.decode())
        assert RiskLevel.objects.get(pk=level.pk).name == "Låg risk"
