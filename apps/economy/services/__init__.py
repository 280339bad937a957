"""The economy's services, one module per part: budget, outcomes, forecasts, statements.

Who may write, shared by the parts, is decided here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.access import access_for

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.economy.models import DetailBudget
    from apps.organisation.models import Unit


def may_manage_economy(actor: User) -> bool:
    """The ekonomer and the administrators prepare budget years, decisions and projects,
    import the outcome and link the financial goals to key figures."""
    access = access_for(actor)
    return access.is_economist or access.is_administrator


def require_economy_manager(actor: User) -> None:
    access_for(actor).require(may_manage_economy(actor))


def may_write_for_body(actor: User, body: Unit) -> bool:
    """A body's forecasts and detaljbudget: its redaktörer and the ekonomer who manage its
    economy."""
    access = access_for(actor)
    return access.can_edit_for(body) or access.can_manage_economy_for(body)


def may_read_detail_budget(actor: User, body: Unit, detail_budget: DetailBudget | None) -> bool:
    """A decided detaljbudget is for every reader; one still in the making for whoever
    writes it and the roles that read unpublished work."""
    access = access_for(actor)
    if not access.can_read:
        return False
    decided = detail_budget is not None and detail_budget.state == detail_budget.State.DECIDED
    return decided or may_write_for_body(actor, body) or access.reads_unpublished
