from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from apps.accounts.access import access_for
from apps.core.converters import year_or_none
from apps.organisation.models import Municipality, Unit, UnitKind


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """What the logged-in user can do, in the words of their roles."""
    access = access_for(request.user)
    kinds = dict.fromkeys(UnitKind.values, 0)
    if access.can_read:
        for kind in Unit.objects.filter(valid_to__isnull=True).values_list("kind", flat=True):
            kinds[kind] += 1
    return render(
        request,
        "core/start.html",
        {
            "assignments": access.assignments,
            "editor_units": access.editor_units(),
            "counts": {
                "committees": kinds[UnitKind.COMMITTEE],
                "companies": kinds[UnitKind.COMPANY],
                "units": sum(kinds.values()),
            },
        },
    )


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For the container's health check: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page's ``<link rel="icon">``:
    they get the static icon (its hashed name in production)."""
    return redirect(static("favicon.svg"), permanent=True)


# Uploaded files are served under a policy that lets nothing in them run, load or style
# anything, whatever they turn out to hold (an SVG logo from before PNG and JPEG only).
UPLOADED_FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def uploaded_file_response(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = UPLOADED_FILE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response


def logo(request: HttpRequest) -> HttpResponse:
    """The kommun's logo, public like the name in the header (also on the login page)."""
    municipality = Municipality.objects.filter(pk=1).first()
    if municipality is None or not municipality.logo:
        raise Http404
    return uploaded_file_response(FileResponse(municipality.logo.open("rb")))


def form_page(
    request: HttpRequest,
    form,
    *,
    heading: str,
    cancel_url: str,
    lead: str = "",
    template: str = "core/form_page.html",
    **context,
) -> HttpResponse:
    """Render a page with one form: heading, error summary, fields, save and cancel."""
    return render(
        request,
        template,
        {"form": form, "heading": heading, "lead": lead, "cancel_url": cancel_url, **context},
    )


def year_from(request: HttpRequest) -> int:
    """The year a page shows (?ar=YYYY), the current year when missing or out of range."""
    return year_or_none(request.GET.get("ar", "")) or timezone.localdate().year


def action_pk(action: str, prefix: str) -> int:
    """The id in a submit button's action like "goal-12"; anything else is not found."""
    raw = action.removeprefix(prefix)
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    return int(raw)
