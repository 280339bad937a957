"""Writes of god ekonomisk hushållning: the ekonom's adjustments of the balance requirement
and the links of financial goals to key figures. A linked goal's status is computed wherever
it is read (``apps.economy.keyfigures.computed_goal_statuses``), never written."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.core.locking import check_version
from apps.economy.models import BalanceRequirementAdjustment, FinancialGoalLink
from apps.economy.services import require_economy_manager

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.goals.models import Goal


def _require_economist(actor: User) -> None:
    access = access_for(actor)
    access.require(access.is_economist)


@transaction.atomic
def balance_adjustment_add(
    *, actor: User, year: int, kind: str, amount: Decimal, description: str, reason: str
) -> BalanceRequirementAdjustment:
    """Record one step of the balanskravsutredning, such as a reservation to the RUR."""
    _require_economist(actor)
    if amount is not None and amount < 0:
        raise ValidationError(
            {"amount": _("Enter the amount as a positive number; the kind adds or deducts it.")}
        )
    adjustment = BalanceRequirementAdjustment(
        year=year, kind=kind, amount=amount, description=(description or "").strip()
    )
    save_with_history(adjustment, actor=actor, reason=require_reason(reason))
    return adjustment


@transaction.atomic
def balance_adjustment_remove(
    *, actor: User, adjustment: BalanceRequirementAdjustment, reason: str
) -> None:
    _require_economist(actor)
    delete_with_history(adjustment, actor=actor, reason=require_reason(reason))


@transaction.atomic
def financial_goal_link_set(
    *,
    actor: User,
    goal: Goal,
    figure: str,
    comparison: str,
    threshold: Decimal,
    expected_version: int | None = None,
    reason: str,
) -> FinancialGoalLink:
    """Link a financial goal to the key figure it is measured by, or change the link.
    ``expected_version`` is the link's version the form was opened on (0: the goal was not
    linked); a save after someone else's raises ``StaleEdit`` and writes nothing."""
    require_economy_manager(actor)
    if not goal.level.is_financial:
        message = _("Only a goal on a level of financial goals can be computed from a key figure.")
        raise ValidationError({"goal": message})
    if goal.is_retired:
        raise ValidationError({"goal": _("The goal is retired.")})
    link = FinancialGoalLink.objects.select_for_update().filter(goal=goal).first()
    link = link or FinancialGoalLink(goal=goal)
    link.figure, link.comparison, link.threshold = figure, comparison, threshold
    save_with_history(
        link, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return link


@transaction.atomic
def financial_goal_link_remove(
    *, actor: User, link: FinancialGoalLink, expected_version: int | None = None, reason: str
) -> None:
    """The goal is assessed by hand again. ``expected_version`` is the link's version the
    page was opened on: a link changed after it is refused with ``StaleEdit`` and kept, one
    removed meanwhile with a ``ValidationError``."""
    require_economy_manager(actor)
    reason = require_reason(reason)
    check_version(link, link.version if expected_version is None else expected_version)
    delete_with_history(link, actor=actor, reason=reason)
