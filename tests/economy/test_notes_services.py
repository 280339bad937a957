"""The services of the pension statement, the notes' texts and the redovisningsprinciper:
who may write, the reason, the history, sanitised text, and closed periods and years."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.economy.models import AccountingPrinciples, PensionStatement, StatementLine
from apps.economy.services import notes as services
from apps.periods.models import ReportingPeriod
from tests.economy.notes_fixtures import mkr, year_end_2025
from tests.factories import ReportingPeriodFactory


@pytest.fixture
def period(org) -> ReportingPeriod:
    return ReportingPeriodFactory(year=2026)


def save_pensions(actor, period, **changes):
    values = {
        "actor": actor, "period": period, "provision": mkr(100),
        "contingent_liability": mkr(340), "administrator": "KPA Pension",
        "statement_on": dt.date(2026, 5, 8), "reason": "KPA:s prognos",
    }  # fmt: skip
    values.update(changes)
    return services.pension_statement_save(**values)


class TestPensionStatement:
    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_economists_and_administrators_enter_it(self, request, period, persona):
        actor = request.getfixturevalue(persona)
        statement = save_pensions(actor, period)
        record = statement.history.first()
        assert record.history_user == actor
        assert record.history_change_reason == "KPA:s prognos"
        assert statement.provision == mkr(100)

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider"])
    def test_others_may_not(self, request, period, persona):
        with pytest.raises(PermissionDenied):
            save_pensions(request.getfixturevalue(persona), period)
        assert not PensionStatement.objects.exists()

    def test_a_reason_is_required(self, economist, period):
        with pytest.raises(ValidationError) as error:
            save_pensions(economist, period, reason=" ")
        assert "reason" in error.value.message_dict

    def test_a_second_save_changes_the_same_statement(self, economist, period):
        first = save_pensions(economist, period)
        second = save_pensions(economist, period, contingent_liability=mkr(335),
                               expected_version=first.version)  # fmt: skip
        assert second.pk == first.pk
        assert PensionStatement.objects.get().contingent_liability == mkr(335)

    def test_negative_amounts_are_refused_at_the_field(self, economist, period):
        with pytest.raises(ValidationError) as error:
            save_pensions(economist, period, provision=mkr(-1))
        assert "provision" in error.value.message_dict

    def test_a_closed_period_is_read_only(self, economist, period):
        ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
        period.refresh_from_db()
        with pytest.raises(PermissionDenied):
            save_pensions(economist, period)
        assert not PensionStatement.objects.exists()


@pytest.fixture
def line(org):
    return StatementLine.objects.get_or_create(
        key="tax_revenue", defaults={"statement": "income", "name": "Skatteintäkter", "order": 40}
    )[0]


class TestNotesAndPrinciples:
    def test_the_note_text_is_sanitised_and_kept_with_the_reason(self, economist, line):
        note = services.statement_note_save(
            actor=economist, year=2026, line=line,
            text="Skatteintäkterna ökade.<script>alert(1)</script>", reason="Bokslut",
        )  # fmt: skip
        assert "<script>" not in note.text
        assert "Skatteintäkterna ökade." in note.text
        assert note.history.first().history_change_reason == "Bokslut"

    def test_plain_text_becomes_paragraphs(self, economist):
        principles = services.accounting_principles_save(
            actor=economist, year=2026, text="Första stycket.\n\nAndra stycket.", reason="Ny"
        )
        assert principles.text == "<p>Första stycket.</p><p>Andra stycket.</p>"

    def test_empty_principles_are_refused_at_the_field(self, economist):
        with pytest.raises(ValidationError) as error:
            services.accounting_principles_save(actor=economist, year=2026, text=" ", reason="x")
        assert "text" in error.value.message_dict

    @pytest.mark.parametrize("persona", ["politician", "editor_a"])
    def test_others_may_not_write(self, request, line, persona):
        actor = request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            services.statement_note_save(actor=actor, year=2026, line=line, text="x", reason="x")
        with pytest.raises(PermissionDenied):
            services.accounting_principles_save(actor=actor, year=2026, text="x", reason="x")

    def test_a_closed_year_is_read_only(self, economist, line):
        year_end = year_end_2025()
        services.accounting_principles_save(actor=economist, year=2025, text="x", reason="x")
        ReportingPeriod.objects.filter(pk=year_end.pk).update(state="closed")
        with pytest.raises(PermissionDenied):
            services.statement_note_save(
                actor=economist, year=2025, line=line, text="x", reason="x"
            )
        with pytest.raises(PermissionDenied):
            services.accounting_principles_save(actor=economist, year=2025, text="y", reason="x")
        assert AccountingPrinciples.objects.get(year=2025).text == "<p>x</p>"
        # Another year is not affected.
        services.statement_note_save(actor=economist, year=2026, line=line, text="x", reason="x")
