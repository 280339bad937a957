"""The sliding idle timeout of a logged-in session, without a database write per request.

The session row's expiry (SESSION_COOKIE_AGE, from SESSION_IDLE_TIMEOUT_MINUTES) is set
each time the session is saved. Saving on every request (SESSION_SAVE_EVERY_REQUEST) would
write the row for every page and htmx poll; instead the session is saved when the last
recorded activity is over a minute old, so the timeout is exact to within that minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

ACTIVITY_KEY = "_last_activity"
REFRESH_SECONDS = 60


def record_activity(request: HttpRequest) -> None:
    """Mark the session as used now; the session middleware then saves it, moving its expiry."""
    request.session[ACTIVITY_KEY] = int(time.time())


def on_login(sender, request: HttpRequest, user, **kwargs) -> None:
    # The login saves the session anyway; stamping it then spares the next request a write.
    record_activity(request)


class SessionActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        # Only a request that read the session (to know its user) counts as activity, and
        # checking it then costs no query.
        if session.accessed and session.get(SESSION_KEY) is not None:
            last = session.get(ACTIVITY_KEY, 0)
            if time.time() - last >= REFRESH_SECONDS:
                record_activity(request)
        return response
