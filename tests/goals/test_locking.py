"""No lost updates in the goal chain: a second editor's save of a goal, a grunduppdrag, an
uppdrag's decision or report, an omvärldsfaktor or a styrmodell's configuration, made from a
page opened before the first editor saved, is refused; nothing of the first's is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.goals import services
from apps.goals.models import (
    Assignment,
    AssignmentRecipient,
    BasicMission,
    ExternalFactor,
    Goal,
    GoalLevel,
    RecipientStatus,
    SteeringModel,
)
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.goals.test_admin import model_form
from tests.stale import conflict_shown, second_writer_is_refused

REASON = "Beslut i nämnden"


@pytest.fixture
def editor_a2(org) -> User:
    user = UserFactory(username="redaktor_a2", first_name="Andra")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


@pytest.fixture
def assignment(chain, org, admin_user) -> Assignment:
    return services.assignment_create(
        actor=admin_user, given_by=org.kf, goal=chain.school, title="Läslyft",
        first_year=2026, last_year=2026, recipients=[org.namnd_a],
        decided_on=dt.date(2025, 6, 16), paragraph="§ 87", reason="Budget 2026",
    )  # fmt: skip


def goal_form(goal: Goal, **overrides) -> dict:
    data = {
        "level": goal.level_id,
        "owner": goal.owner_id,
        "title": goal.title,
        "description": goal.description,
        "first_year": goal.first_year,
        "last_year": goal.last_year or "",
        "perspective": goal.perspective_id or "",
        "tags": [t.pk for t in goal.tags.all()],
        "change_reason": REASON,
        "version": goal.version,
    }
    return {**data, **overrides}


class TestServices:
    def test_a_goal(self, chain, editor_a, editor_a2):
        goal = chain.reading

        def save(title, version):
            services.goal_update(
                actor=editor_a if title == "Först" else editor_a2, goal=goal, title=title,
                reason=REASON, expected_version=version,
            )  # fmt: skip

        second_writer_is_refused(
            save, lambda: Goal.objects.get(pk=goal.pk).title,
            opened=goal.version, first="Först", second="Sen",
        )  # fmt: skip

    def test_a_basic_mission(self, org, editor_a, editor_a2):
        mission = services.basic_mission_save(
            actor=editor_a, unit=org.namnd_a, text="Skola", first_year=2026, reason=REASON
        )

        def save(text, version):
            services.basic_mission_save(
                actor=editor_a if text == "Först" else editor_a2, unit=org.namnd_a, text=text,
                first_year=2026, mission=BasicMission.objects.get(pk=mission.pk),
                reason=REASON, expected_version=version,
            )  # fmt: skip

        second_writer_is_refused(
            save, lambda: BasicMission.objects.get(pk=mission.pk).text,
            opened=mission.version, first="Först", second="Sen",
        )  # fmt: skip

    def test_an_assignments_report(self, assignment, editor_a, editor_a2):
        recipient = assignment.recipient_rows.get()

        def save(report, version):
            services.assignment_report(
                actor=editor_a if report == "Först" else editor_a2, recipient=recipient,
                status=RecipientStatus.IN_PROGRESS, report=report, reason=REASON,
                expected_version=version,
            )  # fmt: skip

        second_writer_is_refused(
            save, lambda: AssignmentRecipient.objects.get(pk=recipient.pk).report,
            opened=recipient.version, first="Först", second="Sen",
        )  # fmt: skip

    def test_an_assignments_decision(self, assignment, admin_user):
        def save(last_year, version):
            services.assignment_decide(
                actor=admin_user, assignment=assignment, state="extended",
                decided_on=dt.date(2026, 6, 1), paragraph="§ 9", last_year=last_year,
                reason=REASON, expected_version=version,
            )  # fmt: skip

        second_writer_is_refused(
            save, lambda: Assignment.objects.get(pk=assignment.pk).last_year,
            opened=assignment.version, first=2027, second=2028,
        )  # fmt: skip

    def test_an_external_factor(self, admin_user, org):
        factor = ExternalFactor.objects.create(title="Demografi", first_year=2023, last_year=2026)

        def save(title, version):
            opened = ExternalFactor.objects.get(pk=factor.pk)
            opened.title, opened.version = title, version  # as the admin's form carries it
            services.external_factor_save(actor=admin_user, factor=opened, reason=REASON)

        second_writer_is_refused(
            save, lambda: ExternalFactor.objects.get(pk=factor.pk).title,
            opened=factor.version, first="Först", second="Sen",
        )  # fmt: skip

    def test_a_level_of_the_steering_model(self, vimmerby, admin_user):
        level = vimmerby.levels.first()

        def save(name, version):
            opened = GoalLevel.objects.get(pk=level.pk)
            opened.name, opened.version = name, version
            services.configuration_save(actor=admin_user, instance=opened, reason=REASON)

        second_writer_is_refused(
            save, lambda: GoalLevel.objects.get(pk=level.pk).name,
            opened=level.version, first="Först", second="Sen",
        )  # fmt: skip


class TestPages:
    def test_a_goals_title_is_not_reverted_by_a_description_change(
        self, client, chain, editor_a, editor_a2
    ):
        """The reported bug: one changed the title, the other (opened earlier) changed the
        description, and the other's save put the old title back."""
        goal = Goal.objects.get(pk=chain.reading.pk)
        client.force_login(editor_a2)
        opened = client.get(f"/mal/{goal.pk}/andra/").content.decode()
        assert f'name="version" value="{goal.version}"' in opened
        services.goal_update(actor=editor_a, goal=goal, title="Alla läser", reason=REASON)
        response = client.post(
            f"/mal/{goal.pk}/andra/", goal_form(goal, description="Läsning först.")
        )
        box = conflict_shown(response, theirs="Alla läser", yours=goal.title)
        assert "Läsning först." in box  # their description beside this editor's
        stored = Goal.objects.get(pk=goal.pk)
        assert (stored.title, stored.description) == ("Alla läser", goal.description)
        # Merged: the other's title, this editor's description, on the stored version.
        merged = client.post(
            f"/mal/{goal.pk}/andra/",
            goal_form(goal, title="Alla läser", description="Läsning först.",
                      version=stored.version),
        )  # fmt: skip
        assert merged.status_code == 302
        stored = Goal.objects.get(pk=goal.pk)
        assert (stored.title, stored.description) == ("Alla läser", "Läsning först.")

    def test_a_move_from_a_page_opened_before_another_move_is_refused(
        self, client, chain, editor_a, editor_a2
    ):
        """The second mover would silently put the goal back where they saw it."""
        goal = Goal.objects.get(pk=chain.reading.pk)
        client.force_login(editor_a2)
        opened = client.get(f"/mal/{goal.pk}/flytta/").content.decode()
        assert f'name="version" value="{goal.version}"' in opened
        services.goal_update(actor=editor_a, goal=goal, parent=chain.elderly, reason=REASON)

        def move(parent, version):
            return client.post(
                f"/mal/{goal.pk}/flytta/",
                {"parent": parent.pk, "change_reason": REASON, "version": version},
            )

        response = move(chain.school, goal.version)
        conflict_shown(response, theirs=str(chain.elderly), yours=str(chain.school))
        stored = Goal.objects.get(pk=goal.pk)
        assert stored.parent == chain.elderly
        assert f'name="version" value="{stored.version}"' in response.content.decode()
        assert move(chain.school, stored.version).status_code == 302
        assert Goal.objects.get(pk=goal.pk).parent == chain.school

    def test_a_basic_mission_saved_meanwhile(self, client, org, editor_a, editor_a2):
        mission = services.basic_mission_save(
            actor=editor_a, unit=org.namnd_a, text="Skola", first_year=2026, reason=REASON
        )
        services.basic_mission_save(
            actor=editor_a, unit=org.namnd_a, text="Skola och fritids", first_year=2026,
            mission=mission, reason=REASON,
        )  # fmt: skip
        client.force_login(editor_a2)
        response = client.post(
            f"/mal/enhet/{org.namnd_a.pk}/grunduppdrag/?ar=2026",
            {"text": "Skola och förskola", "source": "", "document": "", "first_year": 2026,
             "change_reason": REASON, "version": 1},
        )  # fmt: skip
        conflict_shown(response, theirs="Skola och fritids", yours="Skola och förskola")
        assert BasicMission.objects.get(pk=mission.pk).text == "Skola och fritids"

    def test_a_report_saved_meanwhile(self, client, assignment, editor_a, editor_a2):
        recipient = assignment.recipient_rows.get()
        services.assignment_report(
            actor=editor_a, recipient=recipient, status="in_progress", report="Läsombud.",
            reason=REASON,
        )  # fmt: skip
        client.force_login(editor_a2)
        response = client.post(
            f"/mal/uppdrag/mottagare/{recipient.pk}/rapport/",
            {"status": "completed", "report": "Klart.", "change_reason": REASON,
             "version": recipient.version},
        )  # fmt: skip
        conflict_shown(response, theirs="Läsombud.", yours="Klart.")
        assert AssignmentRecipient.objects.get(pk=recipient.pk).report == "Läsombud."


class TestAdmin:
    def test_an_external_factor_saved_meanwhile(self, client, admin_user, org):
        factor = ExternalFactor.objects.create(title="Demografi", first_year=2023, last_year=2026)
        opened = factor.version
        changed = ExternalFactor.objects.get(pk=factor.pk)
        changed.title = "Demografisk förändring"
        services.external_factor_save(actor=admin_user, factor=changed, reason=REASON)
        client.force_login(admin_user)
        response = client.post(
            f"/admin/goals/externalfactor/{factor.pk}/change/",
            {"title": "Klimat", "description": "", "first_year": 2023, "last_year": 2026,
             "decided_on": "", "paragraph": "", "position": 0, "change_reason": REASON,
             "version": opened},
        )  # fmt: skip
        assert response.status_code == 200
        assert "Demografisk förändring" in response.content.decode()
        assert ExternalFactor.objects.get(pk=factor.pk).title == "Demografisk förändring"

    def test_a_level_changed_meanwhile_in_the_inline(self, client, admin_user):
        call_command("load_styrmodell", "ale")
        model = SteeringModel.objects.get(key="ale")
        level = model.levels.get(key="namndens-mal")
        index = list(model.levels.all()).index(level)
        data = model_form(model, **{f"levels-{index}-name": "Sen"})
        data[f"levels-{index}-version"] = level.version
        opened = GoalLevel.objects.get(pk=level.pk)
        opened.name = "Först"
        services.configuration_save(actor=admin_user, instance=opened, reason=REASON)
        client.force_login(admin_user)
        response = client.post(f"/admin/goals/steeringmodel/{model.pk}/change/", data)
        assert response.status_code == 200
        assert "Först" in response.content.decode()
        assert GoalLevel.objects.get(pk=level.pk).name == "Först"
