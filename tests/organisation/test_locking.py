"""No lost updates of the organisation: an administrator's save of a unit or of the kommun's
details from a page opened before another administrator saved is refused."""

from __future__ import annotations

from apps.organisation import services
from apps.organisation.models import Municipality, Unit
from tests.organisation.test_admin import change_form
from tests.stale import second_writer_is_refused

REASON = "Omorganisation"


def test_a_unit(org, admin_user):
    unit = org.namnd_a

    def save(name, version):
        services.unit_update(
            actor=admin_user, unit=unit, name=name, reason=REASON, expected_version=version
        )

    second_writer_is_refused(
        save, lambda: Unit.objects.get(pk=unit.pk).name,
        opened=unit.version, first="Först", second="Sen",
    )  # fmt: skip


def test_the_municipality(org, admin_user):
    municipality = Municipality.objects.get()

    def save(name, version):
        services.municipality_update(
            actor=admin_user, name=name, kommunkod=municipality.kommunkod, reason=REASON,
            expected_version=version,
        )  # fmt: skip

    second_writer_is_refused(
        save, lambda: Municipality.objects.get().name,
        opened=municipality.version, first="Först", second="Sen",
    )  # fmt: skip


def test_the_admin_refuses_a_unit_saved_meanwhile(client, org, admin_user):
    unit = Unit.objects.get(pk=org.namnd_a.pk)
    opened = unit.version
    services.unit_update(actor=admin_user, unit=unit, name="Barn- och skolnämnden", reason=REASON)
    client.force_login(admin_user)
    response = client.post(
        f"/admin/organisation/unit/{unit.pk}/change/",
        change_form(unit, short_name="BSN", change_reason=REASON, version=str(opened)),
    )
    assert response.status_code == 200
    assert "Barn- och skolnämnden" in response.content.decode()
    stored = Unit.objects.get(pk=unit.pk)
    assert (stored.name, stored.short_name) == ("Barn- och skolnämnden", unit.short_name)
