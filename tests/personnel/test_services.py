"""The import: all or nothing, replacing the period's earlier import, refused for a closed
period and for those who may not import; the database refuses a closed period's rows too."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.personnel.models import PersonnelFigure, PersonnelImport
from apps.personnel.services import PersonnelImportRefused, personnel_import
from tests.personnel.files import KOMMUN, SMALL_UNIT, changed, csv_bytes


def test_import_writes_every_row_with_who_and_why(imported, period, org, economist):
    assert imported.row_count == 9
    assert imported.imported_by == economist
    assert imported.reason == "Från HR-systemet"
    figures = PersonnelFigure.objects.filter(personnel_import=imported)
    assert figures.count() == 9
    assert figures.filter(unit=org.forvaltning_a).count() == 3
    assert figures.get(unit=None, group="total").employees == 1250


def test_an_unknown_ansvarskod_refuses_the_whole_file(period, economist):
    rows = KOMMUN + [[("9999" if i == 0 else c) for i, c in enumerate(r)] for r in SMALL_UNIT]
    with pytest.raises(PersonnelImportRefused) as refused:
        personnel_import(actor=economist, period=period, content=csv_bytes(rows),
                         file_name="p.csv", reason="x")  # fmt: skip
    assert [(e.row_number, e.value) for e in refused.value.row_errors] == [
        (8, "9999"), (9, "9999"), (10, "9999"),
    ]  # fmt: skip
    assert not PersonnelImport.objects.exists()
    assert not PersonnelFigure.objects.exists()


def test_one_bad_row_saves_nothing(imported, period, economist):
    with pytest.raises(PersonnelImportRefused):
        personnel_import(actor=economist, period=period,
                         content=csv_bytes(changed(KOMMUN, 2, 6, "-5")),
                         file_name="p2.csv", reason="Ny fil")  # fmt: skip
    assert PersonnelImport.objects.get().pk == imported.pk
    assert PersonnelFigure.objects.count() == 9


def test_a_new_import_replaces_the_earlier_which_stays_in_history(imported, period, admin_user):
    newer = personnel_import(actor=admin_user, period=period, content=csv_bytes(KOMMUN),
                             file_name="rättad.csv", reason="Rättad fil")  # fmt: skip
    imported.refresh_from_db()
    assert imported.replaced_by == newer
    assert newer.replaced_by is None
    assert PersonnelFigure.objects.filter(personnel_import=imported).count() == 9
    current = PersonnelFigure.objects.filter(personnel_import__replaced_by__isnull=True)
    assert current.count() == 6


def test_a_closed_period_is_refused(period, economist):
    period.state = "closed"
    period.save()
    with pytest.raises(PermissionDenied):
        personnel_import(actor=economist, period=period, content=csv_bytes(KOMMUN),
                         file_name="p.csv", reason="x")  # fmt: skip
    assert not PersonnelImport.objects.exists()


@pytest.mark.parametrize("persona", ["politician", "editor_a"])
def test_only_economists_and_administrators_import(request, period, persona):
    with pytest.raises(PermissionDenied):
        personnel_import(actor=request.getfixturevalue(persona), period=period,
                         content=csv_bytes(KOMMUN), file_name="p.csv", reason="x")  # fmt: skip


def test_a_reason_is_required(period, economist):
    with pytest.raises(ValidationError) as refused:
        personnel_import(actor=economist, period=period, content=csv_bytes(KOMMUN),
                         file_name="p.csv", reason=" ")  # fmt: skip
    assert "reason" in refused.value.message_dict


def test_the_database_refuses_rows_of_a_closed_period(imported, period):
    period.state = "closed"
    period.save()
    figure = PersonnelFigure.objects.first()
    figure.employees = 1
    with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
        figure.save()
    with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
        PersonnelImport.objects.filter(pk=imported.pk).update(reason="ändrat")


def test_a_value_too_large_for_the_database_refuses_the_file(period, economist):
    rows = [*KOMMUN, changed(SMALL_UNIT, 0, 4, "10 000 000")[0]]
    with pytest.raises(PersonnelImportRefused) as refused:
        personnel_import(actor=economist, period=period, content=csv_bytes(rows),
                         file_name="p.csv", reason="x")  # fmt: skip
    assert [e.row_number for e in refused.value.row_errors] == [8]
    assert not PersonnelImport.objects.exists()


def test_the_periods_current_file_again_is_refused(imported, period, economist):
    with pytest.raises(PersonnelImportRefused) as refused, translation.override("en"):
        personnel_import(actor=economist, period=period, content=csv_bytes(KOMMUN + SMALL_UNIT),
                         file_name="igen.csv", reason="Samma fil")  # fmt: skip
    assert str(refused.value.message).startswith(
        f"This file is already imported for {period}, by {economist.get_full_name()}"
    )
    assert list(PersonnelImport.objects.all()) == [imported]


def test_an_earlier_file_may_come_back(imported, period, economist):
    personnel_import(actor=economist, period=period, content=csv_bytes(KOMMUN),
                     file_name="ny.csv", reason="Ny fil")  # fmt: skip
    back = personnel_import(actor=economist, period=period,
                            content=csv_bytes(KOMMUN + SMALL_UNIT),
                            file_name="gamla.csv", reason="Tillbaka")  # fmt: skip
    assert PersonnelImport.objects.get(replaced_by__isnull=True) == back
