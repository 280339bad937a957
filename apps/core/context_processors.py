from __future__ import annotations

from django.http import HttpRequest

from apps.accounts.access import access_for
from apps.organisation.models import Municipality


def site(request: HttpRequest) -> dict:
    """The kommun's name for the header, and the user's access for the navigation."""
    context = {"municipality": Municipality.objects.filter(pk=1).first}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["access"] = access_for(user)
    return context
