"""KF's omvärldsfaktorer in a plan: the unit relates to each factor in force in the plan's year,
in its omvärldsanalys; the responses are copied into next year's plan while the factor lasts,
and a decided plan keeps them read-only, in the service and in the database."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.goals.models import ExternalFactor
from apps.goals.services import external_factor_save
from apps.plans import services
from apps.plans.models import PlanFactorResponse
from tests.plans.conftest import REASON, YEAR


def factor(title="Demografisk förändring", first_year=2023, last_year=2026) -> ExternalFactor:
    return ExternalFactor.objects.create(
        title=title, first_year=first_year, last_year=last_year,
        decided_on=dt.date(2023, 2, 13), paragraph="§ 9",
    )  # fmt: skip


def respond(plan, actor, factor, **texts):
    texts.setdefault("risks", "Fler äldre, färre i arbetsför ålder.")
    texts.setdefault("opportunities", "Välfärdsteknik.")
    texts.setdefault("approach", "Kompetensförsörjningsplan.")
    return services.plan_factor_response_save(
        actor=actor, plan=plan, factor=factor, reason=REASON, **texts
    )


class TestFactors:
    def test_only_an_administrator_records_kfs_factors(self, admin_user, editor_a):
        new = ExternalFactor(title="Klimat", first_year=2023, last_year=2026)
        with pytest.raises(PermissionDenied):
            external_factor_save(actor=editor_a, factor=new, reason="KF § 9")
        external_factor_save(actor=admin_user, factor=new, reason="KF § 9")
        assert new.history.first().history_change_reason == "KF § 9"

    def test_the_last_year_cannot_come_before_the_first(self, admin_user):
        wrong = ExternalFactor(title="Klimat", first_year=2026, last_year=2023)
        with pytest.raises(ValidationError) as caught:
            external_factor_save(actor=admin_user, factor=wrong, reason="KF § 9")
        assert "last_year" in caught.value.message_dict
        assert not ExternalFactor.objects.exists()


class TestResponses:
    def test_the_units_editor_responds_with_history(self, draft, editor_a):
        response = respond(draft, editor_a, factor())
        assert (response.risks, response.approach) == (
            "Fler äldre, färre i arbetsför ålder.", "Kompetensförsörjningsplan."
        )  # fmt: skip
        assert response.history.first().history_user == editor_a
        respond(draft, editor_a, response.factor, risks="Ändrad")
        assert PlanFactorResponse.objects.get().risks == "Ändrad"

    def test_another_nämnds_editor_may_not(self, draft, editor_b):
        with pytest.raises(PermissionDenied):
            respond(draft, editor_b, factor())
        assert not PlanFactorResponse.objects.exists()

    def test_a_factor_not_in_force_that_year_is_refused_at_the_field(self, draft, editor_a):
        with pytest.raises(ValidationError) as caught:
            respond(draft, editor_a, factor(first_year=2019, last_year=2022))
        assert set(caught.value.message_dict) == {"factor"}

    def test_a_decided_plan_refuses_in_the_service(self, decided, editor_a):
        with pytest.raises(ValidationError):
            respond(decided, editor_a, factor())
        assert not PlanFactorResponse.objects.exists()

    def test_and_in_the_database(self, draft, editor_a):
        response = respond(draft, editor_a, factor())
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)
        services.plan_decide(actor=editor_a, plan=draft, decided_on=dt.date(2026, 1, 28),
                             paragraph="§ 5", reason=REASON)  # fmt: skip
        response.risks = "Direkt i tabellen"
        with pytest.raises(IntegrityError, match="decided plan"), transaction.atomic():
            response.save()
        with pytest.raises(IntegrityError, match="decided plan"), transaction.atomic():
            PlanFactorResponse.objects.create(plan=draft, factor=factor("Klimat"), risks="x")

    def test_copying_the_plan_carries_responses_to_factors_still_in_force(
        self, draft, editor_a, org
    ):
        lasting, ending = factor("Demografi", 2023, 2030), factor("Pandemin", 2021, YEAR)
        respond(draft, editor_a, lasting)
        respond(draft, editor_a, ending)
        copy = services.plan_copy_from_previous(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR + 1, reason=REASON
        )
        assert [(r.factor, r.risks) for r in copy.factor_responses.all()] == [
            (lasting, "Fler äldre, färre i arbetsför ålder.")
        ]


class TestPlanPage:
    def test_the_editor_writes_under_the_omvärldsanalys(self, client, draft, editor_a):
        kf_factor = factor()
        client.force_login(editor_a)
        url = f"/planer/{draft.pk}/"
        html = unescape(client.get(url).content.decode())
        assert "Demografisk förändring" in html and f'value="factor-{kf_factor.pk}"' in html
        response = client.post(url, {
            "action": f"factor-{kf_factor.pk}", f"f{kf_factor.pk}-risks": "Fler äldre",
            f"f{kf_factor.pk}-opportunities": "", f"f{kf_factor.pk}-approach": "Planera",
        })  # fmt: skip
        assert response.status_code == 302
        assert PlanFactorResponse.objects.get().approach == "Planera"

    def test_a_reader_sees_the_responses_without_forms(self, client, draft, editor_a, politician):
        kf_factor = factor()
        respond(draft, editor_a, kf_factor)
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)  # not a draft
        client.force_login(politician)
        html = unescape(client.get(f"/planer/{draft.pk}/").content.decode())
        assert "Kompetensförsörjningsplan." in html
        assert f'value="factor-{kf_factor.pk}"' not in html

    def test_a_factor_of_another_year_cannot_be_posted(self, client, draft, editor_a):
        old = factor(first_year=2015, last_year=2018)
        client.force_login(editor_a)
        response = client.post(f"/planer/{draft.pk}/", {"action": f"factor-{old.pk}"})
        assert response.status_code == 404

    @pytest.mark.parametrize("count", [1, 6])
    def test_a_fixed_number_of_queries(
        self, client, draft, editor_a, count, django_assert_num_queries
    ):
        for n in range(count):
            respond(draft, editor_a, factor(f"Faktor {n}"))
        client.force_login(editor_a)
        # The verksamhetsplan page: 9, the responses, the active model, its nämndplan and goals,
        # and its activities' tags.
        with django_assert_num_queries(14):
            client.get(f"/planer/{draft.pk}/")
