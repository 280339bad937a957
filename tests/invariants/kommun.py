"""A kommun built once per test module, and what its readers see, each read once: the
report of every period (its content, PDF text and Excel workbook) and the web pages."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from functools import cache

from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from apps.accounts.models import User
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.reports import render
from apps.reports.content import ReportDocument, Section, Table
from apps.reports.document import KIND_OF_PERIOD, build_document
from tests.invariants import outputs

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def period_key(period: ReportingPeriod) -> str:
    return f"{period.year}-{period.kind}"


def sections(document: ReportDocument) -> Iterator[Section]:
    def walk(items):
        for section in items:
            yield section
            yield from walk(section.children)

    yield from walk(document.sections)


class Kommun:
    """The kommun's periods and the outputs a reader sees, each made on first use."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.committee: str | None = None  # the ansvarskod of the nämnd whose report is read
        self.document = cache(self._document)
        self.pdf_text = cache(self._pdf_text)
        self.workbook = cache(self._workbook)
        self.page = cache(self._page)

    def period(self, key: str) -> ReportingPeriod:
        year, kind = key.split("-")
        return ReportingPeriod.objects.get(year=int(year), kind=kind)

    def reported_periods(self) -> list[str]:
        """Every period that has a report: of a kind with one, opened."""
        periods = ReportingPeriod.objects.exclude(state="planned").filter(
            kind__in=list(KIND_OF_PERIOD)
        )
        return sorted(period_key(p) for p in periods)

    def _document(self, key: str, body: str | None = None) -> ReportDocument:
        """The kommun's report of the period, or with ``body`` (an ansvarskod) the nämnd's."""
        period = self.period(key)
        unit = None if body is None else Unit.objects.get(ansvarskod=body, valid_to=None)
        with translation.override("sv"):
            return build_document(kind=KIND_OF_PERIOD[period.kind], period=period, unit=unit)

    def table(self, key: str, table_key: str, body: str | None = None) -> Table | None:
        for section in sections(self.document(key, body)):
            for table in section.tables:
                if table.key == table_key:
                    return table
        return None

    def section_tables(self, key: str, section_key: str) -> list[Table]:
        for section in sections(self.document(key)):
            if section.key == section_key:
                return list(section.tables)
        return []

    def _pdf_text(self, key: str, body: str | None = None) -> str:
        with translation.override("sv"):
            pdf, _pages = render.render_pdf(self.document(key, body))
        return outputs.pdf_text(pdf)

    def _workbook(self, key: str, body: str | None = None) -> dict[str, outputs.PrintedTable]:
        with translation.override("sv"):
            return outputs.xlsx_tables(render.render_xlsx(self.document(key, body)))

    def sheet(
        self, key: str, table_key: str, body: str | None = None
    ) -> outputs.PrintedTable | None:
        table = self.table(key, table_key, body)
        if table is None or not table.sheet:
            return None
        return self.workbook(key, body)[table.sheet[:31]]

    def _page(self, url: str, username: str) -> str:
        # A new login each time: a test's savepoint takes the session with it.
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, f"{url} as {username}: {response.status_code}"
        return response.content.decode()


@contextlib.contextmanager
def built_once(django_db_blocker, name: str, build: Callable[[], object]) -> Iterator[Kommun]:
    """The kommun in the test database for a whole module, rolled back at its end; its
    files (the demo's logo and documents) in a temporary folder, not the repository's."""
    with (
        tempfile.TemporaryDirectory(prefix="invariants-media-") as media,
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        build()
        yield Kommun(name)
        transaction.set_rollback(True)
