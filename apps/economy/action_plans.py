"""What an åtgärdsplan answers, and how that stands now: one read for every page.

A deficit plan records the deficit it was raised for; its measures their estimated effects.
The body's later forecasts of the same year may show a larger deficit: then the plan is
flagged ("underskottet har ökat med … sedan planen beslutades") until the nämnd raises a plan
that revises it. ``action_plan_states`` computes this for a set of plans in a fixed number of
queries; the plan page, the economy overview, the att göra, the reports and the kontroller
all read it. It lives in the economy app because it reads forecasts and budgets, which sit
above follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from apps.economy import selectors
from apps.economy.models import Forecast
from apps.followup.access import readable_followup
from apps.followup.models import ActionPlan, ActionPlanCause, Measure
from apps.periods.models import PeriodState, ReportingPeriod
from styrmodell.lib.formats import format_tkr

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess
    from apps.organisation.models import Unit

ZERO = selectors.ZERO


def forecast_deficit(forecast: Forecast | None, budget: Decimal | None) -> Decimal | None:
    """How far ``forecast`` exceeds the body's current ``budget`` (zero for none); None when
    either is missing."""
    if forecast is None or budget is None:
        return None
    return max(forecast.amount - budget, ZERO)


@dataclass
class ActionPlanState:
    """An åtgärdsplan with what it answers and how that stands at the latest forecast the
    reader may read (amounts in kr)."""

    plan: ActionPlan
    effects: Decimal | None  # the measures' estimated effects; None when none has one
    current: Forecast | None  # the body's latest forecast of the year, from the plan's period
    current_deficit: Decimal | None
    revised_by: ActionPlan | None = None

    @property
    def deficit(self) -> Decimal | None:
        return self.plan.deficit

    @property
    def gap(self) -> Decimal | None:
        """The deficit the measures leave: deficit − effects."""
        if self.deficit is None:
            return None
        return self.deficit - (self.effects or ZERO)

    @property
    def grown_by(self) -> Decimal | None:
        """How much a later forecast's deficit exceeds the plan's (None if it does not, or the
        nämnd says it handles the deficit within its delegation)."""
        if self.plan.cause != ActionPlanCause.DEFICIT or self.deficit is None:
            return None
        if self.current_deficit is None or self.current.deficit_handled:
            return None
        grown = self.current_deficit - self.deficit
        return grown if grown > 0 else None

    @property
    def needs_revision(self) -> bool:
        """The deficit has grown and no plan revises this one yet: the nämnd is asked for one."""
        return self.grown_by is not None and self.revised_by is None

    @property
    def current_period(self) -> ReportingPeriod | None:
        return self.current.period if self.current else None

    @property
    def flag(self) -> str:
        """ "Underskottet har ökat med 6 500 tkr sedan planen beslutades", or nothing."""
        if not self.needs_revision:
            return ""
        amount = format_tkr(self.grown_by, 0)
        if self.plan.decided_on:
            return _("The deficit has grown by %(amount)s since the plan was decided") % {
                "amount": amount
            }
        return _("The deficit has grown by %(amount)s since the plan was raised") % {
            "amount": amount
        }

    @property
    def label(self) -> str:
        """The plan's state in a word or two: a decided plan stays decided, flagged when the
        deficit has grown ("beslutad – underskottet har ökat")."""
        if self.revised_by is not None:
            return _("Revised")
        if self.plan.decided_on:
            return _("Decided – the deficit has grown") if self.needs_revision else _("Decided")
        return _("Raised – the deficit has grown") if self.needs_revision else _("Raised")


def action_plan_states(
    plans: Iterable[ActionPlan],
    *,
    access: UserAccess | None = None,
    as_of: ReportingPeriod | None = None,
) -> dict[int, ActionPlanState]:
    """Each plan's state, keyed by plan id. ``as_of``: only forecasts and revisions up to
    that period count (a report or an overview of an earlier period); ``access``: only the
    forecasts the reader may read (an open period's are the body's editors', ekonomer's and
    administrators'). The plans need their ``period`` loaded. Three queries, and one per
    distinct year of the plans for the budgets."""
    plans = list(plans)
    if not plans:
        return {}
    ids = [p.pk for p in plans]
    effects = {
        row["action_plan_id"]: row["total"] if row["n"] else None
        for row in Measure.objects.filter(action_plan_id__in=ids)
        .values("action_plan_id")
        .annotate(total=Sum("effect"), n=Count("effect"))
        .order_by()
    }
    revisions = ActionPlan.objects.filter(revises_id__in=ids).select_related("period")
    if as_of is not None:
        revisions = revisions.filter(period__ends_on__lte=as_of.ends_on)
    revised_by = {}
    for revision in revisions.order_by("pk"):
        revised_by.setdefault(revision.revises_id, revision)
    deficit_plans = [p for p in plans if p.cause == ActionPlanCause.DEFICIT]
    years = {p.period.year for p in deficit_plans}
    latest: dict[tuple[int, int], list[Forecast]] = {}
    budgets = {}
    if deficit_plans:
        forecasts = Forecast.objects.filter(
            unit_id__in={p.unit_id for p in deficit_plans}, period__year__in=years
        ).select_related("period")
        if as_of is not None:
            forecasts = forecasts.filter(period__ends_on__lte=as_of.ends_on)
        if access is not None:
            forecasts = forecasts.filter(readable_followup(access))
        for forecast in forecasts.order_by("period__ends_on", "pk"):
            latest.setdefault((forecast.unit_id, forecast.period.year), []).append(forecast)
        budgets = {year: selectors.operating_budgets(year) for year in sorted(years)}
    states = {}
    for plan in plans:
        current = None
        deficit = None
        if plan.cause == ActionPlanCause.DEFICIT:
            later = [
                f
                for f in latest.get((plan.unit_id, plan.period.year), [])
                if f.period.ends_on >= plan.period.ends_on
            ]
            current = later[-1] if later else None
            budget = budgets.get(plan.period.year, {}).get(plan.unit_id)
            deficit = forecast_deficit(current, budget.current if budget else None)
        states[plan.pk] = ActionPlanState(
            plan=plan,
            effects=effects.get(plan.pk),
            current=current,
            current_deficit=deficit,
            revised_by=revised_by.get(plan.pk),
        )
    return states


def current_deficit_plans(
    period: ReportingPeriod, *, access: UserAccess | None = None, units: Iterable[Unit] = ()
) -> dict[int, ActionPlanState]:
    """Each body's current deficit plan as of ``period``, keyed by body id: the latest plan
    of the period's year raised up to the period that no plan up to it revises, with its
    state. ``units``: only these bodies (default all). Four queries (with the budgets)."""
    plans = ActionPlan.objects.filter(
        cause=ActionPlanCause.DEFICIT,
        period__year=period.year,
        period__ends_on__lte=period.ends_on,
    ).select_related("unit", "period", "decided_by")
    units = list(units)
    if units:
        plans = plans.filter(unit__in=units)
    plans = list(plans.order_by("period__ends_on", "pk"))
    revised = {p.revises_id for p in plans if p.revises_id}
    current: dict[int, ActionPlan] = {}
    for plan in plans:
        if plan.pk not in revised:
            current[plan.unit_id] = plan
    states = action_plan_states(current.values(), access=access, as_of=period)
    return {unit_id: states[plan.pk] for unit_id, plan in current.items()}


@dataclass(frozen=True)
class UncoveredDeficit:
    """A body's forecast deficit beyond its delegation that no current plan covers: there is
    no plan, or the current plan answers a smaller deficit."""

    unit: Unit
    forecast: Forecast
    deficit: Decimal
    plan: ActionPlanState | None


def deficits_without_current_plan(period: ReportingPeriod) -> list[UncoveredDeficit]:
    """The bodies whose forecast in ``period`` shows a deficit the nämnd cannot handle within
    its delegation (``Forecast.deficit_handled`` False) and that have no current åtgärdsplan
    answering it, in tree order. Six queries."""
    forecasts = list(
        Forecast.objects.filter(period=period, deficit_handled=False)
        .select_related("unit", "period")
        .order_by("unit__tree_id", "unit__lft")
    )
    budgets = selectors.operating_budgets(period.year)
    plans = current_deficit_plans(period, units=[f.unit for f in forecasts]) if forecasts else {}
    result = []
    for forecast in forecasts:
        budget = budgets.get(forecast.unit_id)
        deficit = forecast_deficit(forecast, budget.current if budget else None)
        if not deficit:
            continue
        state = plans.get(forecast.unit_id)
        if state is not None and (state.deficit is None or state.deficit >= deficit):
            continue
        result.append(UncoveredDeficit(forecast.unit, forecast, deficit, state))
    return result


def revisions_todo(access: UserAccess) -> list[ActionPlanState]:
    """The user's bodies' current deficit plans whose deficit has grown, in the years of the
    open periods: the nämnd is asked for a revised plan. Four queries (and one per year)."""
    bodies = [u for u in access.editor_units() if u.kind in selectors.BODY_KINDS]
    if not bodies:
        return []
    years = set(
        ReportingPeriod.objects.filter(state=PeriodState.OPEN).values_list("year", flat=True)
    )
    plans = (
        ActionPlan.objects.filter(
            cause=ActionPlanCause.DEFICIT,
            unit__in=bodies,
            period__year__in=years,
            revisions__isnull=True,
        )
        .select_related("unit", "period")
        .order_by("unit__tree_id", "unit__lft", "period__ends_on")
    )
    states = action_plan_states(plans, access=access)
    return [s for s in states.values() if s.needs_revision]
