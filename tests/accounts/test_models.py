"""Users and role assignments: what the database and the history keep."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from apps.accounts.models import RoleAssignment, User
from tests.factories import RoleAssignmentFactory, UserFactory


def test_user_is_shown_by_full_name_or_username(db):
    assert str(User(username="pia", first_name="Pia", last_name="Persson")) == "Pia Persson"
    assert str(User(username="pia")) == "pia"


def test_password_and_last_login_are_not_in_the_history():
    fields = {f.name for f in User.history.model._meta.get_fields()}
    assert "password" not in fields
    assert "last_login" not in fields
    assert {"username", "first_name", "is_active", "is_superuser"} <= fields


def test_saving_only_the_password_or_last_login_adds_no_history_row(db):
    user = UserFactory(username="tyst")
    before = user.history.count()
    user.set_password("ett-nytt-losenord-99")
    user.save(update_fields=["password"])
    user.save(update_fields=["last_login"])
    assert user.history.count() == before
    assert not hasattr(user, "skip_history_when_saving")
    user.refresh_from_db()
    assert user.check_password("ett-nytt-losenord-99")


def test_saving_other_fields_still_adds_a_history_row(db):
    user = UserFactory(username="hörs")
    before = user.history.count()
    user.first_name = "Ny"
    user.save(update_fields=["first_name", "last_login"])
    user.save()
    assert user.history.count() == before + 2


def test_role_assignment_is_shown_with_its_scope(org):
    editor = RoleAssignment(role="redaktor", unit=org.namnd_a)
    assert str(editor) == f"{editor.get_role_display()}: Nämnd A"
    assert str(RoleAssignment(role="lasare")).startswith(
        f"{RoleAssignment(role='lasare').get_role_display()}: "
    )


def test_database_refuses_the_same_role_twice_on_a_unit(editor_a, org):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignmentFactory(user=editor_a, role="redaktor", unit=org.namnd_a)


def test_database_refuses_the_same_kommun_wide_role_twice(economist):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignmentFactory(user=economist, role="ekonom", unit=None)


def test_a_unit_with_role_holders_cannot_be_deleted(editor_a, org):
    with pytest.raises(ProtectedError):
        RoleAssignment.objects.get(user=editor_a).unit.delete()


def test_deleting_a_user_deletes_their_roles(editor_a):
    user_id = editor_a.pk
    editor_a.delete()
    assert not RoleAssignment.objects.filter(user_id=user_id).exists()
