"""Password change for every logged-in user, and password reset by e-mail, with Django's own
views on Swedish pages: /losenord/ and /losenord/aterstall/."""

from __future__ import annotations

import re

from django.core import mail

from apps.accounts.models import User

PASSWORD = "secret-pass-123"  # tests/factories.py's UserFactory
NEW_PASSWORD = "Kommunhuset-vid-torget-7"


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_header_links_to_the_password_change(client, politician):
    client.force_login(politician)
    page = client.get("/").content.decode()
    assert 'href="/losenord/"' in page
    assert "Byt lösenord" in page


def test_the_password_change_page_is_swedish(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/losenord/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Byt lösenord</h1>" in page
    assert 'class="site-header"' in page  # the app's own look, not the admin's
    assert 'autocomplete="current-password"' in page


def test_a_wrong_old_password_gets_a_swedish_error_at_the_field(client, editor_a):
    client.force_login(editor_a)
    response = client.post(
        "/losenord/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'class="field__error" id="id_old_password-error-1">[^<]*lösenord', page)
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)


def test_changing_the_password_keeps_the_user_logged_in(client, editor_a):
    client.force_login(editor_a)
    response = client.post(
        "/losenord/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/losenord/andrat/"
    editor_a.refresh_from_db()
    assert editor_a.check_password(NEW_PASSWORD)
    done = client.get("/losenord/andrat/")
    assert "Ditt lösenord är ändrat" in done.content.decode()
    assert client.get("/").status_code == 200
    assert is_logged_in(client)


def test_the_password_change_needs_a_login(client):
    response = client.get("/losenord/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_login_page_links_to_the_password_reset(client, db):
    page = client.get("/login/").content.decode()
    assert '<a href="/losenord/aterstall/">Glömt lösenordet?</a>' in page


def test_reset_mails_a_swedish_link_that_sets_a_new_password(client, editor_a):
    User.objects.filter(pk=editor_a.pk).update(email="anna@kommun.example.se")
    response = client.post("/losenord/aterstall/", {"email": "anna@kommun.example.se"})
    assert response.status_code == 302
    assert response["Location"] == "/losenord/aterstall/skickat/"
    assert "Kolla din e-post" in client.get(response["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@kommun.example.se"]
    assert message.subject == "Nytt lösenord för testserver"
    assert "Välj ett nytt lösenord på den här sidan" in message.body
    assert "Ditt användarnamn är redaktor_a." in message.body
    link = re.search(r"http://testserver(/losenord/aterstall/\S+/\S+/)", message.body)
    assert link

    # Django swaps the token for a session marker and redirects to the form.
    form_page = client.get(link.group(1), follow=True)
    assert "<h1>Välj ett nytt lösenord</h1>" in form_page.content.decode()
    form_url = form_page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/losenord/aterstall/klart/"
    assert "Ditt nya lösenord är sparat" in client.get(done["Location"]).content.decode()

    login = client.post("/login/", {"username": "redaktor_a", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert is_logged_in(client)


def test_a_used_reset_link_no_longer_works(client, editor_a):
    User.objects.filter(pk=editor_a.pk).update(email="anna@kommun.example.se")
    client.post("/losenord/aterstall/", {"email": "anna@kommun.example.se"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client.get(link, follow=True)
    assert "Länken fungerar inte" in again.content.decode()


def test_reset_does_not_reveal_whether_an_address_has_an_account(client, editor_a):
    response = client.post("/losenord/aterstall/", {"email": "nobody@example.se"})
    assert response.status_code == 302
    assert response["Location"] == "/losenord/aterstall/skickat/"
    assert mail.outbox == []


def test_the_admins_password_change_is_the_same_swedish_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/password_change/")
    assert response.status_code == 200
    assert "<h1>Byt lösenord</h1>" in response.content.decode()
