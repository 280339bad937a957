"""The trust-based analysis that the reports carry to KF (Ale): each nämnd's
nulägesbeskrivning with its responses to the omvärldsfaktorer, the tillitsdialoger with the
nulägesanalyser they rest on and the uppdrag they led to, and the kommungemensamma
omvärldsanalysen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.goals.models import Assignment, ExternalFactor
from apps.trust import services
from apps.trust.models import EnvironmentAnalysis
from apps.trust.selectors import trust_analysis
from tests.factories import ReportingPeriodFactory, UnitFactory

YEAR = 2026


def factor(title, position=0, **fields) -> ExternalFactor:
    fields.setdefault("first_year", 2023)
    fields.setdefault("last_year", 2026)
    return ExternalFactor.objects.create(title=title, position=position, **fields)


def report(actor, unit, **texts):
    texts.setdefault("operations", "<p>Vi driver skolan.</p>")
    return services.status_report_save(actor=actor, unit=unit, year=YEAR, reason="Nuläge", **texts)


def respond(actor, unit, kf_factor, risks="Risk", opportunities="Möjlighet", approach="Så"):
    return services.status_report_factor_response_save(
        actor=actor, unit=unit, year=YEAR, factor=kf_factor, risks=risks,
        opportunities=opportunities, approach=approach, reason="Nuläge",
    )  # fmt: skip


def assignment(org, title="Utred fritidsgårdarna") -> Assignment:
    return Assignment.objects.create(
        given_by=org.kf, title=title, first_year=YEAR, last_year=YEAR + 1
    )


def dialogue(actor, units, held_on=dt.date(YEAR, 3, 10), **links):
    return services.dialogue_record(
        actor=actor, kind="oversight" if any(u.kind == "ks" for u in units) else "within",
        held_on=held_on, units=units, participants="Presidierna", topics="Skolresultat",
        conclusions="Fortsätt", reason="Dialog", **links,
    )  # fmt: skip


class TestBodies:
    def test_each_body_with_a_report_in_organisation_order_with_its_parts(self, org, admin_user):
        report(admin_user, org.namnd_b, environment="<p>Fler äldre.</p>")
        report(
            admin_user, org.namnd_a, current_state="<ul><li>Bättre</li></ul>",
            proposed_goals="<p>Fler behöriga lärare</p>",
        )  # fmt: skip
        analysis = trust_analysis(year=YEAR)
        assert [b.unit for b in analysis.bodies] == [org.namnd_a, org.namnd_b]
        first = analysis.bodies[0]
        assert [html for _title, html in first.parts] == [
            "<p>Vi driver skolan.</p>", "", "<ul><li>Bättre</li></ul>",
        ]  # fmt: skip
        assert first.proposed_goals == "<p>Fler behöriga lärare</p>"
        assert analysis.bodies[1].parts[1][1] == "<p>Fler äldre.</p>"

    def test_another_year_and_units_outside_the_subtree_are_left_out(self, org, admin_user):
        report(admin_user, org.namnd_a)
        report(admin_user, org.namnd_b)
        services.status_report_save(actor=admin_user, unit=org.namnd_a, year=YEAR - 1,
                                    reason="x", operations="Förra året")  # fmt: skip
        assert [b.unit for b in trust_analysis(year=YEAR, unit=org.namnd_b).bodies] == [org.namnd_b]
        assert [b.report.year for b in trust_analysis(year=YEAR - 1).bodies] == [YEAR - 1]

    def test_responses_in_factor_order_only_for_factors_in_force(self, org, admin_user):
        second, first = factor("Demografi", position=2), factor("Digitalisering", position=1)
        withdrawn = factor("Energi", position=3)
        respond(admin_user, org.namnd_a, second, risks="Fler äldre")
        respond(admin_user, org.namnd_a, first, risks="Utanförskap")
        respond(admin_user, org.namnd_a, withdrawn)
        # KF withdrew the factor the year before: it is no longer in force in YEAR.
        ExternalFactor.objects.filter(pk=withdrawn.pk).update(
            withdrawn_on=dt.date(YEAR - 1, 11, 1), withdrawal_reason="Inaktuell"
        )
        (body,) = trust_analysis(year=YEAR).bodies
        assert [(f, risks) for f, risks, _o, _a in body.factor_responses] == [
            (first, "Utanförskap"), (second, "Fler äldre"),
        ]  # fmt: skip

    def test_empty_responses_are_not_shown(self, org, admin_user):
        respond(admin_user, org.namnd_a, factor("Digitalisering"), "", "", "")
        (body,) = trust_analysis(year=YEAR).bodies
        assert body.factor_responses == []


class TestDialogues:
    def test_a_ks_dialogue_with_the_report_it_rests_on_and_the_uppdrag_it_led_to(
        self, org, admin_user
    ):
        rests_on = report(admin_user, org.namnd_a)
        led_to = assignment(org)
        dialogue(admin_user, [org.namnd_a, org.ks], status_reports=[rests_on],
                 assignments=[led_to])  # fmt: skip
        (line,) = trust_analysis(year=YEAR).dialogues
        assert line.units == [org.ks, org.namnd_a]
        assert line.dialogue.kind == "oversight" and line.kind
        assert line.status_reports == [rests_on]
        assert line.assignments == [led_to]
        assert line.status_report_names == f"Nämnd A {YEAR}"
        assert line.assignment_titles == "Utred fritidsgårdarna"
        assert (line.topics, line.conclusions) == ("Skolresultat", "Fortsätt")

    def test_held_in_the_period_or_in_the_year(self, org, admin_user):
        period = ReportingPeriodFactory(year=YEAR)  # 1 jan–30 apr
        dialogue(admin_user, [org.namnd_a], held_on=dt.date(YEAR, 3, 1))
        dialogue(admin_user, [org.namnd_a], held_on=dt.date(YEAR, 9, 1))
        dialogue(admin_user, [org.namnd_a], held_on=dt.date(YEAR - 1, 9, 1))
        assert [d.held_on.month for d in trust_analysis(year=YEAR, period=period).dialogues] == [3]
        assert [d.held_on.month for d in trust_analysis(year=YEAR).dialogues] == [3, 9]

    def test_narrowed_to_dialogues_concerning_the_subtree(self, org, admin_user):
        dialogue(admin_user, [org.namnd_a])
        dialogue(admin_user, [org.namnd_b, org.ks])
        assert [d.units for d in trust_analysis(year=YEAR, unit=org.namnd_b).dialogues] == [
            [org.ks, org.namnd_b]
        ]


def test_the_environment_analysis_of_the_year(org, admin_user):
    assert trust_analysis(year=YEAR).environment_analysis is None
    assert trust_analysis(year=YEAR).is_empty
    services.environment_analysis_save(
        actor=admin_user, year=YEAR, title="Omvärldsanalys", text="Megatrender", reason="Ny"
    )
    assert trust_analysis(year=YEAR).environment_analysis == EnvironmentAnalysis.objects.get()
    assert trust_analysis(year=YEAR + 1).environment_analysis is None


class TestDialogueLinks:
    def test_a_dialogue_cannot_rest_on_the_report_of_a_unit_not_in_it(self, org, admin_user):
        other = report(admin_user, org.namnd_b)
        with pytest.raises(ValidationError) as error:
            dialogue(admin_user, [org.ks, org.namnd_a], status_reports=[other])
        assert "status_reports" in error.value.message_dict

    def test_changing_a_dialogue_without_links_keeps_them(self, org, admin_user):
        rests_on = report(admin_user, org.namnd_a)
        recorded = dialogue(admin_user, [org.ks, org.namnd_a], status_reports=[rests_on])
        services.dialogue_record(
            actor=admin_user, dialogue=recorded, kind="oversight", held_on=recorded.held_on,
            units=[org.ks, org.namnd_a], participants="Alla", topics="Nytt", reason="Rättelse",
            expected_version=recorded.version,
        )  # fmt: skip
        assert list(recorded.status_reports.all()) == [rests_on]
        services.dialogue_record(
            actor=admin_user, dialogue=recorded, kind="oversight", held_on=recorded.held_on,
            units=[org.ks, org.namnd_a], participants="Alla", topics="Nytt", reason="Rättelse",
            status_reports=[], expected_version=recorded.version,
        )  # fmt: skip
        assert not recorded.status_reports.exists()


@pytest.mark.parametrize("size", [1, 10])
def test_a_fixed_number_of_queries(org, admin_user, django_assert_num_queries, size):
    factors = [factor(f"Faktor {n}", position=n) for n in range(3)]
    period = ReportingPeriodFactory(year=YEAR)
    for n in range(size):
        unit = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {n}")
        rests_on = report(admin_user, unit)
        for kf_factor in factors:
            respond(admin_user, unit, kf_factor)
        dialogue(admin_user, [org.ks, unit], status_reports=[rests_on],
                 assignments=[assignment(org, f"Uppdrag {n}")])  # fmt: skip
    services.environment_analysis_save(
        actor=admin_user, year=YEAR, title="Omvärldsanalys", text="Text", reason="Ny"
    )
    # The reports with their units; the responses to the factors in force with the factors;
    # the dialogues, their units, their status reports with units, their uppdrag; the
    # omvärldsanalys.
    with django_assert_num_queries(7):
        analysis = trust_analysis(year=YEAR, period=period, unit=org.kf)
        lines = [(d.unit_names, d.status_report_names, d.assignment_titles)
                 for d in analysis.dialogues]  # fmt: skip
    assert len(analysis.bodies) == size
    assert all(len(b.factor_responses) == 3 for b in analysis.bodies)
    assert len(lines) == size
