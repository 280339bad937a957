"""The import of the bolag's figures (all or nothing, with row errors), entry, ownership and the
closed period, through the services."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl import Workbook

from apps.consolidation import services
from apps.consolidation.models import CompanyFigure, InternalTransaction, Ownership
from apps.periods.models import PeriodState
from tests.consolidation.builders import build_koncern

pytestmark = pytest.mark.django_db


@pytest.fixture
def koncern(org):
    return build_koncern(org)


def _import(koncern, text: str, actor=None):
    return services.company_figures_import(
        actor=actor, period=koncern.period, content=text.encode("utf-8"),
        file_name="bolag.csv", reason="Delårsbokslut",
    )  # fmt: skip


def _figures(company) -> dict:
    return dict(CompanyFigure.objects.filter(company=company).values_list("line", "amount"))


def test_import_replaces_the_companys_figures(koncern):
    result = _import(
        koncern,
        "bolag;rad;belopp\n"
        "EAB;Verksamhetens intäkter;61 000 000,5\n"
        "8200;operating_costs;-1234\n"
        "Energi AB;Helårsprognos;2 500 000\n",
    )
    assert [(c, n) for c, n in result.companies] == [(koncern.energy, 2)]
    assert _figures(koncern.energy) == {
        "operating_income": Decimal("61000000.50"), "operating_costs": Decimal("-1234"),
    }  # fmt: skip
    assert koncern.energy.company_forecasts.get().result == Decimal("2500000")
    assert len(_figures(koncern.housing)) == 17  # a bolag not in the file keeps its figures
    record = koncern.energy.company_figures.get(line="operating_income").history.first()
    assert "bolag.csv" in record.history_change_reason


def test_import_reads_xlsx(koncern):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Bolag", "Rad", "Belopp"])
    sheet.append(["Bostäder AB", "Eget kapital", 1500.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.company_figures_import(
        actor=None, period=koncern.period, content=buffer.getvalue(), file_name="b.xlsx",
        reason="Bokslut",
    )  # fmt: skip
    assert _figures(koncern.housing) == {"equity": Decimal("1500.50")}


@pytest.mark.parametrize(
    "text, rows",
    [
        ("bolag;rad;belopp\nEAB;Eget kapital;12,3,4\n", [2]),  # bad number
        ("bolag;rad;belopp\nEAB;Eget kapital;12\nOkänt AB;Eget kapital;1\n", [3]),  # bolag
        ("bolag;rad;belopp\nEAB;Goodwill;12\n", [2]),  # unknown line
        ("bolag;rad;belopp\nEAB;Eget kapital;123 456 789 012 345\n", [2]),  # over 16 digits
        ("bolag;rad;belopp\nEAB;Eget kapital;1,234\n", [2]),  # more than two decimals
        ("bolag;rad;belopp\nEAB;Verksamhetens kostnader;500\n", [2]),  # a cost positive
        ("bolag;rad;belopp\nEAB;Eget kapital;1\nEAB;eget kapital;2\n", [3]),  # twice
        ("bolag;konto;summa\nEAB;Eget kapital;1\n", [1, 1]),  # wrong columns
    ],
)
def test_any_bad_row_refuses_the_whole_file(koncern, text, rows):
    before = _figures(koncern.energy)
    with pytest.raises(services.FiguresImportRefused) as refused:
        _import(koncern, text)
    assert [e.row_number for e in refused.value.row_errors] == rows
    assert _figures(koncern.energy) == before


def test_empty_file_is_refused(koncern):
    with pytest.raises(services.FiguresImportRefused):
        _import(koncern, "")
    with pytest.raises(services.FiguresImportRefused):
        _import(koncern, "bolag;rad;belopp\n")


def test_editor_may_not_import(koncern, editor_a):
    with pytest.raises(PermissionDenied):
        _import(koncern, "bolag;rad;belopp\nEAB;Eget kapital;1\n", actor=editor_a)


def test_closed_period_refuses_every_write(koncern, economist):
    koncern.period.state = PeriodState.CLOSED
    koncern.period.save()
    with pytest.raises(PermissionDenied):
        _import(koncern, "bolag;rad;belopp\nEAB;Eget kapital;1\n", actor=economist)
    with pytest.raises(PermissionDenied):
        services.company_figures_save(
            actor=economist, period=koncern.period, company=koncern.energy,
            amounts={"equity": Decimal(1)}, reason="x",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.internal_transaction_add(
            actor=economist, period=koncern.period, seller=None, buyer=koncern.energy,
            kind="sales", amount=Decimal(1), description="x", reason="x",
        )  # fmt: skip


def test_database_guards_a_closed_period(koncern):
    koncern.period.state = PeriodState.CLOSED
    koncern.period.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFigure.objects.filter(company=koncern.energy).update(amount=1)


def test_figures_need_a_reason(koncern, economist):
    with pytest.raises(ValidationError):
        services.company_figures_save(
            actor=economist, period=koncern.period, company=koncern.energy,
            amounts={"equity": Decimal(1)}, reason=" ",
        )  # fmt: skip


def test_ownership_save_is_idempotent(koncern, economist):
    first = services.ownership_save(
        actor=economist, company=koncern.energy, share=Decimal("91"), from_year=2020,
        reason="Samma",
    )  # fmt: skip
    assert first.history.count() == 1  # unchanged: no new history row


def test_ownership_of_a_committee_is_refused(org, economist):
    with pytest.raises(ValidationError):
        services.ownership_save(
            actor=economist, company=org.namnd_a, share=Decimal("100"), from_year=2026,
            reason="x",
        )  # fmt: skip


def test_share_over_100_is_refused_by_the_database(koncern):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ownership.objects.create(company=koncern.energy, share=101, from_year=2030)


def test_internal_transaction_needs_a_company_party(koncern, economist):
    with pytest.raises(ValidationError):
        services.internal_transaction_add(
            actor=economist, period=koncern.period, seller=None, buyer=None, kind="sales",
            amount=Decimal(1), description="x", reason="x",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        InternalTransaction.objects.create(
            period=koncern.period, kind="sales", amount=Decimal(1), description="x"
        )


def test_one_figure_per_line(koncern):
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFigure.objects.create(
            period=koncern.period, company=koncern.energy, line="equity", amount=1
        )
