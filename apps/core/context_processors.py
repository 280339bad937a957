from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from apps.accounts.access import access_for
from apps.organisation.models import Municipality


def site(request: HttpRequest) -> dict:
    """The kommun's name for the header, and the user's access for the navigation."""
    # Lazy: fetched once, on the first template use, and not at all on pages without it.
    context = {"municipality": SimpleLazyObject(lambda: Municipality.objects.filter(pk=1).first())}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["access"] = access_for(user)
    return context
