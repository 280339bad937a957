"""The one optimistic lock (apps/core/locking.py) that every service writes through."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.history import save_with_history
from apps.core.locking import StaleEdit, VersionField, conflict_for
from apps.organisation.models import Municipality
from styrmodell.lib.formats import format_datetime
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


class MunicipalityForm(forms.Form):
    name = forms.CharField(label="Namn")
    population = forms.IntegerField(label="Folkmängd")
    version = VersionField()


def _opened(pk: int) -> Municipality:
    return Municipality.objects.get(pk=pk)


def test_each_save_raises_the_version_by_one(admin_user):
    kommun = MunicipalityFactory()
    first = kommun.version
    save_with_history(kommun, actor=admin_user, reason="test")
    save_with_history(kommun, actor=admin_user, reason="test")
    assert _opened(kommun.pk).version == first + 2


def test_a_save_from_an_older_version_is_refused_and_writes_nothing(admin_user, economist):
    kommun = MunicipalityFactory()
    mine, theirs = _opened(kommun.pk), _opened(kommun.pk)
    theirs.name = "Deras kommun"
    save_with_history(theirs, actor=economist, reason="theirs")

    mine.population = 13_000
    with pytest.raises(StaleEdit) as refused:
        save_with_history(mine, actor=admin_user, reason="mine")

    stored = _opened(kommun.pk)
    assert (stored.name, stored.population) == ("Deras kommun", 12_000)
    assert refused.value.current.name == "Deras kommun"
    assert refused.value.who == (economist.get_full_name() or economist.username)
    saved_at = timezone.localtime(theirs.history.first().history_date)
    assert format_datetime(saved_at) in refused.value.messages[0]  # the kommun's time, not UTC


def test_the_form_version_counts_even_when_the_service_reloaded_the_row(admin_user, economist):
    kommun = MunicipalityFactory()
    opened_on = _opened(kommun.pk).version
    theirs = _opened(kommun.pk)
    save_with_history(theirs, actor=economist, reason="theirs")

    reloaded = _opened(kommun.pk)  # what a service holds after select_for_update
    with pytest.raises(StaleEdit):
        save_with_history(reloaded, actor=admin_user, reason="mine", expected_version=opened_on)
    save_with_history(reloaded, actor=admin_user, reason="mine", expected_version=opened_on + 1)


def test_expected_version_zero_means_the_editor_saw_none(admin_user):
    kommun = MunicipalityFactory()
    with pytest.raises(StaleEdit):
        save_with_history(_opened(kommun.pk), actor=admin_user, reason="x", expected_version=0)


def test_a_save_of_something_deleted_meanwhile_is_refused(admin_user):
    kommun = Municipality(id=77, name="Borta", kommunkod="0001", population=1)
    with pytest.raises(ValidationError) as refused:
        save_with_history(kommun, actor=admin_user, reason="x", expected_version=3)
    assert not isinstance(refused.value, StaleEdit)
    assert not Municipality.objects.filter(pk=77).exists()


def test_the_conflict_keeps_the_editors_text_and_shows_both_versions(admin_user, economist):
    kommun = MunicipalityFactory()
    opened_on = kommun.version
    theirs = _opened(kommun.pk)
    theirs.name = "Deras namn"
    save_with_history(theirs, actor=economist, reason="theirs")

    form = MunicipalityForm(
        {"name": "Mitt namn", "population": str(kommun.population), "version": str(opened_on)}
    )
    assert form.is_valid()
    with pytest.raises(StaleEdit) as refused:
        mine = _opened(kommun.pk)
        mine.name = form.cleaned_data["name"]
        save_with_history(mine, actor=admin_user, reason="mine", expected_version=opened_on)
    conflict = conflict_for(form, refused.value)

    assert [(f.label, f.theirs, f.yours) for f in conflict.fields] == [
        ("Namn", "Deras namn", "Mitt namn")
    ]
    assert form.data["name"] == "Mitt namn"
    assert int(form.data["version"]) == _opened(kommun.pk).version
    assert form.non_field_errors() == [refused.value.messages[0]]
