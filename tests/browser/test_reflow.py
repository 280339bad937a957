"""Every page reflows on a phone: at 320 and 390 CSS pixels wide nothing makes the page
scroll sideways (WCAG 1.4.10). Wide tables scroll inside their own wrapper instead.

The pages are one concrete URL for each URL pattern of the app, built from the demo kommun;
a pattern that is not a page a logged-in person opens (a POST-only save, a download, an htmx
fragment) is listed in SKIPPED with the reason. A new pattern that is in neither list fails
the test, so the sweep cannot go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import User
from apps.control.models import ControlPlan, Risk
from apps.documents.models import Deviation, GoverningDocument
from apps.economy.models import BudgetDecision, DetailBudget, InvestmentProject, OutcomeImport
from apps.followup.models import ActionPlan, BodyReport
from apps.goals.models import (
    AssignmentRecipient,
    BasicMission,
    ExternalFactor,
    FoundationElement,
    GoalIndicator,
    Indicator,
)
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.plans.models import Activity, PlanState
from apps.trust.models import StatusReport, TrustDialogue
from tests.browser.conftest import Visitor

OUTCOME_FILE = Path(__file__).resolve().parents[2] / "apps/economy/examples/utfall_med_fel.csv"
WIDTHS = (320, 390)
HEIGHTS = {320: 800, 390: 844}

POST_ONLY = "POST only: saves and answers with a redirect"
DOWNLOAD = "a file download, not a page"
FRAGMENT = "an htmx fragment; the page that includes it is swept"
REDIRECT = "redirects to the latest open period's page, which is swept"

SKIPPED = {
    "health": "JSON for the container's health check",
    "favicon.ico": "redirects to the static icon",
    "logo": "the kommun's logo image",
    "logout": POST_ONLY,
    "goals:steering_model_choose": POST_ONLY,
    "goals:children": FRAGMENT,
    "goals:assignment_indicator_remove": POST_ONLY,
    "goals:mission_indicator_remove": POST_ONLY,
    "periods:change_state": POST_ONLY,
    "followup:contribution_save": POST_ONLY,
    "followup:mission_save": POST_ONLY,
    "followup:mission_value": POST_ONLY,
    "followup:assignment_save": POST_ONLY,
    "followup:assignment_value": POST_ONLY,
    "followup:body_report_save": POST_ONLY,
    "followup:action_plan_revise": POST_ONLY,
    "plans:start": POST_ONLY,
    "consolidation:index": REDIRECT,
    "consolidation:statements_xlsx": DOWNLOAD,
    "consolidation:ownership_save": POST_ONLY,
    "consolidation:figures_save": POST_ONLY,
    "consolidation:figures_import": POST_ONLY,
    "consolidation:internal_add": POST_ONLY,
    "consolidation:internal_remove": POST_ONLY,
    "economy:home": REDIRECT,
    "economy:overview_xlsx": DOWNLOAD,
    "economy:drilldown_xlsx": DOWNLOAD,
    "economy:key_figures_xlsx": DOWNLOAD,
    "economy:income_statement_xlsx": DOWNLOAD,
    "economy:balance_sheet_xlsx": DOWNLOAD,
    "economy:finance_forecast_save": POST_ONLY,
    "economy:year_figures_save": POST_ONLY,
    "economy:good_management_rule_save": POST_ONLY,
    "economy:pension_save": POST_ONLY,
    "economy:note_save": POST_ONLY,
    "economy:principles_save": POST_ONLY,
    "personnel:import": POST_ONLY,
    "personnel:xlsx": DOWNLOAD,
    "control:risk_level_css": "a stylesheet",
    "documents:download": DOWNLOAD,
    "reports:mark_final": POST_ONLY,
    "reports:treatment_save": POST_ONLY,
    "reports:text_save": POST_ONLY,
    "reports:request_status": FRAGMENT,
    "reports:batch_status": FRAGMENT,
    "reports:pdf": DOWNLOAD,
    "reports:xlsx": DOWNLOAD,
}

LOGGED_OUT = {"login"}  # redirects a logged-in person to the start page


def _period() -> ReportingPeriod:
    """The open tertial: its pages have the most to show."""
    return ReportingPeriod.objects.filter(state="open").order_by("starts_on").first()


def _closed_period() -> ReportingPeriod:
    return ReportingPeriod.objects.filter(state="closed").order_by("-ends_on").first()


def _unit(code: str) -> Unit:
    return Unit.objects.get(ansvarskod=code)


def _bun() -> int:
    return _unit("2000").pk


def _goal_indicator() -> GoalIndicator:
    return GoalIndicator.objects.order_by("pk").first()


def _this_years_link() -> GoalIndicator:
    """A goal's indicator in the year the target page opens on without ?ar=."""
    year = timezone.localdate().year
    return GoalIndicator.objects.filter(year=year).order_by("pk").first()


def _recipient() -> AssignmentRecipient:
    return AssignmentRecipient.objects.order_by("pk").first()


def _activity() -> Activity:
    """One in a draft plan: a decided plan's activities are read-only."""
    return Activity.objects.exclude(plan__state=PlanState.DECIDED).order_by("pk").first()


def _control_plan() -> ControlPlan:
    return ControlPlan.objects.order_by("-year", "pk").first()


def _body_report() -> BodyReport:
    return BodyReport.objects.order_by("-period__ends_on", "pk").first()


def _detail_budget() -> DetailBudget:
    return DetailBudget.objects.order_by("-year", "pk").first()


def _reset_kwargs() -> dict:
    user = User.objects.get(username="admin")
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _upload_outcome_file(visitor: Visitor) -> None:
    """The import's step 2 shows the columns of the file uploaded in step 1."""
    page = visitor.page
    visitor.goto(reverse("economy:outcome_imports"))
    page.locator("input[name=file]").set_input_files(str(OUTCOME_FILE))
    page.locator("input[name=year]").fill("2026")
    page.locator("[name=reason]").fill("Kolumnerna i telefonen")
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(visitor.url(reverse("economy:outcome_columns")))
    visitor.axe()


# What must happen before a pattern's page shows, done by the visitor in the browser.
PREPARE: dict[str, Callable[[Visitor], None]] = {
    "economy:outcome_columns": _upload_outcome_file,
}

# The arguments of each pattern that has any, from the demo kommun.
ARGUMENTS: dict[str, Callable[[], dict]] = {
    "password_reset_confirm": _reset_kwargs,
    "organisation:unit": lambda: {"pk": _bun()},
    "organisation:unit_history": lambda: {"pk": _bun()},
    "goals:foundation_edit": lambda: {"pk": FoundationElement.objects.first().pk},
    "goals:foundation_end": lambda: {"pk": FoundationElement.objects.first().pk},
    "goals:external_factor_withdraw": lambda: {"pk": ExternalFactor.objects.first().pk},
    "goals:unit_goals": lambda: {"pk": _bun()},
    "goals:basic_mission_edit": lambda: {"pk": _bun()},
    "goals:detail": lambda: {"pk": _goal_indicator().goal_id},
    "goals:history": lambda: {"pk": _goal_indicator().goal_id},
    "goals:edit": lambda: {"pk": _goal_indicator().goal_id},
    "goals:move": lambda: {"pk": _goal_indicator().goal_id},
    "goals:retire": lambda: {"pk": _goal_indicator().goal_id},
    "goals:indicator_add": lambda: {"pk": _goal_indicator().goal_id},
    "goals:indicator_target_edit": lambda: {
        "pk": _this_years_link().goal_id,
        "indicator_pk": _this_years_link().indicator_id,  # the indicator's, not the link's
    },
    "goals:assignment_create": lambda: {"pk": _goal_indicator().goal_id},
    "goals:assignment_decide": lambda: {"pk": _recipient().assignment_id},
    "goals:assignment_report": lambda: {"pk": _recipient().pk},
    "goals:assignment_detail": lambda: {"pk": _recipient().assignment_id},
    "goals:assignment_edit": lambda: {"pk": _recipient().assignment_id},
    "goals:assignment_indicator_add": lambda: {"pk": _recipient().assignment_id},
    "goals:mission_new": lambda: {"pk": _bun()},
    "goals:mission_detail": lambda: {"pk": BasicMission.objects.order_by("pk").first().pk},
    "goals:mission_edit": lambda: {"pk": BasicMission.objects.order_by("pk").first().pk},
    "goals:mission_indicator_add": lambda: {"pk": BasicMission.objects.order_by("pk").first().pk},
    "goals:indicator_tags": lambda: {"pk": Indicator.objects.order_by("pk").first().pk},
    "periods:detail": lambda: {"pk": _period().pk},
    "followup:overview": lambda: {"period_pk": _period().pk},
    "followup:entry": lambda: {"period_pk": _period().pk, "unit_pk": _bun()},
    "followup:body_report": lambda: {
        "period_pk": _body_report().period_id,
        "unit_pk": _body_report().unit_id,
    },
    "followup:agenda_2030": lambda: {"period_pk": _closed_period().pk},
    "followup:action_plan": lambda: {"pk": ActionPlan.objects.order_by("pk").first().pk},
    "plans:detail": lambda: {"pk": _activity().plan_id},
    "plans:history": lambda: {"pk": _activity().plan_id},
    "plans:activity_create": lambda: {"plan_pk": _activity().plan_id},
    "plans:activity_edit": lambda: {"plan_pk": _activity().plan_id, "pk": _activity().pk},
    "trust:status_report": lambda: {"unit_pk": StatusReport.objects.first().unit_id},
    "trust:dialogue_edit": lambda: {"pk": TrustDialogue.objects.order_by("pk").first().pk},
    "trust:environment_analysis": lambda: {"year": _period().year},
    "trust:environment_analysis_edit": lambda: {"year": _period().year},
    "consolidation:period": lambda: {"period_pk": _closed_period().pk},
    "economy:overview": lambda: {"period_pk": _period().pk},
    "economy:drilldown": lambda: {"period_pk": _period().pk, "unit_pk": _bun()},
    "economy:forecast": lambda: {"period_pk": _period().pk, "unit_pk": _bun()},
    "economy:budget_year": lambda: {"year": _detail_budget().year},
    "economy:budget_year_edit": lambda: {"year": _detail_budget().year},
    "economy:budget_decision_create": lambda: {"year": _detail_budget().year},
    "economy:budget_decision": lambda: {"pk": BudgetDecision.objects.order_by("pk").first().pk},
    "economy:detail_budget": lambda: {
        "year": _detail_budget().year,
        "unit_pk": _detail_budget().unit_id,
    },
    "economy:investments": lambda: {"year": _detail_budget().year},
    "economy:project_edit": lambda: {"pk": InvestmentProject.objects.order_by("pk").first().pk},
    "economy:outcome_import": lambda: {"pk": OutcomeImport.objects.order_by("pk").first().pk},
    "economy:key_figures": lambda: {"period_pk": _closed_period().pk},
    "economy:income_statement": lambda: {"period_pk": _closed_period().pk},
    "economy:balance_sheet": lambda: {"period_pk": _closed_period().pk},
    "economy:strategic_plan": lambda: {"year": _detail_budget().year},
    "economy:finance_forecast": lambda: {"period_pk": _period().pk},
    "economy:pensions": lambda: {"period_pk": _closed_period().pk},
    "economy:notes": lambda: {"year": _closed_period().year},
    "personnel:period": lambda: {"period_pk": _closed_period().pk},
    "control:risks": lambda: {"unit_pk": _control_plan().unit_id, "year": _control_plan().year},
    "control:risk_create": lambda: {
        "unit_pk": _control_plan().unit_id,
        "year": _control_plan().year,
    },
    "control:risk_edit": lambda: {"pk": Risk.objects.order_by("pk").first().pk},
    "control:risk_history": lambda: {"pk": Risk.objects.order_by("pk").first().pk},
    "control:plan": lambda: {"unit_pk": _control_plan().unit_id, "year": _control_plan().year},
    "control:results": lambda: {
        "unit_pk": _control_plan().unit_id,
        "year": _control_plan().year,
        "period_pk": ReportingPeriod.objects.filter(year=_control_plan().year)
        .order_by("starts_on")
        .first()
        .pk,
    },
    "control:rollup": lambda: {"period_pk": _period().pk},
    "documents:detail": lambda: {"pk": GoverningDocument.objects.order_by("pk").first().pk},
    "documents:edit": lambda: {"pk": GoverningDocument.objects.order_by("pk").first().pk},
    "documents:deviation_edit": lambda: {"pk": Deviation.objects.order_by("pk").first().pk},
    "reports:period": lambda: {"period_pk": _closed_period().pk},
    "reports:checks": lambda: {"period_pk": _closed_period().pk},
    "reports:versions": lambda: {"period_pk": _closed_period().pk},
    "reports:texts": lambda: {"period_pk": _closed_period().pk},
}


def _patterns(resolvers: list, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    """(key, route, has arguments) of every URL pattern: its name with its namespace, or its
    route when it has no name."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            key = f"{namespace}{entry.name}" if entry.name else route
            yield key, route, bool(entry.pattern.regex.groups)


def app_patterns() -> list[tuple[str, bool]]:
    """The app's own patterns (Django's admin is Django's, and left to it)."""
    return [
        (key, has_arguments)
        for key, route, has_arguments in _patterns(get_resolver().url_patterns)
        if not route.startswith("admin/")
    ]


def pages() -> tuple[list[tuple[str, str]], list[str]]:
    """(key, path) of the pages to sweep, and the patterns neither swept nor skipped."""
    found, unknown = [], []
    for key, has_arguments in app_patterns():
        if key in SKIPPED:
            continue
        if has_arguments and key not in ARGUMENTS:
            unknown.append(key)
            continue
        kwargs = ARGUMENTS[key]() if has_arguments else {}
        found.append((key, reverse(key, kwargs=kwargs)))
    return found, unknown


# Whether the page scrolls sideways, and if so the elements that stick out furthest: those
# not clipped by a scrolling or hidden-overflow ancestor that contains them.
MEASURE = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width) return null;
    const clips = (style) => style.overflowX !== 'visible';
    const clipped = (element) => {
        let position = getComputedStyle(element).position;
        if (position === 'fixed') return true;
        for (let node = element.parentElement; node && node !== root; node = node.parentElement) {
            const style = getComputedStyle(node);
            const containing = position !== 'absolute' || style.position !== 'static';
            if (containing) {
                if (clips(style)) return true;
                position = style.position;
            }
        }
        return false;
    };
    const describe = (element) => {
        let text = element.tagName.toLowerCase();
        if (element.id) text += '#' + element.id;
        if (element.classList.length) text += '.' + [...element.classList].join('.');
        return text;
    };
    let widest = null;
    const consider = (element, right) => {
        if (right <= width + 0.5 || clipped(element)) return;
        if (widest === null || right > widest.right + 0.5) widest = {element, right};
    };
    for (const element of document.body.querySelectorAll('*')) {
        consider(element, element.getBoundingClientRect().right);
    }
    // A word too long for its box overflows the box without widening it.
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        range.selectNodeContents(text);
        consider(text.parentElement, range.getBoundingClientRect().right);
    }
    let path = '?';
    if (widest) {
        const chain = [];
        for (let node = widest.element; node && node !== document.body; node = node.parentElement) {
            chain.unshift(describe(node));
        }
        path = chain.slice(-4).join(' > ') + ` (right edge at ${Math.round(widest.right)} px)`;
    }
    return {scrollWidth: root.scrollWidth, clientWidth: width, widest: path};
}"""


def _overflow(visitor: Visitor, width: int) -> str | None:
    visitor.page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
    found = visitor.page.evaluate(MEASURE)
    if found is None:
        return None
    return (
        f"{width} px: {visitor.page.url} is {found['scrollWidth']} px wide "
        f"({found['clientWidth']} px visible); widest: {found['widest']}"
    )


def _sweep(visitor: Visitor, path: str) -> tuple[list[str], str | None]:
    """Open ``path`` at the narrowest width (axe checks it there, where wrappers scroll), then
    measure it at every width. Returns the overflows and a wrong landing, if any."""
    visitor.page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHTS[WIDTHS[0]]})
    response = visitor.goto(path)
    problem = None
    if response is None or response.status != 200:
        problem = f"{path} answered {response.status if response else 'nothing'}"
    elif urlsplit(visitor.page.url).path != urlsplit(visitor.url(path)).path:
        problem = f"{path} landed on {visitor.page.url}"
    overflows = [message for width in WIDTHS if (message := _overflow(visitor, width))]
    return overflows, problem


def test_every_page_reflows_at_320_and_390_pixels_without_scrolling_sideways(
    visitor: Visitor,
) -> None:
    found, unknown = pages()
    assert not unknown, (
        f"URL patterns neither swept nor skipped (add them to ARGUMENTS or SKIPPED): {unknown}"
    )

    overflows, problems = [], []
    for key in LOGGED_OUT:
        more, problem = _sweep(visitor, reverse(key))
        overflows += more
        problems += [problem] if problem else []
    visitor.login("admin")
    for key, path in found:
        if key in LOGGED_OUT:
            continue
        if key in PREPARE:
            PREPARE[key](visitor)
        more, problem = _sweep(visitor, path)
        overflows += more
        if problem and key != "password_reset_confirm":  # it moves the token to the session
            problems.append(problem)

    assert not problems, "Pages the sweep could not open as planned:\n" + "\n".join(problems)
    assert not overflows, f"{len(overflows)} page(s) scroll sideways:\n" + "\n".join(overflows)
