"""Login throttling with django-axes: the client's address and the locked-out login page.

Settings wire these in (AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE); the counting itself
is axes' own, in the database so that every gunicorn worker sees the same attempts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

TOO_MANY_REQUESTS = 429


def client_ip(request: HttpRequest) -> str | None:
    """The address failures are counted against.

    Behind a proxy every request comes from the proxy's address, so with
    TRUST_X_FORWARDED_FOR the right-most X-Forwarded-For entry counts: the one our proxy
    appended, which the client cannot forge (entries to its left can be).
    """
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_message() -> str:
    minutes = settings.LOGIN_COOLOFF_MINUTES
    return ngettext(
        "Too many failed login attempts. Try again in %(minutes)d minute "
        "or ask an administrator to unlock the account.",
        "Too many failed login attempts. Try again in %(minutes)d minutes "
        "or ask an administrator to unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The login page the user came from, again, with the lockout as its only error.

    Works for both login forms (/login/ and /admin/login/): both answer with a
    TemplateResponse whose form already failed, so its error is replaced and the page is
    rendered anew with status 429.
    """
    message = lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None:
        form.errors.pop(NON_FIELD_ERRORS, None)
        form.add_error(None, message)
        original_response.content = original_response.rendered_content
        original_response.status_code = TOO_MANY_REQUESTS
        return original_response
    # Any other view that authenticates: the plain login page with the message.
    return render(
        request,
        "accounts/login.html",
        {"form": AuthenticationForm(request), "lockout_message": message},
        status=TOO_MANY_REQUESTS,
    )
