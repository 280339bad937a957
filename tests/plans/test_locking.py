"""No lost updates in plans: a second editor's save of a section, the SWOT, an activity or a
response to a factor, from a page opened before the first editor saved, is refused with
both versions shown; nothing of the first editor's is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.accounts.models import User
from apps.core.locking import StaleEdit
from apps.plans import services
from apps.plans.models import Activity, Plan, PlanFactorResponse, PlanSection, SectionTemplate
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.plans.conftest import DECIDED_ON, REASON
from tests.plans.test_external_factors import factor
from tests.stale import conflict_shown, second_writer_is_refused

SWOT = ("strengths", "weaknesses", "opportunities", "threats")


@pytest.fixture
def editor_a2(org) -> User:
    """A second editor of Nämnd A, working on the same plan as editor_a."""
    user = UserFactory(username="redaktor_a2", first_name="Andra")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


def swot_of(plan: Plan) -> dict:
    plan = Plan.objects.get(pk=plan.pk)
    return {name: getattr(plan, name) for name in SWOT}


class TestServices:
    def test_a_section(self, draft, editor_a, editor_a2):
        section = draft.sections.first()

        def save(body, version):
            actor = editor_a if body == "<p>Först</p>" else editor_a2
            services.plan_section_update(
                actor=actor, section=section, body=body, reason=REASON, expected_version=version
            )

        refused = second_writer_is_refused(
            save,
            lambda: PlanSection.objects.get(pk=section.pk).body,
            opened=section.version,
            first="<p>Först</p>",
            second="<p>Sen</p>",
        )
        assert refused.who == editor_a.get_full_name()

    def test_the_swot_keeps_the_first_editors_strengths(self, draft, editor_a, editor_a2):
        """The reported bug: one changed the strengths, the other (opened earlier) the
        weaknesses, and the other's save reverted the strengths."""
        opened = Plan.objects.get(pk=draft.pk).version
        empty = dict.fromkeys(SWOT, "")
        services.plan_swot_update(
            actor=editor_a, plan=draft, reason=REASON, expected_version=opened,
            **{**empty, "strengths": "<p>Erfarna lärare</p>"},
        )  # fmt: skip
        with pytest.raises(StaleEdit) as refused:
            services.plan_swot_update(
                actor=editor_a2, plan=draft, reason=REASON, expected_version=opened,
                **{**empty, "weaknesses": "<p>Hög sjukfrånvaro</p>"},
            )  # fmt: skip
        assert swot_of(draft) == {**empty, "strengths": "<p>Erfarna lärare</p>"}
        merged = {
            **empty, "strengths": "<p>Erfarna lärare</p>", "weaknesses": "<p>Hög sjukfrånvaro</p>"
        }  # fmt: skip
        services.plan_swot_update(
            actor=editor_a2, plan=draft, reason=REASON,
            expected_version=refused.value.current.version, **merged,
        )  # fmt: skip
        assert swot_of(draft) == merged

    def test_a_swot_opened_before_the_plan_was_submitted_is_stale(self, draft, editor_a):
        opened = Plan.objects.get(pk=draft.pk).version
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)
        with pytest.raises(StaleEdit):
            services.plan_swot_update(
                actor=editor_a, plan=draft, reason=REASON, expected_version=opened,
                **dict.fromkeys(SWOT, "Gammal"),
            )  # fmt: skip
        assert swot_of(draft) == dict.fromkeys(SWOT, "")

    def test_a_decision_on_a_plan_reopened_and_resubmitted_meanwhile_is_refused(
        self, decided, editor_a
    ):
        """The nämnd opened the submitted plan; meanwhile it was decided, reopened, changed
        and submitted again. Deciding from the old page would decide a plan nobody read."""
        services.plan_reopen(actor=editor_a, plan=decided, reason=REASON)
        services.plan_submit(actor=editor_a, plan=decided, reason=REASON)
        opened = Plan.objects.get(pk=decided.pk).version
        services.plan_reopen(actor=editor_a, plan=decided, reason=REASON)
        services.plan_swot_update(
            actor=editor_a, plan=decided, reason=REASON, **dict.fromkeys(SWOT, "Ändrad")
        )
        services.plan_submit(actor=editor_a, plan=decided, reason=REASON)
        with pytest.raises(StaleEdit):
            services.plan_decide(
                actor=editor_a, plan=decided, decided_on=DECIDED_ON, paragraph="§ 9",
                reason=REASON, expected_version=opened,
            )  # fmt: skip
        assert Plan.objects.get(pk=decided.pk).state == "submitted"
        current = Plan.objects.get(pk=decided.pk).version
        services.plan_decide(
            actor=editor_a, plan=decided, decided_on=DECIDED_ON, paragraph="§ 9",
            reason=REASON, expected_version=current,
        )  # fmt: skip
        assert Plan.objects.get(pk=decided.pk).paragraph == "§ 9"

    def test_an_activity(self, draft, editor_a, editor_a2):
        activity = draft.activities.get()

        def save(title, version):
            actor = editor_a if title == "Först" else editor_a2
            services.activity_save(
                actor=actor, plan=draft, activity=Activity.objects.get(pk=activity.pk),
                reason=REASON, title=title, expected_version=version,
            )  # fmt: skip

        second_writer_is_refused(
            save,
            lambda: Activity.objects.get(pk=activity.pk).title,
            opened=activity.version,
            first="Först",
            second="Sen",
        )

    def test_a_response_to_a_factor_also_when_both_started_it(self, draft, editor_a, editor_a2):
        demography = factor()

        def save(risks, version):
            actor = editor_a if risks == "Först" else editor_a2
            services.plan_factor_response_save(
                actor=actor, plan=draft, factor=demography, risks=risks, opportunities="",
                approach="", reason=REASON, expected_version=version,
            )  # fmt: skip

        # Version 0: neither had seen a response; the first one's save creates it.
        second_writer_is_refused(
            save,
            lambda: PlanFactorResponse.objects.get(plan=draft, factor=demography).risks,
            opened=0,
            first="Först",
            second="Sen",
        )

    def test_a_section_template(self, admin_user, org):
        template = SectionTemplate.objects.create(key="fritt", title="Fritt")

        def save(title, version):
            opened = SectionTemplate.objects.get(pk=template.pk)
            opened.title = title
            opened.version = version
            services.section_template_save(actor=admin_user, template=opened, reason=REASON)

        second_writer_is_refused(
            save,
            lambda: SectionTemplate.objects.get(pk=template.pk).title,
            opened=template.version,
            first="Först",
            second="Sen",
        )

    def test_saves_without_a_version_still_work(self, draft, editor_a):
        """Callers that name no version (imports, the demo) check the stored one only."""
        section = draft.sections.first()
        services.plan_section_update(actor=editor_a, section=section, body="A", reason=REASON)
        services.plan_section_update(actor=editor_a, section=section, body="B", reason=REASON)
        assert PlanSection.objects.get(pk=section.pk).version == section.version + 2


class TestPages:
    def test_a_section_saved_meanwhile_is_shown_beside_yours(
        self, client, draft, editor_a, editor_a2
    ):
        section = draft.sections.first()
        client.force_login(editor_a2)
        page = client.get(f"/planer/{draft.pk}/").content.decode()
        assert f'name="s{section.pk}-version" value="{section.version}"' in page
        services.plan_section_update(
            actor=editor_a, section=section, body="Första texten", reason=REASON
        )
        response = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": f"section-{section.pk}",
                f"s{section.pk}-body": "Andra texten",
                f"s{section.pk}-version": section.version,
            },
        )
        box = conflict_shown(response, theirs="Första texten", yours="Andra texten")
        assert editor_a.get_full_name() in box
        assert PlanSection.objects.get(pk=section.pk).body == "<p>Första texten</p>"
        content = response.content.decode()
        # The editor's text stays in the form, which now carries the stored version.
        assert "Andra texten</textarea>" in content
        assert f'name="s{section.pk}-version" value="{section.version + 1}"' in content
        # The conflict sits at the section it concerns.
        assert content.index(f'id="section-{section.pk}"') < content.index('id="conflict"')
        merged = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": f"section-{section.pk}",
                f"s{section.pk}-body": "Första texten\n\nAndra texten",
                f"s{section.pk}-version": section.version + 1,
            },
        )
        assert merged.status_code == 302
        assert PlanSection.objects.get(pk=section.pk).body == (
            "<p>Första texten</p><p>Andra texten</p>"
        )

    def test_the_decision_form_carries_the_plan_version_and_refuses_a_stale_one(
        self, client, submitted, editor_a
    ):
        client.force_login(editor_a)
        opened = Plan.objects.get(pk=submitted.pk).version
        page = client.get(f"/planer/{submitted.pk}/").content.decode()
        assert f'name="decide-version" value="{opened}"' in page
        services.plan_swot_update(
            actor=editor_a, plan=submitted, reason=REASON, **dict.fromkeys(SWOT, "Ny")
        )
        response = client.post(
            f"/planer/{submitted.pk}/",
            {
                "action": "decide",
                "decide-decided_on": DECIDED_ON.isoformat(),
                "decide-paragraph": "§ 12",
                "decide-change_reason": "Beslut i nämnden",
                "decide-version": opened,
            },
        )
        assert response.status_code == 200
        assert 'id="conflict"' in response.content.decode()
        assert Plan.objects.get(pk=submitted.pk).state == "submitted"

    def test_the_swot_saved_meanwhile(self, client, draft, editor_a, editor_a2):
        opened = Plan.objects.get(pk=draft.pk).version
        services.plan_swot_update(
            actor=editor_a, plan=draft, reason=REASON, strengths="Erfarna lärare",
            weaknesses="", opportunities="", threats="",
        )  # fmt: skip
        client.force_login(editor_a2)
        response = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": "swot",
                "swot-strengths": "",
                "swot-weaknesses": "Hög sjukfrånvaro",
                "swot-opportunities": "",
                "swot-threats": "",
                "swot-version": opened,
            },
        )
        box = conflict_shown(response, theirs="Erfarna lärare", yours="–")
        assert "Hög sjukfrånvaro" in box
        assert swot_of(draft)["strengths"] == "<p>Erfarna lärare</p>"
        assert swot_of(draft)["weaknesses"] == ""
        content = response.content.decode()
        assert content.index('id="swot"') < content.index('id="conflict"')

    def test_an_activity_saved_meanwhile(self, client, draft, chain, editor_a, editor_a2):
        activity = draft.activities.get()
        opened = activity.version
        services.activity_save(
            actor=editor_a, plan=draft, activity=activity, reason=REASON, title="Läsombud, ny"
        )
        client.force_login(editor_a2)
        response = client.post(
            f"/planer/{draft.pk}/aktiviteter/{activity.pk}/",
            {
                "title": "Läsombud i varje klass",
                "description": "",
                "goal": chain.reading.pk,
                "assignment": "",
                "responsible": "Rektor",
                "starts_on": "2026-02-01",
                "ends_on": "2026-11-30",
                "status": "started",
                "change_reason": REASON,
                "version": opened,
            },
        )
        conflict_shown(response, theirs="Läsombud, ny", yours="Läsombud i varje klass")
        assert Activity.objects.get(pk=activity.pk).title == "Läsombud, ny"
        assert Activity.objects.get(pk=activity.pk).status == "not_started"

    def test_a_response_saved_meanwhile(self, client, draft, editor_a, editor_a2):
        demography = factor()
        services.plan_factor_response_save(
            actor=editor_a, plan=draft, factor=demography, risks="Färre i arbetsför ålder",
            opportunities="", approach="", reason=REASON,
        )  # fmt: skip
        client.force_login(editor_a2)
        response = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": f"factor-{demography.pk}",
                f"f{demography.pk}-risks": "Fler äldre",
                f"f{demography.pk}-opportunities": "",
                f"f{demography.pk}-approach": "",
                f"f{demography.pk}-version": "0",
            },
        )
        conflict_shown(response, theirs="Färre i arbetsför ålder", yours="Fler äldre")
        assert PlanFactorResponse.objects.get().risks == "Färre i arbetsför ålder"
        content = response.content.decode()
        assert content.index(f'id="factor-{demography.pk}"') < content.index('id="conflict"')


def test_the_admin_refuses_a_section_template_saved_meanwhile(client, admin_user, org):
    template = SectionTemplate.objects.create(key="fritt", title="Fritt", position=40)
    opened = template.version
    services.section_template_save(
        actor=admin_user,
        template=SectionTemplate.objects.get(pk=template.pk),
        reason=REASON,
    )
    SectionTemplate.objects.filter(pk=template.pk).update(title="Först")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/plans/sectiontemplate/{template.pk}/change/",
        {
            "key": "fritt", "title": "Sen", "guidance": "", "position": "40",
            "is_active": "on", "change_reason": REASON, "version": opened,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Först" in response.content.decode()
    assert SectionTemplate.objects.get(pk=template.pk).title == "Först"


def test_dates_of_copied_activities_are_unchanged_by_versions(draft, editor_a, org):
    """Copying a plan starts every copied row at version 1."""
    copy = services.plan_copy_from_previous(
        actor=editor_a, unit=org.forvaltning_a, year=draft.year + 1, reason=REASON
    )
    assert {a.version for a in copy.activities.all()} == {1}
    assert copy.activities.get().starts_on == dt.date(draft.year + 1, 2, 1)
