from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.organisation import selectors
from apps.organisation.access import get_unit_for_user, require_organisation_reader


def _day_from(request: HttpRequest) -> tuple[dt.date | None, str | None]:
    """The day the tree is shown for (?datum=YYYY-MM-DD, default today; ?datum=alla: all)."""
    raw = request.GET.get("datum", "").strip()
    if raw == "alla":
        return None, None
    if not raw:
        return timezone.localdate(), None
    try:
        return dt.date.fromisoformat(raw), None
    except ValueError:
        return timezone.localdate(), _("The date must be written as YYYY-MM-DD, e.g. 2026-11-23.")


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    require_organisation_reader(request.user)
    day, date_error = _day_from(request)
    roots = selectors.unit_tree(day=day)
    return render(
        request,
        "organisation/tree.html",
        {
            "roots": roots,
            "day": day,
            "show_all": day is None,
            "date_error": date_error,
            "unit_count": sum(1 + root.descendant_count for root in roots),
        },
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    access = access_for(request.user)
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": selectors.unit_children(unit),
            "role_holders": selectors.role_holders(unit) if access.is_administrator else None,
            "can_edit_content": access.can_edit_for(unit),
            "can_configure": access.is_administrator,
            "today": timezone.localdate(),
        },
    )


@login_required
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    return render(
        request,
        "organisation/unit_history.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "entries": selectors.unit_history(unit),
        },
    )
