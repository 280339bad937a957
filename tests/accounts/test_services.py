"""Writes to users and roles: administrators only, validated, each recorded with who and why."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts import services
from apps.accounts.access import access_for
from apps.accounts.models import RoleAssignment, User

NON_ADMINS = ["politician", "editor_a", "economist", "outsider", "inactive_editor"]


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        User.history.count(),
        RoleAssignment.objects.count(),
        RoleAssignment.history.count(),
    )


class TestRoleAssign:
    def test_administrator_assigns_a_role_with_who_and_why(self, admin_user, outsider, org):
        assignment = services.role_assign(
            actor=admin_user, user=outsider, role="redaktor", unit=org.namnd_b, reason="Ny i SN"
        )

        stored = RoleAssignment.objects.get(user=outsider)
        assert stored.pk == assignment.pk
        assert (stored.role, stored.unit_id) == ("redaktor", org.namnd_b.pk)
        record = stored.history.get()
        assert record.history_type == "+"
        assert record.history_user == admin_user
        assert record.history_change_reason == "Ny i SN"

    def test_assigned_role_takes_effect_at_once(self, admin_user, outsider, org):
        assert not access_for(outsider).can_read  # cached before the change
        services.role_assign(
            actor=admin_user, user=outsider, role="redaktor", unit=org.namnd_b, reason="Ny"
        )
        assert access_for(outsider).can_edit_for(org.forvaltning_b)

    def test_kommun_wide_role_has_no_unit(self, admin_user, outsider):
        services.role_assign(
            actor=admin_user, user=outsider, role="ekonom", unit=None, reason="Controller"
        )
        assert RoleAssignment.objects.get(user=outsider).unit is None
        assert access_for(outsider).is_economist

    def test_superuser_without_role_may_assign(self, superuser, outsider):
        services.role_assign(actor=superuser, user=outsider, role="lasare", unit=None, reason="x")
        assert RoleAssignment.objects.filter(user=outsider, role="lasare").exists()

    def test_system_may_assign_without_actor(self, outsider):
        assignment = services.role_assign(
            actor=None, user=outsider, role="lasare", unit=None, reason="Första start"
        )
        record = assignment.history.get()
        assert record.history_user is None
        assert record.history_change_reason == "Första start"

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, outsider):
        actor = request.getfixturevalue(persona)
        before = counts()
        with pytest.raises(PermissionDenied):
            services.role_assign(
                actor=actor, user=outsider, role="administrator", unit=None, reason="Jag vill"
            )
        assert counts() == before
        assert not RoleAssignment.objects.filter(user=outsider).exists()

    def test_editor_cannot_make_themselves_administrator(self, editor_a):
        with pytest.raises(PermissionDenied):
            services.role_assign(
                actor=editor_a, user=editor_a, role="administrator", unit=None, reason="Jag vill"
            )
        assert list(editor_a.role_assignments.values_list("role", flat=True)) == ["redaktor"]

    def test_editor_without_unit_is_refused(self, admin_user, outsider):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.role_assign(
                actor=admin_user, user=outsider, role="redaktor", unit=None, reason="Glömde enhet"
            )
        assert "unit" in error.value.message_dict
        assert counts() == before

    def test_duplicate_role_on_a_unit_is_refused(self, admin_user, editor_a, org):
        before = counts()
        with pytest.raises(ValidationError):
            services.role_assign(
                actor=admin_user, user=editor_a, role="redaktor", unit=org.namnd_a, reason="Igen"
            )
        assert counts() == before

    def test_duplicate_kommun_wide_role_is_refused(self, admin_user, economist):
        before = counts()
        with pytest.raises(ValidationError):
            services.role_assign(
                actor=admin_user, user=economist, role="ekonom", unit=None, reason="Igen"
            )
        assert counts() == before

    def test_same_role_on_another_unit_is_allowed(self, admin_user, editor_a, org):
        services.role_assign(
            actor=admin_user, user=editor_a, role="redaktor", unit=org.namnd_b, reason="Vikarie"
        )
        assert sorted(editor_a.role_assignments.values_list("unit__name", flat=True)) == [
            "Nämnd A",
            "Nämnd B",
        ]

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_empty_reason_is_refused(self, admin_user, outsider, reason):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.role_assign(
                actor=admin_user, user=outsider, role="lasare", unit=None, reason=reason
            )
        assert "reason" in error.value.message_dict
        assert counts() == before

    def test_reason_is_stored_stripped(self, admin_user, outsider):
        assignment = services.role_assign(
            actor=admin_user, user=outsider, role="lasare", unit=None, reason="  Ledamot \n"
        )
        assert assignment.history.get().history_change_reason == "Ledamot"


class TestRoleRevoke:
    def test_administrator_revokes_with_who_and_why(self, admin_user, editor_a, org):
        assignment = editor_a.role_assignments.get()
        assignment_id = assignment.pk
        assert access_for(editor_a).can_edit_for(org.namnd_a)

        services.role_revoke(actor=admin_user, assignment=assignment, reason="Slutat")

        assert not RoleAssignment.objects.filter(user=editor_a).exists()
        record = RoleAssignment.history.filter(id=assignment_id).latest("history_date")
        assert record.history_type == "-"
        assert record.history_user == admin_user
        assert record.history_change_reason == "Slutat"
        assert not access_for(editor_a).can_edit_for(org.namnd_a)

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, editor_b):
        actor = request.getfixturevalue(persona)
        assignment = editor_b.role_assignments.get()
        before = counts()
        with pytest.raises(PermissionDenied):
            services.role_revoke(actor=actor, assignment=assignment, reason="Bort")
        assert counts() == before
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_empty_reason_is_refused(self, admin_user, editor_b):
        assignment = editor_b.role_assignments.get()
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.role_revoke(actor=admin_user, assignment=assignment, reason=" ")
        assert "reason" in error.value.message_dict
        assert counts() == before


class TestUserCreate:
    def test_administrator_creates_a_user_with_who_and_why(self, admin_user):
        user = services.user_create(
            actor=admin_user,
            username="nyanstalld",
            password="ett-langt-losenord-77",
            first_name="Nora",
            last_name="Nyström",
            email="nora@example.se",
            reason="Ny controller",
        )

        stored = User.objects.get(username="nyanstalld")
        assert stored.pk == user.pk
        assert (stored.first_name, stored.last_name, stored.email) == (
            "Nora",
            "Nyström",
            "nora@example.se",
        )
        assert stored.check_password("ett-langt-losenord-77")
        assert not stored.is_staff
        assert not stored.is_superuser
        record = stored.history.get()
        assert record.history_user == admin_user
        assert record.history_change_reason == "Ny controller"

    def test_password_is_not_kept_in_the_history(self, admin_user):
        user = services.user_create(
            actor=admin_user, username="hemlig", password="ett-langt-losenord-77", reason="Ny"
        )
        record = user.history.get()
        assert not hasattr(record, "password")
        assert "password" not in {f.name for f in User.history.model._meta.get_fields()}

    def test_no_password_gives_an_unusable_one(self, admin_user):
        user = services.user_create(actor=admin_user, username="sso", password=None, reason="SSO")
        user.refresh_from_db()
        assert not user.has_usable_password()

    def test_system_may_create_without_actor(self, db):
        user = services.user_create(actor=None, username="forsta", password="x", reason="Start")
        assert user.history.get().history_user is None

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona):
        actor = request.getfixturevalue(persona)
        before = counts()
        with pytest.raises(PermissionDenied):
            services.user_create(actor=actor, username="smygare", password="x", reason="Hej")
        assert counts() == before
        assert not User.objects.filter(username="smygare").exists()

    def test_taken_username_is_refused(self, admin_user, editor_a):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.user_create(actor=admin_user, username="redaktor_a", password="x", reason="x")
        assert "username" in error.value.message_dict
        assert counts() == before

    def test_empty_reason_is_refused(self, admin_user):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.user_create(actor=admin_user, username="utan_skal", password="x", reason="")
        assert "reason" in error.value.message_dict
        assert counts() == before


class TestUserUpdate:
    def test_administrator_updates_with_who_and_why(self, admin_user, editor_a):
        services.user_update(
            actor=admin_user, user=editor_a, reason="Gifte sig", last_name="Holm", is_active=False
        )

        editor_a.refresh_from_db()
        assert editor_a.last_name == "Holm"
        assert not editor_a.is_active
        record = editor_a.history.latest("history_date")
        assert record.history_type == "~"
        assert record.history_user == admin_user
        assert record.history_change_reason == "Gifte sig"
        assert record.last_name == "Holm"

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, editor_b):
        actor = request.getfixturevalue(persona)
        before = counts()
        with pytest.raises(PermissionDenied):
            services.user_update(actor=actor, user=editor_b, reason="x", is_superuser=True)
        assert counts() == before
        editor_b.refresh_from_db()
        assert not editor_b.is_superuser

    def test_user_cannot_make_themselves_superuser(self, editor_a):
        with pytest.raises(PermissionDenied):
            services.user_update(actor=editor_a, user=editor_a, reason="x", is_superuser=True)
        editor_a.refresh_from_db()
        assert not editor_a.is_superuser

    def test_unknown_field_is_refused(self, admin_user, editor_a):
        before = counts()
        with pytest.raises(TypeError, match="password"):
            services.user_update(actor=admin_user, user=editor_a, reason="x", password="hack")
        assert counts() == before

    def test_empty_reason_is_refused(self, admin_user, editor_a):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.user_update(actor=admin_user, user=editor_a, reason="", first_name="Ny")
        assert "reason" in error.value.message_dict
        assert counts() == before
        editor_a.refresh_from_db()
        assert editor_a.first_name == "Redaktor_a"

    def test_invalid_value_is_refused(self, admin_user, editor_a):
        before = counts()
        with pytest.raises(ValidationError) as error:
            services.user_update(
                actor=admin_user, user=editor_a, reason="x", email="inte-en-adress"
            )
        assert "email" in error.value.message_dict
        assert counts() == before
