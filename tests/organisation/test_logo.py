"""The kommun's logo: PNG or JPEG only, checked by content, bounded in size, and served with
a policy that lets nothing in it run or load (issue 12)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.organisation import services
from apps.organisation.models import Municipality

SVG_WITH_A_REMOTE_IMAGE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="10" height="10"><image href="http://127.0.0.1:9/x.png" width="10" height="10"/>'
    b"<script>alert(1)</script></svg>"
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def image(kind: str = "PNG", size: tuple[int, int] = (4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 64, 110)).save(out, kind)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def update(actor, name: str, content: bytes) -> Municipality:
    current = Municipality.objects.get()
    return services.municipality_update(
        actor=actor, name=current.name, kommunkod=current.kommunkod,
        logo=SimpleUploadedFile(name, content), reason="Ny logotyp",
    )  # fmt: skip


class TestTheService:
    @pytest.mark.parametrize(("name", "kind"), [("vapen.png", "PNG"), ("vapen.jpg", "JPEG")])
    def test_a_png_or_jpeg_is_taken(self, admin_user, org, name, kind):
        saved = update(admin_user, name, image(kind))
        assert saved.logo.read() == image(kind)

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("vapen.svg", SVG_WITH_A_REMOTE_IMAGE),
            ("vapen.png", SVG_WITH_A_REMOTE_IMAGE),  # the name does not make it a PNG
            ("vapen.png", HTML),
            ("vapen.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
            ("vapen.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ],
    )
    def test_anything_else_is_refused_at_the_logo_and_nothing_is_saved(
        self, admin_user, org, name, content
    ):
        with pytest.raises(ValidationError) as refused:
            update(admin_user, name, content)
        assert "PNG" in refused.value.message_dict["logo"][0]
        assert not Municipality.objects.get().logo

    def test_a_logo_over_the_size_limit_is_refused(self, admin_user, org, settings):
        big = image("PNG") + b"\x00" * services.LOGO_MAX_BYTES
        with pytest.raises(ValidationError) as refused:
            update(admin_user, "vapen.png", big)
        assert "2 MB" in refused.value.message_dict["logo"][0]


class TestTheAdmin:
    def post(self, client, name: str, content: bytes):
        return client.post(
            "/admin/organisation/municipality/1/change/",
            {
                "name": "Exempelkommun",
                "kommunkod": "0884",
                "population": "25340",
                "logo": SimpleUploadedFile(name, content),
                "change_reason": "Ny logotyp",
                "_save": "Spara",
            },
        )

    def test_an_svg_is_an_error_at_the_logo_field(self, client, admin_user, org):
        client.force_login(admin_user)
        response = self.post(client, "vapen.svg", SVG_WITH_A_REMOTE_IMAGE)
        assert response.status_code == 200
        assert "PNG" in response.context["adminform"].form.errors["logo"][0]
        assert not Municipality.objects.get().logo

    def test_a_png_is_saved(self, client, admin_user, org):
        client.force_login(admin_user)
        assert self.post(client, "vapen.png", image()).status_code == 302
        assert Municipality.objects.get().logo.read() == image()


class TestServing:
    def test_the_logo_is_served_with_a_policy_that_runs_nothing(self, client, org):
        municipality = Municipality.objects.get()
        municipality.logo.save("vapen.png", SimpleUploadedFile("v", image()))
        response = client.get("/logo/")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Content-Security-Policy"] == (
            "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"
        )
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_an_old_svg_logo_is_served_under_the_same_policy(self, client, org):
        municipality = Municipality.objects.get()
        municipality.logo.save("vapen.svg", SimpleUploadedFile("v", SVG_WITH_A_REMOTE_IMAGE))
        response = client.get("/logo/")
        assert "sandbox" in response["Content-Security-Policy"]
        assert "script-src" not in response["Content-Security-Policy"]
