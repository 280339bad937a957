"""Every link a demo user is shown leads somewhere (issue 16): logged in as each user of the
demo kommun, start at "/" and follow the site's own ``<a href>`` links breadth-first; each
must answer 200, or redirect to a page that does.

Every distinct link shown is requested, but only a few pages of each URL pattern are read
for further links (``PAGES_PER_PATTERN``), which is enough to reach every kind of page
while keeping the crawl's run time modest.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from apps.accounts.models import User
from apps.demo.data import USERS
from apps.demo.loader import load_demo
from tests.invariants.kommun import built_once

pytestmark = pytest.mark.django_db

# Pages of one URL pattern read for further links, per user.
PAGES_PER_PATTERN = 3

# Followed nowhere: signing out ends the crawl's session; the admin site is Django's own.
SKIPPED_PREFIXES = ("/logout/", "/admin/", "/static/", "/media/")

# Files: requested, never read for links.
DOWNLOAD_TYPES = ("application/pdf", "application/vnd.", "text/csv")


@dataclass(frozen=True)
class Link:
    page: str
    text: str
    target: str


class _Anchors(HTMLParser):
    """The ``href`` and visible text of every ``<a>`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self._open: list[list[str]] = []  # [href, text…] of the <a> elements not yet closed

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attributes = dict(attrs)
            self._open.append([attributes.get("href") or "", attributes.get("aria-label") or ""])

    def handle_data(self, data):
        for anchor in self._open:
            anchor.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, *text = self._open.pop()
            self.anchors.append((href, " ".join(" ".join(text).split())))


def same_site_target(page: str, href: str) -> str | None:
    """The path (and query) ``href`` on ``page`` leads to, if it is one to follow."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    target, _fragment = urldefrag(urljoin(f"http://testserver{page}", href))
    parts = urlsplit(target)
    if parts.netloc != "testserver" or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pattern_of(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return url


def crawl(username: str) -> tuple[int, list[str]]:
    """The number of pages requested as ``username``, and every broken link found."""
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(User.objects.get(username=username))
    # Every link a page read showed, by its target, in the order first shown.
    shown: dict[str, list[Link]] = {"/": [Link(page="(start)", text="", target="/")]}
    queue = collections.deque(["/"])
    read_per_pattern: collections.Counter[str] = collections.Counter()
    failures: list[tuple[str, int, str]] = []
    while queue:
        url = queue.popleft()
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        if response.status_code != 200 or urlsplit(final).path == "/login/":
            failures.append((url, response.status_code, final))
            continue
        if response.get("Content-Type", "").startswith(DOWNLOAD_TYPES):
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        pattern = pattern_of(url)
        if read_per_pattern[pattern] >= PAGES_PER_PATTERN:
            continue
        read_per_pattern[pattern] += 1
        parser = _Anchors()
        parser.feed(response.content.decode())
        for href, text in parser.anchors:
            target = same_site_target(url, href)
            if target is None:
                continue
            if target not in shown:
                shown[target] = []
                queue.append(target)
            shown[target].append(Link(page=url, text=text, target=target))
    return len(shown), [
        describe(username, shown[url], status, final) for url, status, final in failures
    ]


def describe(username: str, links: list[Link], status: int, final: str) -> str:
    first = links[0]
    pages = sorted({link.page for link in links})
    also = f" (and on {len(pages) - 1} more pages)" if len(pages) > 1 else ""
    redirected = f" (redirected to {final})" if final != first.target else ""
    return (
        f"{username}: on {first.page}{also} the link “{first.text}” to {first.target} "
        f"answered {status}{redirected}"
    )


@pytest.fixture(scope="module")
def demo_kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Exempelkommun", load_demo) as built:
        yield built


@pytest.mark.parametrize("username", [user[0] for user in USERS])
def test_every_link_a_demo_user_is_shown_leads_somewhere(demo_kommun, username):
    requested, failures = crawl(username)
    assert requested > 50, f"{username}: the crawl reached only {requested} pages"
    assert failures == [], f"{len(failures)} broken links:\n" + "\n".join(failures)
