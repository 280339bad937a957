"""No lost updates of users: two administrators editing the same user in the admin; the
second's save from the page opened before the first saved is refused with the first's values.
Logging in and changing a password are not edits of the user's fields and neither bump nor
check the version, so an administrator's save after them goes through and keeps the new
password."""

from __future__ import annotations

from apps.accounts import services
from apps.accounts.models import User
from tests.accounts.test_admin import user_form
from tests.stale import second_writer_is_refused

REASON = "Namnbyte"
PASSWORD = "secret-pass-123"  # tests/factories.py's UserFactory
NEW_PASSWORD = "Kommunhuset-vid-torget-7"


def test_a_user_is_versioned_in_the_service(admin_user, editor_a):
    user = User.objects.get(pk=editor_a.pk)

    def save(last_name, version):
        services.user_update(
            actor=admin_user, user=User.objects.get(pk=user.pk), last_name=last_name,
            reason=REASON, expected_version=version,
        )  # fmt: skip

    second_writer_is_refused(
        save, lambda: User.objects.get(pk=user.pk).last_name,
        opened=user.version, first="Andersson", second="Berg",
    )  # fmt: skip


def test_the_admin_refuses_a_user_saved_meanwhile(client, admin_user, editor_a):
    opened = User.objects.get(pk=editor_a.pk).version
    services.user_update(
        actor=admin_user, user=User.objects.get(pk=editor_a.pk), last_name="Andersson",
        reason=REASON,
    )  # fmt: skip
    client.force_login(admin_user)
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(editor_a, [], last_name="Berg", email="berg@example.se", version=str(opened)),
    )
    assert response.status_code == 200
    assert "Andersson" in response.content.decode()
    stored = User.objects.get(pk=editor_a.pk)
    assert (stored.last_name, stored.email) == ("Andersson", editor_a.email)
    assert stored.version == opened + 1


def test_the_admin_change_form_carries_the_version(client, admin_user, editor_a):
    client.force_login(admin_user)
    page = client.get(f"/admin/accounts/user/{editor_a.pk}/change/").content.decode()
    version = User.objects.get(pk=editor_a.pk).version
    assert f'name="version" value="{version}"' in page


def test_the_admin_saves_on_the_version_it_opened(client, admin_user, editor_a):
    opened = User.objects.get(pk=editor_a.pk).version
    client.force_login(admin_user)
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        user_form(editor_a, [], last_name="Berg", version=str(opened)),
    )
    assert response.status_code == 302
    stored = User.objects.get(pk=editor_a.pk)
    assert (stored.last_name, stored.version) == ("Berg", opened + 1)


def test_a_password_change_meanwhile_neither_refuses_nor_is_undone(client, admin_user, editor_a):
    opened = User.objects.get(pk=editor_a.pk).version
    # The user changes their password (and logs in) after the administrator opened the page.
    own = client.__class__()
    own.force_login(editor_a)
    changed = own.post(
        "/losenord/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    login = own.post("/login/", {"username": editor_a.username, "password": NEW_PASSWORD})
    assert login.status_code == 302
    client.force_login(admin_user)
    response = client.post(
        f"/admin/accounts/user/{editor_a.pk}/change/",
        # The read-only password field as the page shows it, with the old hash.
        user_form(editor_a, [], last_name="Berg", password=editor_a.password, version=str(opened)),
    )
    assert response.status_code == 302
    stored = User.objects.get(pk=editor_a.pk)
    assert stored.last_name == "Berg"
    assert stored.check_password(NEW_PASSWORD)
    assert not stored.check_password(PASSWORD)
