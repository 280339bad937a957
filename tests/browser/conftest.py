"""Real-browser harness: Chromium through Playwright against pytest-django's live server.

Every test here is marked ``browser`` and runs after the rest of the suite. A test drives a
``Visitor``, which runs axe-core on every page it lands on; a page reached without an axe
check after it loaded fails the test at teardown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Browser, Frame, Page, Response, expect, sync_playwright

from apps.demo import data
from apps.demo.loader import load_demo
from tests.conftest import services_required

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text() if AXE.exists() else ""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_RUN = """async () => (await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
})).violations"""
TABLET = {"width": 1024, "height": 768}

CALL_FAILED = pytest.StashKey[bool]()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark the tests in this folder ``browser`` (before ``-m`` selects on it)."""
    if item.path.is_relative_to(HERE):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests after everything else: they flush the database after each test."""
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    items[:] = [item for item in items if item not in browser_items] + browser_items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


def _same_document(before: str, after: str) -> bool:
    """Only the #fragment changed (a skip link, an anchor): the page itself did not."""
    return before != after and urldefrag(before).url == urldefrag(after).url


def _describe(violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {node['html']}")
        if len(violation["nodes"]) > 3:
            lines.append(f"    … and {len(violation['nodes']) - 3} more")
    return "\n".join(lines)


class Visitor:
    """A person in a browser tab. Every page they land on is checked with axe."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.visits: list[dict] = []  # {"url": ..., "checked": bool}, one per document
        self.refused: list[str] = []  # what the Content-Security-Policy blocked
        page.on("framenavigated", self._navigated)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.refused.append(f"{self.page.url}: {message.text}")

    def _navigated(self, frame: Frame) -> None:
        if frame != self.page.main_frame or frame.url == "about:blank":
            return
        if self.visits and _same_document(self.visits[-1]["url"], frame.url):
            return
        self.visits.append({"url": frame.url, "checked": False})

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str) -> Response | None:
        """Open ``path`` as if typed in the address bar, then check the page with axe."""
        response = self.page.goto(self.url(path), wait_until="load")
        self.axe()
        return response

    def axe(self) -> None:
        """Check the page as it is now; call it once a click has visibly changed the page."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol: an inline <script> tag would be refused
            # by the page's Content-Security-Policy.
            self.page.evaluate(AXE_SOURCE)
        violations = self.page.evaluate(AXE_RUN)
        if violations:
            pytest.fail(f"{self.page.url}\n{_describe(violations)}", pytrace=False)
        if self.visits:
            self.visits[-1]["checked"] = True

    def login(self, username: str, password: str = data.DEMO_PASSWORD) -> None:
        """Log in through the form and land on the start page."""
        self.goto("/login/")
        self.page.locator("input[name=username]").fill(username)
        self.page.locator("input[name=password]").fill(password)
        self.page.locator("main form button[type=submit]").click()
        expect(self.page).to_have_url(self.url("/"))
        self.axe()

    def unchecked(self) -> list[str]:
        return [visit["url"] for visit in self.visits if not visit["checked"]]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    missing = [str(path) for path in (CHROMIUM, AXE) if not path.exists()]
    if missing:
        message = (
            f"Browser tests need {' and '.join(missing)} "
            "(Chromium from the OS package, axe-core from `npm ci`)."
        )
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as env:
        # Playwright's sync API runs an event loop in this thread, while the ORM calls here
        # stay sync. Only while the browser runs: subprocesses of other tests must not see it.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        playwright.stop()


@pytest.fixture(autouse=True)
def demo_kommun(live_server, settings) -> None:
    """Exempelkommun with its demo users, in the live server's database.

    A fast password hasher keeps logging in (and creating five users) from dominating.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()


@pytest.fixture
def visitor(
    request: pytest.FixtureRequest, browser: Browser, live_server, demo_kommun
) -> Iterator[Visitor]:
    context = browser.new_context(viewport=TABLET, locale="sv-SE")
    visitor = Visitor(context.new_page(), live_server.url)
    yield visitor
    context.close()
    if not request.node.stash.get(CALL_FAILED, True):
        assert not visitor.refused, "Refused by the Content-Security-Policy:\n" + "\n".join(
            visitor.refused
        )
        unchecked = visitor.unchecked()
        assert not unchecked, f"Pages visited without an axe check after they loaded: {unchecked}"
