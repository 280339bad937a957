"""Intern kontroll as people use it: a controller at Kommunstyrelsen scores a risk and sees it
move in the 5×5 matrix, puts it into the (reopened, then decided again) control plan with a
control, reports the control's result for the open period, and finds it in KS's roll-up of
all nämnder. An editor of another nämnd cannot change KS's risks.

Exempelkommun has decided control plans 2026 for KS, Barn- och utbildningsnämnden and
Socialnämnden, and 2026's Tertial 2 open. It has no editor of KS, so the test adds one.
Expected texts come from the demo data and from the translation catalogue the pages use.
"""

from __future__ import annotations

import re

from django.utils import timezone, translation
from playwright.sync_api import expect

from apps.control.models import Control, ControlPlan, ControlResult, ResultStatus, Risk
from apps.demo import data
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from tests.browser.conftest import Visitor
from tests.factories import RoleAssignmentFactory, UserFactory

YEAR = 2026
KS = "Kommunstyrelsen"
# A risk of KS's demo analysis (sannolikhet 2, konsekvens 3) that is not in the plan.
RISK = "Ändrad lagstiftning uppmärksammas för sent"
CONTROL = "Att nya lagar och förordningar bevakas"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def cell_count(visitor: Visitor, probability: int, consequence: int) -> int:
    cell = visitor.page.locator(f'a[data-cell="{probability}-{consequence}"] .risk-matrix__count')
    return int(cell.inner_text())


def log_out(visitor: Visitor) -> None:
    visitor.page.locator("header").get_by_role("button", name=t("Log out")).click()
    expect(visitor.page).to_have_url(visitor.url("/login/"))
    visitor.axe()


def test_a_controller_at_ks_scores_a_risk_plans_a_control_and_reports_it(
    visitor: Visitor,
) -> None:
    page = visitor.page
    ks = Unit.objects.get(ansvarskod="1000", valid_to__isnull=True)
    risk = Risk.objects.get(unit=ks, year=YEAR, description=RISK)
    assert (risk.probability, risk.consequence, risk.in_control_plan) == (2, 3, False)
    period = ReportingPeriod.objects.get(year=YEAR, name="Tertial 2")
    assert period.state == PeriodState.OPEN
    controller = UserFactory(username="kontrollant", first_name="Karin", last_name="Ny")
    controller.set_password(data.DEMO_PASSWORD)
    controller.save()
    RoleAssignmentFactory(user=controller, role="redaktor", unit=ks)

    # The controller opens intern kontroll for 2026 and KS's risk analysis.
    visitor.login("kontrollant")
    page.locator("header nav").get_by_role("link", name=t("Internal control"), exact=True).click()
    expect(page).to_have_url(visitor.url("/intern-kontroll/"))
    visitor.axe()
    if str(YEAR) not in page.locator("h1").inner_text():  # the index opens on this year
        visitor.goto(f"/intern-kontroll/?ar={YEAR}")
    row = page.locator("main table tbody tr").filter(
        has=page.get_by_role("rowheader", name=KS, exact=True)
    )
    row.locator("td").first.get_by_role("link").click()
    risks_path = f"/intern-kontroll/enhet/{ks.pk}/{YEAR}/"
    expect(page).to_have_url(visitor.url(risks_path))
    expect(page.locator("h1")).to_have_text(KS)
    visitor.axe()
    before_old, before_new = cell_count(visitor, 2, 3), cell_count(visitor, 4, 4)
    assert before_old >= 1

    # She scores the risk again: more likely and worse than thought.
    page.get_by_role("link", name=RISK, exact=True).click()
    expect(page).to_have_url(visitor.url(f"/intern-kontroll/risk/{risk.pk}/"))
    visitor.axe()
    page.get_by_label(t("Probability (1–5)")).select_option("4")
    page.get_by_label(t("Consequence (1–5)")).select_option("4")
    page.get_by_label(t("Reason for the change")).fill("Ny lagstiftning om informationssäkerhet")
    page.get_by_role("button", name=t("Save the risk")).click()
    expect(page).to_have_url(visitor.url(f"{risks_path}?sannolikhet=4&konsekvens=4#cell"))
    expect(page.locator(".messages")).to_contain_text(t("The risk was saved."))
    visitor.axe()

    # The risk has moved in the matrix: out of cell 2×3 and into cell 4×4, listed below it.
    assert cell_count(visitor, 2, 3) == before_old - 1
    assert cell_count(visitor, 4, 4) == before_new + 1
    expect(page.locator("#cell-risks")).to_contain_text(RISK)
    risk.refresh_from_db()
    assert (risk.probability, risk.consequence, risk.value) == (4, 4, 16)
    assert risk.history.first().history_user.username == "kontrollant"

    # The decided control plan is reopened, the control added and the plan decided again.
    page.locator("main .control-actions").get_by_role(
        "link", name=t("Control plan"), exact=True
    ).click()
    plan_path = f"/intern-kontroll/enhet/{ks.pk}/{YEAR}/kontrollplan/"
    expect(page).to_have_url(visitor.url(plan_path))
    visitor.axe()
    plan = ControlPlan.objects.get(unit=ks, year=YEAR)
    assert plan.is_decided
    expect(page.get_by_role("button", name=t("Add the control"))).to_have_count(0)
    page.get_by_role("button", name=t("Reopen the control plan")).click()
    expect(page.locator(".messages")).to_contain_text(t("The control plan is reopened as a draft."))
    visitor.axe()
    plan.refresh_from_db()
    assert not plan.is_decided

    form = page.locator("main form").filter(
        has=page.get_by_role("button", name=t("Add the control"))
    )
    form.get_by_label(re.compile(rf"^{re.escape(t('Risk'))}")).select_option(str(risk.pk))
    form.get_by_label(t("What is checked")).fill(CONTROL)
    form.get_by_label(t("How it is checked")).fill("Genomgång av bevakningslistan")
    form.get_by_label(t("Who checks")).fill("Kommunjurist")
    form.get_by_label(t("How often")).fill("En gång per tertial")
    form.get_by_label(t("When it is reported")).fill("Tertial 2 och 3")
    form.get_by_role("button", name=t("Add the control")).click()
    expect(page).to_have_url(visitor.url(f"{plan_path}#controls"))
    expect(page.locator(".messages")).to_contain_text(t("The control was added."))
    control = Control.objects.get(plan=plan, risk=risk)
    expect(page.locator(f"#control-{control.pk}")).to_contain_text(CONTROL)
    visitor.axe()

    decided_on = timezone.localdate()
    page.get_by_label(t("Decision date")).fill(decided_on.isoformat())
    page.get_by_label(t("Paragraph")).fill("§ 180")
    page.get_by_role("button", name=t("Decide the control plan")).click()
    expect(page.locator(".messages")).to_contain_text(t("The control plan is decided."))
    expect(page.get_by_role("button", name=t("Reopen the control plan"))).to_be_visible()
    visitor.axe()
    plan.refresh_from_db()
    assert (plan.is_decided, plan.decided_on, plan.paragraph) == (True, decided_on, "§ 180")
    risk.refresh_from_db()
    assert risk.in_control_plan

    # The editor reports the control's result for the open period.
    page.locator("main").get_by_role("link", name=str(period), exact=True).click()
    results_path = f"/intern-kontroll/enhet/{ks.pk}/{YEAR}/resultat/{period.pk}/"
    expect(page).to_have_url(visitor.url(results_path))
    visitor.axe()
    article = page.locator(f"#control-{control.pk}")
    expect(article).to_contain_text(t("Not reported"))
    article.get_by_label(re.compile(rf"^{re.escape(t('Result'))}")).select_option(
        ResultStatus.MINOR
    )
    article.get_by_label(t("Comment"), exact=True).fill("Två nya lagar var inte bevakade.")
    article.get_by_label(re.compile(re.escape(t("Measures for what failed")))).fill(
        "Bevakningslistan kompletteras varje månad."
    )
    article.get_by_role("button", name=re.compile(re.escape(t("Save the result")))).click()
    expect(page).to_have_url(visitor.url(f"{results_path}#control-{control.pk}"))
    expect(page.locator(".messages")).to_contain_text(t("The result was saved."))
    visitor.axe()
    result = ControlResult.objects.get(control=control, period=period)
    assert result.status == ResultStatus.MINOR
    assert result.history.first().history_user.username == "kontrollant"

    # KS's roll-up of all nämnder for the period shows it.
    visitor.goto(f"/intern-kontroll/?ar={YEAR}")
    page.locator("main").get_by_role("link", name=str(period), exact=True).click()
    expect(page).to_have_url(visitor.url(f"/intern-kontroll/sammanstallning/{period.pk}/"))
    visitor.axe()
    rows = page.locator("main table tbody tr")
    units = set(rows.locator("th").all_inner_texts())
    assert {KS, "Barn- och utbildningsnämnden", "Socialnämnden"} <= units
    mine = rows.filter(has_text=CONTROL)
    expect(mine).to_have_count(1)
    expect(mine.locator("th")).to_have_text(KS)
    with translation.override("sv"):
        minor = str(ResultStatus.MINOR.label)
    expect(mine).to_contain_text(minor)
    expect(mine).to_contain_text("Två nya lagar var inte bevakade.")
    expect(mine).to_contain_text("Bevakningslistan kompletteras varje månad.")


def test_an_editor_of_another_namnd_cannot_change_a_ks_risk(visitor: Visitor) -> None:
    page = visitor.page
    ks = Unit.objects.get(ansvarskod="1000", valid_to__isnull=True)
    risk = Risk.objects.get(unit=ks, year=YEAR, description=RISK)
    before = (risk.probability, risk.consequence, risk.history.count())
    visitor.login("redaktor2")  # editor of Socialnämnden

    # She reads KS's analysis, but without links to change it.
    visitor.goto(f"/intern-kontroll/enhet/{ks.pk}/{YEAR}/")
    expect(page.locator("h1")).to_have_text(KS)
    expect(page.locator("main table").last).to_contain_text(RISK)
    expect(page.get_by_role("link", name=RISK, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=t("Add a risk"))).to_have_count(0)

    # The form's address refuses her, and so does a post to it.
    response = visitor.goto(f"/intern-kontroll/risk/{risk.pk}/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text(t("Not allowed"))
    expect(page.locator("main form")).to_have_count(0)
    response = visitor.goto(f"/intern-kontroll/enhet/{ks.pk}/{YEAR}/ny-risk/")
    assert response is not None and response.status == 403
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    posted = page.request.post(
        visitor.url(f"/intern-kontroll/risk/{risk.pk}/"),
        form={"probability": "5", "consequence": "5", "change_reason": "Försök"},
        headers={"X-CSRFToken": token},
    )
    assert posted.status == 403
    assert t("Not allowed") in posted.text()  # the view's refusal, not a CSRF failure
    risk.refresh_from_db()
    assert (risk.probability, risk.consequence, risk.history.count()) == before
