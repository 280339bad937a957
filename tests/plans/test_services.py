"""The plans' services: which plan a unit writes, starting from last year's, rich text, the
rules of an activity, the workflow draft → submitted → decided (→ reopened), and that a
decided plan or a refused write leaves the database as it was. Messages are Swedish, as the
services raise them in the kommun's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.plans import services
from apps.plans.models import Activity, Plan, PlanSection, SectionTemplate
from tests.factories import UnitFactory
from tests.plans.conftest import DECIDED_ON, READ_ONLY, REASON, YEAR, add_activity

STANDARD = ["Verksamhetsbeskrivning", "Omvärldsanalys", "Nulägesanalys"]


def field_messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


def section_titles(plan: Plan) -> list[str]:
    return [s.template.title for s in plan.sections.select_related("template")]


def last_change(instance) -> tuple[str | None, str]:
    """Who made the latest change to ``instance`` and why."""
    record = instance.history.order_by("-history_date", "-history_id").first()
    user = record.history_user.username if record.history_user else None
    return user, record.history_change_reason


class TestPlanCreate:
    @pytest.mark.parametrize(
        ("unit", "kind"),
        [
            ("ks", "namndplan"),
            ("namnd_a", "namndplan"),
            ("forvaltning_a", "verksamhetsplan"),
            ("enhet_a1", "enhetsplan"),
        ],
    )
    def test_the_kind_of_plan_follows_the_kind_of_unit(self, org, admin_user, unit, kind):
        plan = services.plan_create(
            actor=admin_user, unit=getattr(org, unit), year=YEAR, reason=REASON
        )
        plan.refresh_from_db()
        assert (plan.kind, plan.year, plan.state) == (kind, YEAR, "draft")
        assert last_change(plan) == ("admin", REASON)

    def test_a_verksamhet_writes_a_verksamhetsplan_and_a_bolag_an_affarsplan(self, org, admin_user):
        verksamhet = UnitFactory(parent=org.forvaltning_a, kind="verksamhet", name="Grundskola")
        bolag = UnitFactory(parent=org.kf, kind="bolag", name="Kommunens bostadsbolag AB")
        kinds = [
            services.plan_create(actor=admin_user, unit=unit, year=YEAR, reason=REASON).kind
            for unit in (verksamhet, bolag)
        ]
        assert kinds == ["verksamhetsplan", "affarsplan"]

    def test_kf_writes_no_plan(self, org, admin_user):
        with pytest.raises(ValidationError) as error:
            services.plan_create(actor=admin_user, unit=org.kf, year=YEAR, reason=REASON)
        assert field_messages(error, "unit") == ["Den här typen av enhet skriver ingen plan."]
        assert not Plan.objects.exists()

    def test_the_plan_has_the_standard_sections_in_order(self, org, editor_a):
        plan = services.plan_create(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
        )
        assert section_titles(plan) == STANDARD
        assert all(section.body == "" for section in plan.sections.all())
        assert last_change(plan.sections.first()) == ("redaktor_a", REASON)

    def test_free_sections_an_admin_added_are_included_unless_taken_out_of_use(self, org, editor_a):
        SectionTemplate.objects.create(key="klimat", title="Klimatanpassning", position=40)
        SectionTemplate.objects.create(key="digitalt", title="Digitalisering", position=5)
        SectionTemplate.objects.create(
            key="gammalt", title="Gammalt avsnitt", position=50, is_active=False
        )
        plan = services.plan_create(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
        )
        assert section_titles(plan) == ["Digitalisering", *STANDARD, "Klimatanpassning"]

    def test_the_standard_sections_come_back_if_their_rows_are_gone(self, org, editor_a):
        SectionTemplate.objects.all().delete()
        plan = services.plan_create(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
        )
        assert section_titles(plan) == STANDARD

    def test_one_plan_per_unit_and_year(self, org, editor_a):
        services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON)
        with pytest.raises(ValidationError) as error:
            services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON)
        assert field_messages(error, "year") == ["Enheten har redan en plan för 2026."]
        assert Plan.objects.count() == 1
        services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR + 1, reason=REASON)
        assert Plan.objects.count() == 2

    def test_a_reason_is_required(self, org, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=" ")
        assert field_messages(error, "reason") == ["Ange varför ändringen görs."]
        assert not Plan.objects.exists()
        assert not PlanSection.objects.exists()

    @pytest.mark.parametrize("unit", ["namnd_a", "forvaltning_a", "enhet_a1"])
    def test_editor_of_another_namnd_may_not_start_a_plan(self, org, editor_b, unit):
        with pytest.raises(PermissionDenied):
            services.plan_create(actor=editor_b, unit=getattr(org, unit), year=YEAR, reason=REASON)
        assert not Plan.objects.exists()

    @pytest.mark.parametrize("persona", ["politician", "economist", "outsider"])
    def test_readers_may_not_start_a_plan(self, request, org, persona):
        actor = request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            services.plan_create(actor=actor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        assert not Plan.objects.exists()

    def test_editor_of_an_enhet_starts_its_plan_but_not_the_forvaltnings(self, org, enhet_editor):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        assert plan.kind == "enhetsplan"
        with pytest.raises(PermissionDenied):
            services.plan_create(
                actor=enhet_editor, unit=org.forvaltning_a, year=YEAR, reason=REASON
            )
        assert Plan.objects.count() == 1


class TestPlanCopyFromPrevious:
    @pytest.fixture
    def last_year(self, org, chain, editor_a, assignment) -> Plan:
        """Förvaltning A's decided plan for 2025 with text, SWOT and five activities."""
        plan = services.plan_create(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR - 1, reason=REASON
        )
        for section in plan.sections.select_related("template"):
            services.plan_section_update(
                actor=editor_a,
                section=section,
                body=f"<p>{section.template.title} 2025</p>",
                reason=REASON,
            )
        services.plan_swot_update(
            actor=editor_a,
            plan=plan,
            strengths="Engagerade lärare",
            weaknesses="Svårt att rekrytera",
            opportunities="Digitala läromedel",
            threats="Minskade statsbidrag",
            reason=REASON,
        )
        statuses = ["not_started", "started", "delayed", "done", "cancelled"]
        for month, status in enumerate(statuses, start=1):
            add_activity(
                plan,
                editor_a,
                chain.reading if month != 2 else None,
                assignment=assignment if month == 2 else None,
                title=f"Aktivitet {status}",
                starts_on=dt.date(2025, month, 15),
                ends_on=dt.date(2025, 12, 31),
                status=status,
            )
        services.plan_submit(actor=editor_a, plan=plan, reason=REASON)
        return services.plan_decide(
            actor=editor_a, plan=plan, decided_on=dt.date(2025, 1, 30), paragraph="§ 3",
            reason=REASON,
        )  # fmt: skip

    def test_copies_sections_swot_and_only_the_open_activities_a_year_on(
        self, org, chain, editor_a, assignment, last_year
    ):
        plan = services.plan_copy_from_previous(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason="Start från 2025"
        )
        plan.refresh_from_db()
        assert (plan.year, plan.state, plan.kind) == (YEAR, "draft", "verksamhetsplan")
        assert (plan.decided_on, plan.paragraph, plan.decided_by) == (None, "", None)
        assert [(s.template.title, s.body) for s in plan.sections.select_related("template")] == [
            (title, f"<p>{title} 2025</p>") for title in STANDARD
        ]
        assert (plan.strengths, plan.weaknesses, plan.opportunities, plan.threats) == (
            "<p>Engagerade lärare</p>",
            "<p>Svårt att rekrytera</p>",
            "<p>Digitala läromedel</p>",
            "<p>Minskade statsbidrag</p>",
        )
        copied = [
            (a.title, a.status, a.goal, a.assignment, a.starts_on, a.ends_on)
            for a in plan.activities.order_by("starts_on")
        ]
        assert copied == [
            ("Aktivitet not_started", "not_started", chain.reading, None,
             dt.date(2026, 1, 15), dt.date(2026, 12, 31)),
            ("Aktivitet started", "started", None, assignment,
             dt.date(2026, 2, 15), dt.date(2026, 12, 31)),
            ("Aktivitet delayed", "delayed", chain.reading, None,
             dt.date(2026, 3, 15), dt.date(2026, 12, 31)),
        ]  # fmt: skip
        assert last_change(plan) == ("redaktor_a", "Start från 2025")
        assert all(
            last_change(a) == ("redaktor_a", "Start från 2025") for a in plan.activities.all()
        )

    def test_last_years_plan_stays_as_it_was(self, org, editor_a, last_year):
        before = list(last_year.activities.values_list("title", "starts_on", "status"))
        services.plan_copy_from_previous(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
        )
        last_year.refresh_from_db()
        assert last_year.state == "decided"
        assert list(last_year.activities.values_list("title", "starts_on", "status")) == before
        assert Plan.objects.count() == 2

    def test_a_section_added_since_last_year_starts_empty(self, org, editor_a, last_year):
        SectionTemplate.objects.create(key="klimat", title="Klimatanpassning", position=40)
        plan = services.plan_copy_from_previous(
            actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
        )
        bodies = {s.template.title: s.body for s in plan.sections.select_related("template")}
        assert bodies["Klimatanpassning"] == ""
        assert bodies["Omvärldsanalys"] == "<p>Omvärldsanalys 2025</p>"

    def test_29_february_becomes_28_february(self, org, chain, editor_a):
        leap = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=2024, reason=REASON)
        add_activity(
            leap, editor_a, chain.reading,
            starts_on=dt.date(2024, 2, 29), ends_on=dt.date(2024, 2, 29),
        )  # fmt: skip
        plan = services.plan_copy_from_previous(
            actor=editor_a, unit=org.enhet_a1, year=2025, reason=REASON
        )
        activity = plan.activities.get()
        assert activity.starts_on == activity.ends_on == dt.date(2025, 2, 28)

    def test_without_last_years_plan_nothing_is_started(self, org, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_copy_from_previous(
                actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
            )
        assert field_messages(error, "year") == ["Det finns ingen plan för 2025 att kopiera."]
        assert not Plan.objects.exists()

    def test_an_existing_plan_for_the_year_is_not_doubled(self, org, editor_a, last_year):
        services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON)
        with pytest.raises(ValidationError):
            services.plan_copy_from_previous(
                actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON
            )
        assert Plan.objects.filter(year=YEAR).get().activities.count() == 0

    def test_editor_of_another_namnd_may_not_copy(self, org, editor_b, last_year):
        with pytest.raises(PermissionDenied):
            services.plan_copy_from_previous(
                actor=editor_b, unit=org.forvaltning_a, year=YEAR, reason=REASON
            )
        assert not Plan.objects.filter(year=YEAR).exists()


class TestRichText:
    """What people type into sections and the SWOT is stored sanitised."""

    DANGEROUS = [
        '<p>Hej</p><script>alert("x")</script>',
        '<p onclick="steal()">Hej</p>',
        '<p><a href="javascript:alert(1)">Hej</a></p>',
        '<p>Hej<img src="x" onerror="alert(1)"></p>',
    ]

    @pytest.mark.parametrize("body", DANGEROUS)
    def test_a_section_never_stores_scripts_handlers_or_javascript_links(
        self, draft, editor_a, body
    ):
        section = draft.sections.first()
        services.plan_section_update(actor=editor_a, section=section, body=body, reason=REASON)
        section.refresh_from_db()
        for bad in ("<script", "onclick", "javascript:", "<img", "onerror", "alert"):
            assert bad not in section.body
        assert "Hej" in section.body
        assert last_change(section) == ("redaktor_a", REASON)

    def test_allowed_formatting_is_kept(self, draft, editor_a):
        body = (
            "<h3>Läsning</h3><p><strong>Alla</strong> elever ska <em>läsa</em>.</p>"
            '<ul><li>Läsombud</li></ul><p><a href="https://www.skolverket.se/">Skolverket</a></p>'
        )
        section = draft.sections.first()
        services.plan_section_update(actor=editor_a, section=section, body=body, reason=REASON)
        section.refresh_from_db()
        assert section.body == body.replace(
            'href="https://www.skolverket.se/"',
            'href="https://www.skolverket.se/" rel="noopener noreferrer"',
        )

    def test_plain_text_with_blank_lines_becomes_paragraphs(self, draft, editor_a):
        section = draft.sections.first()
        services.plan_section_update(
            actor=editor_a,
            section=section,
            body='Första stycket.\r\n\r\nAndra stycket, 5 < 6 & "citat".\n\n',
            reason=REASON,
        )
        section.refresh_from_db()
        assert section.body == (
            '<p>Första stycket.</p><p>Andra stycket, 5 &lt; 6 &amp; "citat".</p>'
        )

    def test_the_swot_is_sanitised_too(self, draft, editor_a):
        services.plan_swot_update(
            actor=editor_a,
            plan=draft,
            strengths='<p onmouseover="x()">Styrka</p><script>x()</script>',
            weaknesses='<a href="javascript:x()">Svaghet</a>',
            opportunities="Möjlighet",
            threats='<img src=x onerror="x()">Hot',
            reason=REASON,
        )
        draft.refresh_from_db()
        assert (draft.strengths, draft.weaknesses, draft.opportunities, draft.threats) == (
            "<p>Styrka</p>",
            '<a rel="noopener noreferrer">Svaghet</a>',
            "<p>Möjlighet</p>",
            "Hot",
        )
        assert last_change(draft) == ("redaktor_a", REASON)


class TestActivitySave:
    def test_an_activity_for_a_goal(self, draft, chain, editor_a):
        activity = add_activity(
            draft, editor_a, chain.reading_unit, title="Högläsning på fritids", status="started"
        )
        activity.refresh_from_db()
        assert (activity.plan, activity.goal, activity.assignment) == (
            draft, chain.reading_unit, None
        )  # fmt: skip
        assert (activity.title, activity.status) == ("Högläsning på fritids", "started")
        assert last_change(activity) == ("redaktor_a", REASON)

    def test_an_activity_for_an_assignment(self, draft, editor_a, assignment):
        activity = add_activity(draft, editor_a, None, assignment=assignment)
        activity.refresh_from_db()
        assert (activity.goal, activity.assignment) == (None, assignment)

    def test_an_activity_must_serve_a_goal_or_an_assignment(self, draft, editor_a):
        with pytest.raises(ValidationError) as error:
            add_activity(draft, editor_a, None, title="Utan koppling")
        assert field_messages(error, "goal") == [
            "Koppla aktiviteten till ett mål eller ett uppdrag."
        ]
        assert not Activity.objects.filter(title="Utan koppling").exists()

    def test_an_activity_cannot_end_before_it_starts(self, draft, chain, editor_a):
        with pytest.raises(ValidationError) as error:
            add_activity(
                draft, editor_a, chain.reading, title="Baklänges",
                starts_on=dt.date(YEAR, 6, 1), ends_on=dt.date(YEAR, 5, 31),
            )  # fmt: skip
        assert field_messages(error, "ends_on") == ["Aktiviteten slutar innan den börjar."]
        assert not Activity.objects.filter(title="Baklänges").exists()

    def test_an_activity_may_end_the_day_it_starts(self, draft, chain, editor_a):
        day = dt.date(YEAR, 6, 1)
        activity = add_activity(draft, editor_a, chain.reading, starts_on=day, ends_on=day)
        assert activity.pk is not None

    @pytest.mark.parametrize(
        ("starts_on", "ends_on", "field", "message"),
        [
            (dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 1, 3, 1), "starts_on",
             "Aktiviteten börjar efter planens år."),
            (dt.date(YEAR - 1, 3, 1), dt.date(YEAR - 1, 12, 31), "ends_on",
             "Aktiviteten slutar före planens år."),
        ],
    )  # fmt: skip
    def test_an_activity_must_fall_in_the_plans_year(
        self, draft, chain, editor_a, starts_on, ends_on, field, message
    ):
        with pytest.raises(ValidationError) as error:
            add_activity(
                draft, editor_a, chain.reading, title="Fel år",
                starts_on=starts_on, ends_on=ends_on,
            )  # fmt: skip
        assert field_messages(error, field) == [message]
        assert not Activity.objects.filter(title="Fel år").exists()

    def test_an_activity_that_runs_over_the_turn_of_the_year_is_accepted(
        self, draft, chain, editor_a
    ):
        activity = add_activity(
            draft, editor_a, chain.reading,
            starts_on=dt.date(YEAR - 1, 9, 1), ends_on=dt.date(YEAR + 1, 3, 31),
        )  # fmt: skip
        assert activity.pk is not None

    def test_changing_an_activity_records_who_and_why(self, draft, editor_a):
        activity = draft.activities.get()
        services.activity_save(
            actor=editor_a, plan=draft, activity=activity, status="delayed",
            reason="Försenad: rekryteringen drog ut på tiden",
        )  # fmt: skip
        activity.refresh_from_db()
        assert activity.status == "delayed"
        assert last_change(activity) == ("redaktor_a", "Försenad: rekryteringen drog ut på tiden")
        assert activity.history.count() == 2

    def test_a_reason_is_required(self, draft, editor_a):
        activity = draft.activities.get()
        with pytest.raises(ValidationError) as error:
            services.activity_save(
                actor=editor_a, plan=draft, activity=activity, status="done", reason=""
            )
        assert field_messages(error, "reason") == ["Ange varför ändringen görs."]
        activity.refresh_from_db()
        assert activity.status == "not_started"

    def test_unknown_fields_are_a_programming_error(self, draft, editor_a):
        with pytest.raises(TypeError, match="unknown fields: state"):
            services.activity_save(actor=editor_a, plan=draft, reason=REASON, state="done")

    def test_editor_of_the_enhet_writes_activities_in_its_plan(self, org, chain, enhet_editor):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        activity = add_activity(plan, enhet_editor, chain.reading)
        assert last_change(activity) == ("redaktor_a1", REASON)


class TestWorkflow:
    @pytest.fixture
    def enhet_plan(self, org, chain, enhet_editor) -> Plan:
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        add_activity(plan, enhet_editor, chain.reading)
        return plan

    def test_the_enhets_editor_submits_and_the_namnds_editor_decides(
        self, org, enhet_plan, enhet_editor, editor_a
    ):
        services.plan_submit(actor=enhet_editor, plan=enhet_plan, reason="Klar för nämnden")
        enhet_plan.refresh_from_db()
        assert enhet_plan.state == "submitted"
        assert last_change(enhet_plan) == ("redaktor_a1", "Klar för nämnden")

        services.plan_decide(
            actor=editor_a, plan=enhet_plan, decided_on=DECIDED_ON, paragraph=" § 5 ",
            reason="Beslut i Nämnd A",
        )  # fmt: skip
        enhet_plan.refresh_from_db()
        assert enhet_plan.state == "decided"
        assert (enhet_plan.decided_on, enhet_plan.paragraph, enhet_plan.decided_by) == (
            DECIDED_ON, "§ 5", org.namnd_a
        )  # fmt: skip
        assert last_change(enhet_plan) == ("redaktor_a", "Beslut i Nämnd A")

    def test_only_a_draft_can_be_submitted(self, submitted, editor_a):
        records = submitted.history.count()
        with pytest.raises(ValidationError) as error:
            services.plan_submit(actor=editor_a, plan=submitted, reason=REASON)
        assert error.value.messages == ["Bara ett utkast kan skickas in."]
        assert submitted.history.count() == records

    def test_only_a_submitted_plan_can_be_decided(self, draft, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_decide(
                actor=editor_a, plan=draft, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
            )
        assert error.value.messages == ["Bara en inskickad plan kan fastställas."]
        draft.refresh_from_db()
        assert (draft.state, draft.decided_on) == ("draft", None)

    def test_a_decision_needs_its_paragraph(self, submitted, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_decide(
                actor=editor_a, plan=submitted, decided_on=DECIDED_ON, paragraph=" ",
                reason=REASON,
            )  # fmt: skip
        assert field_messages(error, "decided_on") == [
            "En fastställd plan behöver beslutsdatum och §."
        ]
        submitted.refresh_from_db()
        assert submitted.state == "submitted"

    def test_the_editor_of_the_enhet_cannot_decide_its_own_plan(self, enhet_plan, enhet_editor):
        services.plan_submit(actor=enhet_editor, plan=enhet_plan, reason=REASON)
        with pytest.raises(PermissionDenied):
            services.plan_decide(
                actor=enhet_editor, plan=enhet_plan, decided_on=DECIDED_ON, paragraph="§ 5",
                reason=REASON,
            )  # fmt: skip
        enhet_plan.refresh_from_db()
        assert enhet_plan.state == "submitted"

    def test_a_namnd_decides_its_own_namndplan(self, org, editor_a):
        plan = services.plan_create(actor=editor_a, unit=org.namnd_a, year=YEAR, reason=REASON)
        services.plan_submit(actor=editor_a, plan=plan, reason=REASON)
        services.plan_decide(
            actor=editor_a, plan=plan, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        plan.refresh_from_db()
        assert (plan.state, plan.decided_by) == ("decided", org.namnd_a)

    def test_the_deciding_body_is_the_nearest_namnd_ks_or_bolag(self, org):
        bolag = UnitFactory(parent=org.kf, kind="bolag", name="Bostadsbolaget AB")
        for unit in (org.enhet_a1, org.forvaltning_a, org.namnd_b, org.ks):
            unit.refresh_from_db()  # the new bolag moved the MPTT bounds
        assert services.deciding_body(org.enhet_a1) == org.namnd_a
        assert services.deciding_body(org.forvaltning_a) == org.namnd_a
        assert services.deciding_body(org.namnd_b) == org.namnd_b
        assert services.deciding_body(org.ks) == org.ks
        assert services.deciding_body(bolag) == bolag

    def test_reopening_needs_a_reason_and_is_recorded(self, decided, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_reopen(actor=editor_a, plan=decided, reason="  ")
        assert field_messages(error, "reason") == ["Ange varför ändringen görs."]
        decided.refresh_from_db()
        assert decided.state == "decided"

        services.plan_reopen(actor=editor_a, plan=decided, reason="Ny budgetram i mars")
        decided.refresh_from_db()
        assert decided.state == "draft"
        assert last_change(decided) == ("redaktor_a", "Ny budgetram i mars")

    def test_only_the_deciding_body_reopens(self, org, chain, enhet_editor, editor_a):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        services.plan_submit(actor=enhet_editor, plan=plan, reason=REASON)
        services.plan_decide(
            actor=editor_a, plan=plan, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        with pytest.raises(PermissionDenied):
            services.plan_reopen(actor=enhet_editor, plan=plan, reason="Vi vill ändra")
        plan.refresh_from_db()
        assert plan.state == "decided"

    def test_a_reopened_plan_can_be_changed_submitted_and_decided_again(
        self, decided, chain, editor_a
    ):
        services.plan_reopen(actor=editor_a, plan=decided, reason="Ny budgetram")
        add_activity(decided, editor_a, chain.reading, title="Ny aktivitet")
        services.plan_submit(actor=editor_a, plan=decided, reason=REASON)
        services.plan_decide(
            actor=editor_a, plan=decided, decided_on=dt.date(2026, 3, 25), paragraph="§ 31",
            reason=REASON,
        )  # fmt: skip
        decided.refresh_from_db()
        assert (decided.state, decided.paragraph) == ("decided", "§ 31")
        assert decided.activities.count() == 2


class TestADecidedPlanIsReadOnly:
    def test_a_section_is_refused(self, decided, editor_a):
        section = decided.sections.first()
        with pytest.raises(ValidationError) as error:
            services.plan_section_update(
                actor=editor_a, section=section, body="Ändrad", reason=REASON
            )
        assert error.value.messages == [READ_ONLY]
        section.refresh_from_db()
        assert section.body == ""
        assert section.history.count() == 1

    def test_the_swot_is_refused(self, decided, editor_a):
        with pytest.raises(ValidationError) as error:
            services.plan_swot_update(
                actor=editor_a, plan=decided, strengths="Ny", weaknesses="", opportunities="",
                threats="", reason=REASON,
            )  # fmt: skip
        assert error.value.messages == [READ_ONLY]
        decided.refresh_from_db()
        assert decided.strengths == ""

    def test_a_new_activity_is_refused(self, decided, chain, editor_a):
        with pytest.raises(ValidationError) as error:
            add_activity(decided, editor_a, chain.reading, title="För sent")
        assert error.value.messages == [READ_ONLY]
        assert not Activity.objects.filter(title="För sent").exists()

    def test_changing_an_activity_is_refused(self, decided, editor_a):
        activity = decided.activities.get()
        with pytest.raises(ValidationError) as error:
            services.activity_save(
                actor=editor_a, plan=decided, activity=activity, status="done", reason=REASON
            )
        assert error.value.messages == [READ_ONLY]
        activity.refresh_from_db()
        assert activity.status == "not_started"

    def test_submitting_or_deciding_again_is_refused(self, decided, editor_a):
        with pytest.raises(ValidationError, match="fastställd"):
            services.plan_submit(actor=editor_a, plan=decided, reason=REASON)
        with pytest.raises(ValidationError, match="fastställd"):
            services.plan_decide(
                actor=editor_a, plan=decided, decided_on=dt.date(2026, 5, 1), paragraph="§ 50",
                reason=REASON,
            )  # fmt: skip
        decided.refresh_from_db()
        assert (decided.state, decided.paragraph) == ("decided", "§ 5")

    def test_the_refusal_holds_with_a_stale_copy_of_the_plan(self, submitted, editor_a):
        """A view that loaded the plan before it was decided still cannot write to it."""
        stale = Plan.objects.get(pk=submitted.pk)
        services.plan_decide(
            actor=editor_a, plan=submitted, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        with pytest.raises(ValidationError) as error:
            services.plan_swot_update(
                actor=editor_a, plan=stale, strengths="Ny", weaknesses="", opportunities="",
                threats="", reason=REASON,
            )  # fmt: skip
        assert error.value.messages == [READ_ONLY]


class TestEditorOfAnotherNamnd:
    """editor_b writes for Nämnd B only: every write to Nämnd A's plans is refused."""

    def test_may_not_write_sections_swot_or_activities(self, draft, chain, editor_b):
        with pytest.raises(PermissionDenied):
            services.plan_section_update(
                actor=editor_b, section=draft.sections.first(), body="B", reason=REASON
            )
        with pytest.raises(PermissionDenied):
            services.plan_swot_update(
                actor=editor_b, plan=draft, strengths="B", weaknesses="", opportunities="",
                threats="", reason=REASON,
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            add_activity(draft, editor_b, chain.waiting, title="Från B")
        with pytest.raises(PermissionDenied):
            services.activity_save(
                actor=editor_b, plan=draft, activity=draft.activities.get(), status="done",
                reason=REASON,
            )  # fmt: skip
        draft.refresh_from_db()
        assert draft.strengths == ""
        assert not any(s.body for s in draft.sections.all())
        assert list(draft.activities.values_list("status", flat=True)) == ["not_started"]

    def test_may_not_submit_decide_or_reopen(self, draft, editor_a, editor_b):
        with pytest.raises(PermissionDenied):
            services.plan_submit(actor=editor_b, plan=draft, reason=REASON)
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)
        with pytest.raises(PermissionDenied):
            services.plan_decide(
                actor=editor_b, plan=draft, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
            )
        services.plan_decide(
            actor=editor_a, plan=draft, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        with pytest.raises(PermissionDenied):
            services.plan_reopen(actor=editor_b, plan=draft, reason="Från B")
        draft.refresh_from_db()
        assert draft.state == "decided"
        assert not draft.history.filter(history_user__username="redaktor_b").exists()
