"""The kontroller the reports a revisor reads add: the pension statement against the ledger,
the koncern's balance sheets, and the texts (förvaltningsberättelse and the bodies'
verksamhetsberättelser) the delårsrapport and årsredovisning need."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.consolidation.models import CompanyFigure, CompanyLine, Ownership
from apps.economy.models import PensionStatement
from apps.followup.models import BodyReport
from apps.organisation.models import BODY_KINDS, Unit
from apps.reports import checks
from apps.reports.content import ReportKind
from apps.reports.document import headings_of
from apps.reports.models import ReportText
from tests.economy.notes_fixtures import mkr, pension_year
from tests.factories import ReportingPeriodFactory, UnitFactory

pytestmark = pytest.mark.django_db


def tertial_2():
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )


def test_the_check_list_has_the_new_checks_last(org):
    keys = [r.key for r in checks.period_checks(ReportingPeriodFactory(year=2026))]
    assert keys[-3:] == ["pensions", "group", "texts"]


def test_a_tertial_1_needs_no_pension_statement_but_a_delarsrapport_does(org):
    assert checks.pension_check(ReportingPeriodFactory(year=2026)).passed
    result = checks.pension_check(tertial_2())
    assert not result.passed
    assert len(result.details) == 1
    assert result.link.endswith("/pensioner/")


def test_a_statement_equal_to_the_ledger_passes_and_a_different_one_fails(org):
    period = pension_year(org, provision_booked=40)
    statement = PensionStatement.objects.create(
        period=period, provision=mkr(40), contingent_liability=mkr(100)
    )
    assert checks.pension_check(period).passed
    PensionStatement.objects.filter(pk=statement.pk).update(provision=mkr(41))
    result = checks.pension_check(period)
    assert not result.passed
    assert "1 000,0" in result.details[0].replace("\xa0", " ")


def test_a_company_whose_balance_sheet_does_not_balance_fails(org):
    period = ReportingPeriodFactory(year=2026)
    company = UnitFactory(parent=org.kf, kind="bolag", name="Bostäder AB", ansvarskod="9000")
    Ownership.objects.create(company=company, share=Decimal(100), from_year=2026)
    assert checks.group_check(period).passed
    for line, amount in (
        (CompanyLine.FIXED_ASSETS, 100), (CompanyLine.EQUITY, 60),
        (CompanyLine.LONG_TERM_LIABILITIES, 40),
    ):  # fmt: skip
        CompanyFigure.objects.create(period=period, company=company, line=line, amount=mkr(amount))
    assert checks.group_check(period).passed
    CompanyFigure.objects.filter(line=CompanyLine.EQUITY).update(amount=mkr(50))
    result = checks.group_check(period)
    assert not result.passed
    assert any("Bostäder AB" in line for line in result.details)


def test_the_texts_check_names_each_missing_heading_and_body(org):
    period = tertial_2()
    result = checks.text_check(period)
    headings = headings_of(ReportKind.INTERIM)
    assert not result.passed
    bodies = Unit.objects.filter(kind__in=BODY_KINDS)
    assert len(result.details) == len(headings) + bodies.count()
    for key in headings:
        ReportText.objects.create(period=period, heading=key, text="<p>Skrivet.</p>")
    for body in bodies:
        BodyReport.objects.create(period=period, unit=body, important_events="<p>Ja.</p>")
    assert checks.text_check(period).passed
    assert checks.text_check(ReportingPeriodFactory(year=2026)).passed  # tertial 1: not asked


def test_the_new_checks_run_a_fixed_number_of_queries(org, django_assert_num_queries):
    period = tertial_2()

    def more(n: int) -> None:
        company = UnitFactory(parent=org.kf, kind="bolag", name=f"Bolag {n}", ansvarskod=f"9{n}00")
        Ownership.objects.create(company=company, share=Decimal(100), from_year=2026)
        CompanyFigure.objects.create(
            period=period, company=company, line=CompanyLine.FIXED_ASSETS, amount=mkr(1)
        )
        UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {n}", ansvarskod=f"8{n}00")

    def run():
        return [checks.pension_check(period), checks.group_check(period), checks.text_check(period)]

    more(0)
    with CaptureQueriesContext(connection) as small:
        run()
    for n in range(1, 4):
        more(n)
    with django_assert_num_queries(len(small)):
        run()


def test_the_checks_read_the_kommuns_ledger_once_and_agree_with_each_check_alone(org, monkeypatch):
    period = pension_year(org, provision_booked=40)
    PensionStatement.objects.create(period=period, provision=mkr(41), contingent_liability=mkr(9))
    company = UnitFactory(parent=org.kf, kind="bolag", name="Bostäder AB", ansvarskod="9000")
    Ownership.objects.create(company=company, share=Decimal(100), from_year=2026)
    CompanyFigure.objects.create(
        period=period, company=company, line=CompanyLine.FIXED_ASSETS, amount=mkr(100)
    )
    alone = [check(period) for check in checks.CHECKS]
    assert {"pensions", "group"} <= {r.key for r in checks.failing(alone)}
    reads = []
    ledger = checks.statements.ledger

    def counted(*args, **kwargs):
        reads.append(args)
        return ledger(*args, **kwargs)

    monkeypatch.setattr(checks.statements, "ledger", counted)
    together = checks.period_checks(period)
    assert reads == [(2026, period.ends_on.month)]
    assert together == alone
