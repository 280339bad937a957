"""The user admin at /admin/accounts/user/: roles are changed in its inline, and every
assignment or revocation goes through the service with who and why."""

from __future__ import annotations

import json

import pytest
from django.contrib.admin.models import LogEntry

from apps.accounts.models import RoleAssignment, User


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        User.history.count(),
        RoleAssignment.objects.count(),
        RoleAssignment.history.count(),
    )


def user_form(user: User, rows: list[dict[str, str]], **overrides) -> dict[str, str]:
    """The change form as the browser posts it; ``rows`` are the role inline's rows."""
    initial = [row for row in rows if row.get("id")]
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "change_reason": "Ny roll enligt beslut",
        "role_assignments-TOTAL_FORMS": str(len(rows)),
        "role_assignments-INITIAL_FORMS": str(len(initial)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "_save": "Spara",
    }
    for n, row in enumerate(rows):
        data[f"role_assignments-{n}-id"] = row.get("id", "")
        data[f"role_assignments-{n}-user"] = str(user.pk)
        data[f"role_assignments-{n}-role"] = row.get("role", "")
        data[f"role_assignments-{n}-unit"] = row.get("unit", "")
        if row.get("DELETE"):
            data[f"role_assignments-{n}-DELETE"] = "on"
    data.update(overrides)
    return data


def existing_row(assignment: RoleAssignment, **overrides) -> dict[str, str]:
    row = {
        "id": str(assignment.pk),
        "role": assignment.role,
        "unit": str(assignment.unit_id or ""),
    }
    row.update(overrides)
    return row


def test_change_page_shows_the_role_inline(client, admin_user, editor_a):
    client.force_login(admin_user)
    response = client.get(f"/admin/accounts/user/{editor_a.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="role_assignments-TOTAL_FORMS"' in html
    assert 'name="role_assignments-0-role"' in html
    assert 'name="change_reason"' in html


@pytest.mark.parametrize("persona", ["politician", "editor_a", "economist", "outsider"])
def test_non_administrator_cannot_open_the_user_admin(request, client, persona, editor_b):
    client.force_login(request.getfixturevalue(persona))
    for url in ("/admin/accounts/user/", f"/admin/accounts/user/{editor_b.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_non_administrator_cannot_post_a_role(client, editor_a, org):
    client.force_login(editor_a)
    before = counts()
    assignment = editor_a.role_assignments.get()
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(editor_a, [existing_row(assignment), {"role": "administrator"}]),
    )
    assert response.status_code == 302
    assert counts() == before
    assert not editor_a.role_assignments.filter(role="administrator").exists()


def test_adding_a_role_in_the_inline_goes_through_the_service(client, admin_user, editor_a, org):
    client.force_login(admin_user)
    assignment = editor_a.role_assignments.get()
    history_of_existing = assignment.history.count()

    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(
            editor_a,
            [existing_row(assignment), {"role": "redaktor", "unit": str(org.namnd_b.pk)}],
            change_reason="Vikarierar för SN hösten 2026",
        ),
    )

    assert response.status_code == 302
    roles = set(editor_a.role_assignments.values_list("role", "unit_id"))
    assert roles == {("redaktor", org.namnd_a.pk), ("redaktor", org.namnd_b.pk)}
    added = editor_a.role_assignments.get(unit=org.namnd_b)
    record = added.history.get()
    assert record.history_type == "+"
    assert record.history_user == admin_user
    assert record.history_change_reason == "Vikarierar för SN hösten 2026"
    assert assignment.history.count() == history_of_existing  # the unchanged row stays as is
    entry = LogEntry.objects.get(object_id=str(editor_a.pk))
    assert entry.user == admin_user
    added = {"added": {"name": "role assignment", "object": "Editor: Nämnd B"}}
    assert added in json.loads(entry.change_message)


def test_a_kommun_wide_role_is_added_without_a_unit(client, admin_user, outsider):
    client.force_login(admin_user)
    response = client.post(
        f"/admin/accounts/user/{outsider.pk}/change/",
        user_form(outsider, [{"role": "ekonom"}], change_reason="Ny controller"),
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=outsider)
    assert (assignment.role, assignment.unit) == ("ekonom", None)
    assert assignment.history.get().history_change_reason == "Ny controller"


def test_deleting_a_role_in_the_inline_revokes_it_with_who_and_why(client, admin_user, editor_a):
    client.force_login(admin_user)
    assignment = editor_a.role_assignments.get()
    assignment_id = assignment.pk

    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(editor_a, [existing_row(assignment, DELETE="on")], change_reason="Slutat"),
    )

    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment_id).exists()
    record = RoleAssignment.history.filter(id=assignment_id).latest("history_date")
    assert record.history_type == "-"
    assert record.history_user == admin_user
    assert record.history_change_reason == "Slutat"


def test_changing_a_role_revokes_the_old_and_assigns_the_new(client, admin_user, editor_a, org):
    client.force_login(admin_user)
    assignment = editor_a.role_assignments.get()
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(
            editor_a,
            [existing_row(assignment, unit=str(org.forvaltning_a.pk))],
            change_reason="Bara förvaltningen",
        ),
    )
    assert response.status_code == 302
    assert list(editor_a.role_assignments.values_list("role", "unit_id")) == [
        ("redaktor", org.forvaltning_a.pk)
    ]
    kinds = list(
        RoleAssignment.history.filter(user_id=editor_a.pk, history_user=admin_user)
        .order_by("history_date", "history_id")
        .values_list("history_type", "unit_id", "history_change_reason")
    )
    assert kinds == [
        ("-", org.namnd_a.pk, "Bara förvaltningen"),
        ("+", org.forvaltning_a.pk, "Bara förvaltningen"),
    ]


def test_without_a_reason_nothing_is_saved(client, admin_user, editor_a, org):
    client.force_login(admin_user)
    assignment = editor_a.role_assignments.get()
    before = counts()
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(
            editor_a,
            [existing_row(assignment), {"role": "ekonom"}],
            change_reason="",
            last_name="Nytt efternamn",
        ),
    )
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    assert counts() == before
    editor_a.refresh_from_db()
    assert editor_a.last_name != "Nytt efternamn"


def test_an_editor_role_without_a_unit_is_refused_and_nothing_saved(client, admin_user, outsider):
    client.force_login(admin_user)
    before = counts()
    response = client.post(
        f"/admin/accounts/user/{outsider.pk}/change/",
        user_form(outsider, [{"role": "redaktor"}]),
    )
    assert response.status_code == 200
    [formset] = response.context["inline_admin_formsets"]
    assert "unit" in formset.formset.forms[0].errors
    assert counts() == before


def test_a_duplicate_role_is_refused_and_nothing_saved(client, admin_user, editor_a, org):
    client.force_login(admin_user)
    assignment = editor_a.role_assignments.get()
    before = counts()
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(
            editor_a,
            [existing_row(assignment), {"role": "redaktor", "unit": str(org.namnd_a.pk)}],
        ),
    )
    assert response.status_code == 200
    assert counts() == before


def test_user_fields_are_changed_through_the_service(client, admin_user, editor_b):
    client.force_login(admin_user)
    assignment = editor_b.role_assignments.get()
    response = client.post(
        f"/admin/accounts/user/{editor_b.pk}/change/",
        user_form(
            editor_b,
            [existing_row(assignment)],
            last_name="Holm",
            is_active="",
            change_reason="Namnbyte och tjänstledig",
        ),
    )
    assert response.status_code == 302
    editor_b.refresh_from_db()
    assert editor_b.last_name == "Holm"
    assert not editor_b.is_active
    record = editor_b.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        admin_user,
        "Namnbyte och tjänstledig",
    )


def test_adding_a_user_with_a_role(client, admin_user, org):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "nyredaktor",
            "first_name": "Nils",
            "last_name": "Nyberg",
            "email": "nils@example.se",
            "password1": "ett-langt-och-ovanligt-losenord-42",
            "password2": "ett-langt-och-ovanligt-losenord-42",
            "change_reason": "Anställd som verksamhetscontroller",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
            "role_assignments-0-id": "",
            "role_assignments-0-role": "redaktor",
            "role_assignments-0-unit": str(org.namnd_b.pk),
            "_save": "Spara",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nyredaktor")
    assert user.check_password("ett-langt-och-ovanligt-losenord-42")
    record = user.history.get()
    assert (record.history_user, record.history_change_reason) == (
        admin_user,
        "Anställd som verksamhetscontroller",
    )
    assignment = user.role_assignments.get()
    assert (assignment.role, assignment.unit_id) == ("redaktor", org.namnd_b.pk)
    assert assignment.history.get().history_user == admin_user
