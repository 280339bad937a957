"""The strategic plan with economic frames: one page per budget year (``strategic_plan``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.accounts.access import access_for
from apps.economy.models import BudgetYear
from apps.economy.services import may_manage_economy
from apps.economy.strategic_plan import strategic_plan


@login_required
def strategic_plan_page(request: HttpRequest, year: int) -> HttpResponse:
    """The year's KF budget decision, its goals (the financial ones with their computed
    status), their indicators and supporting documents, and the frames per body."""
    access = access_for(request.user)
    access.require(access.can_read)
    budget_year = get_object_or_404(BudgetYear, year=year)
    plan = strategic_plan(year, reader=access, may_see_proposals=may_manage_economy(request.user))
    return render(
        request,
        "economy/strategic_plan.html",
        {"budget_year": budget_year, "plan": plan, "year": year},
    )
