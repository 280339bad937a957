"""The writes of intern kontroll: rights branch by branch, bad input, a decided plan and a
closed period, each refused by the service and by the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.control import services
from apps.control.models import Control, ControlPlan, ControlResult, Risk, RiskCategory, RiskLevel
from apps.control.selectors import level_for
from tests.control.factories import (
    ControlFactory,
    ControlPlanFactory,
    ControlResultFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db
DECIDED = dt.date(2025, 12, 10)


def message(error: ValidationError, field: str) -> str:
    return " ".join(str(m) for m in error.error_dict[field][0].messages)


def t(text: str) -> str:
    """The Swedish the user reads (the msgid until the catalogue has it)."""
    with translation.override("sv"):
        return translation.gettext(text)


def make_risk(actor, unit, **changes):
    fields = {
        "year": 2026, "description": "Felaktiga utbetalningar av försörjningsstöd",
        "process": "Utbetalning", "category": RiskCategory.objects.get(key="legal"),
        "probability": 2, "consequence": 4, "owner": "Enhetschef", "reason": "Riskanalys",
    }  # fmt: skip
    fields.update(changes)
    return services.risk_create(actor=actor, unit=unit, **fields)


def control_fields(**changes):
    fields = {"what": "Stickprov på tio utbetalningar", "method": "Granskning mot beslut",
              "owner": "Controller", "frequency": "En gång per tertial",
              "reported_when": "Tertial 1 och 2", "reason": "Kontrollplan"}  # fmt: skip
    fields.update(changes)
    return fields


class TestDefaults:
    def test_the_five_categories_are_shipped(self):
        keys = set(RiskCategory.objects.values_list("key", flat=True))
        assert keys == {"omvarld", "verksamhet", "legal", "it", "rapportering"}

    @pytest.mark.parametrize(
        ("value", "label"), [(1, "Låg"), (4, "Låg"), (5, "Medel"), (9, "Medel"), (10, "Hög"),
                             (16, "Hög"), (20, "Mycket hög"), (25, "Mycket hög")],
    )  # fmt: skip
    def test_a_value_falls_in_its_level(self, value, label):
        assert level_for(value, list(RiskLevel.objects.all())).name == label

    def test_the_value_is_the_product(self, org):
        assert RiskFactory.build(probability=4, consequence=5).value == 20


class TestRisk:
    def test_an_editor_scores_a_risk_of_their_unit_with_history(self, org, editor_a):
        risk = make_risk(editor_a, org.namnd_a)
        assert risk.value == 8
        record = risk.history.get()
        assert record.history_user == editor_a
        assert record.history_change_reason == "Riskanalys"

    def test_an_editor_of_a_nämnd_scores_for_a_unit_below_it(self, org, editor_a):
        assert make_risk(editor_a, org.enhet_a1).unit == org.enhet_a1

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "economist", "outsider"])
    def test_others_cannot_score_a_risk(self, request, org, persona):
        with pytest.raises(PermissionDenied):
            make_risk(request.getfixturevalue(persona), org.namnd_a)
        assert not Risk.objects.exists()

    def test_the_admin_can(self, org, admin_user):
        assert make_risk(admin_user, org.namnd_a).pk

    @pytest.mark.parametrize("field", ["probability", "consequence"])
    @pytest.mark.parametrize("score", [0, 6, -1, None])
    def test_a_score_outside_one_to_five_is_refused_at_the_field(self, org, editor_a, field, score):
        with pytest.raises(ValidationError) as caught:
            make_risk(editor_a, org.namnd_a, **{field: score})
        wanted = {"probability": "Score the probability from 1 to 5.",
                  "consequence": "Score the consequence from 1 to 5."}[field]  # fmt: skip
        with translation.override("sv"):
            assert message(caught.value, field) == t(wanted)
        assert not Risk.objects.exists()

    def test_an_update_outside_the_scale_changes_nothing(self, org, editor_a):
        risk = make_risk(editor_a, org.namnd_a)
        with pytest.raises(ValidationError):
            services.risk_update(actor=editor_a, risk=risk, probability=7, reason="Ny bedömning")
        risk.refresh_from_db()
        assert risk.probability == 2
        assert risk.history.count() == 1

    def test_an_update_moves_the_risk_and_records_why(self, org, editor_a):
        risk = make_risk(editor_a, org.namnd_a)
        services.risk_update(
            actor=editor_a, risk=risk, probability=5, consequence=5, reason="Nytt läge"
        )
        risk.refresh_from_db()
        assert risk.value == 25
        assert risk.history.first().history_change_reason == "Nytt läge"

    def test_an_editor_of_another_nämnd_cannot_change_the_risk(self, org, editor_a, editor_b):
        risk = make_risk(editor_a, org.namnd_a)
        with pytest.raises(PermissionDenied):
            services.risk_update(actor=editor_b, risk=risk, probability=1, reason="x")

    def test_a_reason_is_required(self, org, editor_a):
        with pytest.raises(ValidationError) as caught:
            make_risk(editor_a, org.namnd_a, reason=" ")
        assert "reason" in caught.value.error_dict


class TestControlPlan:
    def test_an_editor_draws_up_a_plan_once(self, org, editor_a):
        first = services.control_plan_create(
            actor=editor_a, unit=org.namnd_a, year=2026, reason="Ny plan"
        )
        again = services.control_plan_create(
            actor=editor_a, unit=org.namnd_a, year=2026, reason="Ny plan"
        )
        assert first == again and first.state == "draft"

    def test_an_editor_of_another_nämnd_cannot(self, org, editor_b):
        with pytest.raises(PermissionDenied):
            services.control_plan_create(actor=editor_b, unit=org.namnd_a, year=2026, reason="x")

    def test_a_control_puts_its_risk_into_the_plan(self, org, editor_a):
        plan = ControlPlanFactory(unit=org.namnd_a)
        risk = make_risk(editor_a, org.namnd_a)
        control = services.control_add(actor=editor_a, plan=plan, risk=risk, **control_fields())
        risk.refresh_from_db()
        assert risk.in_control_plan
        assert control.history.get().history_user == editor_a

    @pytest.mark.parametrize(
        ("field", "text"),
        [
            ("owner", "Name who carries out the control."),
            ("frequency", "Say how often the control is carried out."),
            ("what", "Say what the control checks."),
        ],
    )
    def test_a_control_without_owner_or_frequency_is_refused(self, org, editor_a, field, text):
        plan = ControlPlanFactory(unit=org.namnd_a)
        risk = make_risk(editor_a, org.namnd_a)
        with pytest.raises(ValidationError) as caught:
            services.control_add(
                actor=editor_a, plan=plan, risk=risk, **control_fields(**{field: "  "})
            )
        with translation.override("sv"):
            assert message(caught.value, field) == t(text)
        assert not Control.objects.exists()
        risk.refresh_from_db()
        assert not risk.in_control_plan

    def test_a_risk_of_another_unit_is_refused(self, org, editor_a, admin_user):
        plan = ControlPlanFactory(unit=org.namnd_a)
        other = RiskFactory(unit=org.namnd_b)
        with pytest.raises(ValidationError) as caught:
            services.control_add(actor=admin_user, plan=plan, risk=other, **control_fields())
        assert "risk" in caught.value.error_dict

    def test_an_editor_of_another_nämnd_cannot_add_a_control(self, org, editor_b):
        plan = ControlPlanFactory(unit=org.namnd_a)
        risk = RiskFactory(unit=org.namnd_a)
        with pytest.raises(PermissionDenied):
            services.control_add(actor=editor_b, plan=plan, risk=risk, **control_fields())

    def test_the_nämnd_decides_its_plan(self, org, editor_a):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        plan = services.control_plan_decide(
            actor=editor_a, plan=control.plan, decided_on=DECIDED, paragraph="§ 12",
            reason="Beslut",
        )  # fmt: skip
        assert plan.is_decided and plan.paragraph == "§ 12"

    def test_the_deciding_body_of_a_förvaltning_is_its_nämnd(self, org, editor_b):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.forvaltning_a))
        with pytest.raises(PermissionDenied):
            services.control_plan_decide(
                actor=editor_b, plan=control.plan, decided_on=DECIDED, paragraph="§ 1",
                reason="x",
            )  # fmt: skip

    def test_an_empty_plan_is_not_decided(self, org, editor_a):
        plan = ControlPlanFactory(unit=org.namnd_a)
        with pytest.raises(ValidationError):
            services.control_plan_decide(
                actor=editor_a, plan=plan, decided_on=DECIDED, paragraph="§ 1", reason="x"
            )

    @pytest.mark.parametrize(
        ("decided_on", "paragraph", "field"),
        [(dt.date(2999, 1, 1), "§ 1", "decided_on"), (DECIDED, " ", "paragraph")],
    )
    def test_a_decision_needs_a_past_date_and_a_paragraph(
        self, org, editor_a, decided_on, paragraph, field
    ):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        with pytest.raises(ValidationError) as caught:
            services.control_plan_decide(
                actor=editor_a, plan=control.plan, decided_on=decided_on, paragraph=paragraph,
                reason="x",
            )  # fmt: skip
        assert field in caught.value.error_dict
        assert ControlPlan.objects.get().state == "draft"


class TestDecidedPlan:
    @pytest.fixture
    def decided(self, org, editor_a):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        services.control_plan_decide(
            actor=editor_a, plan=control.plan, decided_on=DECIDED, paragraph="§ 3", reason="x"
        )
        return Control.objects.get(pk=control.pk)

    def test_the_service_refuses_a_new_control(self, org, editor_a, decided):
        with pytest.raises(ValidationError) as caught:
            services.control_add(
                actor=editor_a, plan=decided.plan, risk=decided.risk, **control_fields()
            )
        assert caught.value.messages == [
            t("The control plan is decided and read-only. Reopen it to change it.")
        ]
        assert Control.objects.count() == 1

    def test_the_database_refuses_an_orm_create(self, decided):
        with pytest.raises(IntegrityError, match="decided control plan"), transaction.atomic():
            Control.objects.create(
                plan=decided.plan, risk=decided.risk, what="x", owner="y", frequency="z"
            )

    def test_the_database_refuses_an_orm_update(self, decided):
        with pytest.raises(IntegrityError, match="decided control plan"), transaction.atomic():
            Control.objects.filter(pk=decided.pk).update(what="ändrad")

    def test_reopening_makes_it_writable_again(self, org, editor_a, decided):
        services.control_plan_reopen(actor=editor_a, plan=decided.plan, reason="Ny kontroll")
        services.control_add(
            actor=editor_a, plan=decided.plan, risk=decided.risk, **control_fields()
        )
        assert Control.objects.count() == 2

    def test_an_editor_of_another_nämnd_cannot_reopen(self, editor_b, decided):
        with pytest.raises(PermissionDenied):
            services.control_plan_reopen(actor=editor_b, plan=decided.plan, reason="x")


class TestResult:
    def test_an_editor_reports_a_result_with_history(self, org, editor_a, open_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        result = services.control_result_save(
            actor=editor_a, control=control, period=open_period, status="no_remarks",
            comment="Inga fel", reason="T1",
        )  # fmt: skip
        assert result.history.get().history_user == editor_a
        again = services.control_result_save(
            actor=editor_a, control=control, period=open_period, status="minor",
            measures="Påminnelse till attestanter", reason="T1 rättad",
        )  # fmt: skip
        assert again.pk == result.pk and ControlResult.objects.get().status == "minor"

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "economist", "outsider"])
    def test_others_cannot_report(self, request, org, open_period, persona):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        with pytest.raises(PermissionDenied):
            services.control_result_save(
                actor=request.getfixturevalue(persona), control=control, period=open_period,
                status="no_remarks", reason="x",
            )  # fmt: skip

    @pytest.mark.parametrize("status", ["minor", "major", "not_done"])
    def test_measures_are_required_when_something_failed(self, org, editor_a, open_period, status):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        with pytest.raises(ValidationError) as caught:
            services.control_result_save(
                actor=editor_a, control=control, period=open_period, status=status,
                measures=" ", reason="x",
            )  # fmt: skip
        assert "measures" in caught.value.error_dict
        assert not ControlResult.objects.exists()

    def test_the_service_refuses_a_closed_period_in_swedish(self, org, editor_a, closed_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        with translation.override("sv"), pytest.raises(PermissionDenied) as caught:
            services.control_result_save(
                actor=editor_a, control=control, period=closed_period, status="no_remarks",
                reason="x",
            )  # fmt: skip
        with translation.override("sv"):
            assert "stängd" in str(caught.value)
        assert not ControlResult.objects.exists()

    def test_the_database_refuses_an_orm_create_in_a_closed_period(self, org, closed_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a))
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            ControlResult.objects.create(control=control, period=closed_period, status="no_remarks")

    def test_the_database_refuses_an_orm_update_in_a_closed_period(self, org, closed_period):
        result = ControlResultFactory(
            control=ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a)),
            period=closed_period,
        )
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            ControlResult.objects.filter(pk=result.pk).update(comment="ändrad i efterhand")

    def test_a_period_of_another_year_is_refused(self, org, editor_a, open_period):
        control = ControlFactory(plan=ControlPlanFactory(unit=org.namnd_a, year=2025))
        with pytest.raises(ValidationError) as caught:
            services.control_result_save(
                actor=editor_a, control=control, period=open_period, status="no_remarks",
                reason="x",
            )  # fmt: skip
        assert "period" in caught.value.error_dict
