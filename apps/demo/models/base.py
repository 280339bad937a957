"""What every model demo shares: Exempelkommun's users, organisation and roles, the model's
preset loaded and in use, the budget, the reporting periods of ``goals_data.PERIODS`` opened,
written and closed in the order of a real year with each period's economy and intern
kontroll, and the reports requested at the end.

A model demo (apps/demo/models/<key>.py) describes itself as a ``ModelDemo``: its kommun's
name (which says the model, so that one database never holds two models' demos), its
preset and the model's settings, its own ``steps`` (the model's goal chain, missions,
uppdrag, trust analysis …, run before the periods) and ``write_period`` (what the model
follows up in one open period). ``load_model_demo`` runs them all in one transaction and
then requests the reports. Like the Vimmerby loader, every step finds what is there and
makes only what is missing, so a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files import File
from django.db import transaction

from apps.accounts.models import User
from apps.demo import data, goals_data
from apps.demo.control_demo import control_for_period, load_control_plans
from apps.demo.economy_loader import load_budget, load_period_economy
from apps.demo.loader import (
    LOGO,
    _keep_open_for_editors,
    assign_demo_roles,
    load_organisation,
    load_users,
)
from apps.followup import selectors as followup_selectors
from apps.followup import services as followup_services
from apps.followup.models import UnitCompletion
from apps.goals import services as goal_services
from apps.goals.models import SteeringModel
from apps.organisation import services as organisation_services
from apps.organisation.models import Municipality
from apps.periods import services as period_services
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest
from apps.reports.services import report_batch_request, report_request

Log = Callable[[str], None]
Step = Callable[[User], object]
PeriodWriter = Callable[[User, ReportingPeriod, str], None]

REASON = data.REASON
ECONOMIST = "ekonom"  # the demo user who requests the reports (data.USERS)

# The reports every model demo has generated: (year, period kind, report kind).
REPORTS = (
    (2025, PeriodKind.ANNUAL, ReportKind.ANNUAL),
    (2025, PeriodKind.TERTIAL_2, ReportKind.INTERIM),
    (2026, PeriodKind.TERTIAL_1, ReportKind.BUDGET_FOLLOWUP),
)
# ... and the nämnder's own reports of this period (as in the Vimmerby demo).
BATCH_PERIOD = (2026, PeriodKind.TERTIAL_1)


def _no_period_writes(admin: User, period: ReportingPeriod, key: str) -> None:
    return None


@dataclass(frozen=True)
class ModelDemo:
    """One model's demo kommun, as the registry (apps/demo/models/__init__.py) lists it."""

    key: str  # the preset's key: vimmerby, ale, vadstena, borlange, alvesta
    label: str  # the model's name in messages: "Ale-modellen"
    municipality_name: str  # Exempelkommun's name in this demo: "Exempelkommun (Ale-modellen)"
    # The steering model's own fields (name, description, values) and the flags the demo
    # needs, set once when the demo makes the model (a model that is there is left alone).
    model_fields: dict = field(default_factory=dict)
    steps: tuple[tuple[str, Step], ...] = ()  # before the periods: (label, step)
    write_period: PeriodWriter = _no_period_writes  # in each period while it is open
    after_periods: tuple[tuple[str, Step], ...] = ()  # after the periods (plans of 2026 …)
    # ansvarskoder of the units that have marked the open period done
    done_in_open_period: frozenset[str] = frozenset({"1000", "2000", "4000"})
    users: tuple = data.USERS  # the logins seed_demo prints
    # A demo that loads itself in its own way (Vimmerby's: apps/demo/loader.py).
    loader: Callable[[Log], None] | None = None

    def load(self, log: Log = lambda message: None) -> None:
        if self.loader is not None:
            self.loader(log)
        else:
            load_model_demo(self, log=log)


# --- The kommun, its organisation and its model ------------------------------------------


def load_municipality(admin: User, name: str) -> Municipality:
    """The kommun, named for the model, unless it is there (then as the administrator left
    it)."""
    current = Municipality.objects.filter(pk=1).first()
    if current is not None:
        return current
    wanted = {**data.MUNICIPALITY, "name": name}
    with LOGO.open("rb") as handle:
        return organisation_services.municipality_update(
            actor=admin, reason=REASON, logo=File(handle, name=LOGO.name), **wanted
        )


def load_steering_model(admin: User, demo: ModelDemo) -> SteeringModel:
    """The preset's model, in use, with the demo's name and flags the first time; a model
    that is there is left as it is."""
    model = SteeringModel.objects.filter(key=demo.key).first()
    if model is not None:
        return model
    model = goal_services.steering_model_load_preset(actor=admin, key=demo.key, activate=True)
    changed = False
    for name, value in demo.model_fields.items():
        if getattr(model, name) != value:
            setattr(model, name, value)
            changed = True
    if changed:
        goal_services.configuration_save(actor=admin, instance=model, reason=REASON)
    return model


def model() -> SteeringModel:
    """The model in use (the demo's)."""
    return goal_services.active_model()


# --- The periods ----------------------------------------------------------------------------


def period_by_key(key: str) -> ReportingPeriod | None:
    """The period of ``goals_data.PERIODS`` named ``key`` ("2025-t2"), if it exists."""
    spec = next(p for p in goals_data.PERIODS if p[0] == key)
    return ReportingPeriod.objects.filter(year=spec[1], kind=spec[2]).first()


def period_open(admin: User, period: ReportingPeriod) -> ReportingPeriod:
    return period_services.period_set_state(
        actor=admin, period=period, state=PeriodState.OPEN, reason=goals_data.PERIOD_OPENED
    )


def period_close(admin: User, period: ReportingPeriod) -> ReportingPeriod:
    return period_services.period_set_state(
        actor=admin, period=period, state=PeriodState.CLOSED, reason=goals_data.PERIOD_CLOSED
    )


def mark_done(admin: User, period: ReportingPeriod, *, units: frozenset[str] | None) -> None:
    """Mark done the units that have reported everything the model asks of them in
    ``period`` (followup_progress's rule), all of them or those of ``units`` (ansvarskoder).

    A unit marked once is left alone: if a user has taken its "klar" back, it stays so."""
    marked_once = set(
        UnitCompletion.history.filter(period_id=period.pk).values_list("unit_id", flat=True)
    )
    for progress in followup_selectors.followup_progress(period=period).values():
        unit = progress.unit
        if units is not None and unit.ansvarskod not in units:
            continue
        if unit.pk in marked_once or not progress.complete:
            continue
        followup_services.completion_mark(actor=admin, unit=unit, period=period, reason=REASON)


def load_periods(admin: User, demo: ModelDemo) -> None:
    """The reporting periods in the order of a real year: each is created, opened, written
    (economy, the model's follow-up, intern kontroll), marked done and, if it is over,
    closed before the next one.

    A closed period is left alone (the demo never reopens one); the demo opens and closes
    only periods it finds planned: one a user opened or reopened stays open (what is missing
    in it is added)."""
    for key, year, kind, name, starts_on, ends_on, deadline, final_state in goals_data.PERIODS:
        period = ReportingPeriod.objects.filter(year=year, kind=kind).first()
        if period is None:
            period = period_services.period_create(
                actor=admin, year=year, kind=kind, name=name, starts_on=starts_on,
                ends_on=ends_on, deadline=deadline, reason=REASON,
            )  # fmt: skip
        if period.state == PeriodState.CLOSED or final_state == PeriodState.PLANNED:
            continue
        opened_now = period.state == PeriodState.PLANNED
        if opened_now:
            period = period_open(admin, period)
        load_period_economy(admin, period, key)
        demo.write_period(admin, period, key)
        control_for_period(admin, period, key)
        closing = final_state == PeriodState.CLOSED
        mark_done(admin, period, units=None if closing else demo.done_in_open_period)
        if not closing:
            _keep_open_for_editors(admin, period)
        if closing and opened_now:
            period_close(admin, period)


# --- The reports ----------------------------------------------------------------------------


def load_reports() -> int:
    """The kommun's årsredovisning 2025, delårsrapport 2025 and budgetuppföljning of tertial
    1 2026, and the nämnders' reports of that tertial, unless they are requested already.
    Run after the demo is committed (the workers get the requests on commit). Returns how
    many were requested."""
    ekonom = User.objects.get(username=ECONOMIST)
    requested = 0
    for year, period_kind, kind in REPORTS:
        period = ReportingPeriod.objects.filter(year=year, kind=period_kind).first()
        if period is None or period.state == PeriodState.PLANNED:
            continue
        if ReportRequest.objects.filter(period=period, kind=kind, unit=None).exists():
            continue
        report_request(actor=ekonom, kind=kind, period=period)
        requested += 1
    year, period_kind = BATCH_PERIOD
    period = ReportingPeriod.objects.filter(year=year, kind=period_kind).first()
    if (
        period is not None
        and not ReportRequest.objects.filter(period=period, unit__isnull=False).exists()
    ):
        requested += report_batch_request(actor=ekonom, period=period).requests.count()
    return requested


# --- The whole demo -------------------------------------------------------------------------


@transaction.atomic
def build(demo: ModelDemo, *, log: Log = lambda message: None) -> None:
    """Everything but the reports, in one transaction."""
    admin = load_users()
    steps: list[tuple[str, Step]] = [
        ("kommunen", lambda admin: load_municipality(admin, demo.municipality_name)),
        ("organisationen", load_organisation),
        ("roller", assign_demo_roles),
        ("styrmodellen", lambda admin: load_steering_model(admin, demo)),
        *demo.steps,
        ("budgeten", load_budget),
        ("internkontrollen", load_control_plans),
        ("perioderna och uppföljningen", lambda admin: load_periods(admin, demo)),
        *demo.after_periods,
    ]
    for label, step in steps:
        log(f"Laddar {label} …")
        step(admin)


def load_model_demo(demo: ModelDemo, *, log: Log = lambda message: None) -> None:
    build(demo, log=log)
    log("Tar fram rapporterna …")
    load_reports()
