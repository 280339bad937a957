"""Optimistic locking for everything two people can edit at once.

A form carries the version of the object it was opened on; the save names it, and
``save_with_history`` (the one seam every service writes through) refuses with ``StaleEdit``
when someone saved a newer version in between. Nothing is written then: the second writer
keeps their text in the form, sees the other's version beside it, and saves again on top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrmodell.lib.formats import format_date, format_datetime, format_number


class Versioned(models.Model):
    """An object people edit through forms: every save raises its version by one."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


def _local(when: dt.datetime) -> str:
    """``23 nov. 2026 14:05`` in the kommun's time, as the rest of the page writes it."""
    return format_datetime(timezone.localtime(when) if timezone.is_aware(when) else when)


def last_editor(instance: models.Model) -> tuple[str, Any]:
    """Who saved ``instance`` last and when, from its history (one query)."""
    record = instance.history.select_related("history_user").first()
    user = record.history_user if record else None
    who = (user.get_full_name() or user.username) if user else _("Someone")
    return who, record.history_date if record else None


class StaleEdit(ValidationError):
    """Someone else saved the object after this editor opened it; ``current`` is theirs."""

    def __init__(self, current: models.Model) -> None:
        who, when = last_editor(current)
        super().__init__(
            _(
                "%(who)s saved this at %(when)s, after you opened it. Nothing of yours was "
                "saved: your text is kept in the form and theirs is shown beside it. Merge "
                "what you want to keep and save again."
            )
            % {"who": who, "when": _local(when) if when else "–"}
        )
        self.current = current
        self.who = who
        self.when = when


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Refuse a save of ``instance`` made from a version older than the stored one, and
    number the save as the next version. Runs inside the caller's transaction and locks the
    row, so two saves of the same version cannot both pass.

    ``expected_version`` is the version the editor's form was opened on (0 for an object
    the editor saw as not yet existing); without it the in-memory version counts, which
    is the form's when a model form carried it onto the instance.
    """
    if not isinstance(instance, Versioned):
        return
    expected = instance.version if expected_version is None else expected_version
    stored = None
    if instance.pk is not None:
        stored = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
    if stored is None:
        if expected_version:
            # The editor opened a version that is gone (deleted meanwhile).
            raise ValidationError(_("This was removed after you opened it."))
        instance.version = 1
        return
    if stored != expected:
        raise StaleEdit(type(instance)._default_manager.get(pk=instance.pk))
    instance.version = stored + 1


class VersionField(forms.IntegerField):
    """The hidden field a form carries its object's version in."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


@dataclass(frozen=True)
class ConflictField:
    label: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    """What the page shows the second writer: who saved, when, and both versions."""

    who: str
    when: Any
    fields: list[ConflictField]


def display_value(value: Any) -> str:
    """A stored or typed value as the conflict box writes it: Swedish amounts and dates."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):  # "405 000 000" or "1 234,50", as the UI writes amounts
        whole = value == value.to_integral_value()
        return format_number(value, 0 if whole else max(2, -value.normalize().as_tuple().exponent))
    if isinstance(value, dt.datetime):
        return _local(value)
    if isinstance(value, dt.date):  # as the UI writes them: "23 nov. 2026"
        return format_date(value)
    if isinstance(value, models.Manager | models.QuerySet):  # many-to-many: stored or chosen
        return ", ".join(sorted(str(item) for item in value.all()))
    return strip_tags(str(value)).strip()


def conflict_for(
    form: forms.Form,
    error: StaleEdit,
    *,
    version_name: str = "version",
    fields: list[ConflictField] | None = None,
) -> Conflict:
    """Turn a ``StaleEdit`` into what the form's page shows, and let the form save again.

    The form keeps the editor's data; its version becomes the stored one, so the next save
    (after merging) goes through. Each field the other writer left different from what this
    editor sent is listed with both values, unless the caller gives ``fields`` itself (a
    table of amounts lists its cells).
    """
    current = error.current
    form.data = form.data.copy()
    form.data[form.add_prefix(version_name)] = current.version
    form.add_error(None, error.messages[0])
    if fields is not None:
        return Conflict(who=error.who, when=error.when, fields=fields)
    fields = []
    for name, field in form.fields.items():
        if name == version_name or not hasattr(current, name):
            continue
        theirs = getattr(current, name)
        display = getattr(current, f"get_{name}_display", None)
        # A field that shows its values its own way (an amount in tkr) writes both sides.
        shown = getattr(field, "display", display_value)
        theirs_text = str(display()) if callable(display) else shown(theirs)
        yours = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if yours is None:
            yours = form.data.get(form.add_prefix(name), "")
        if hasattr(field, "choices") and not isinstance(yours, models.Model):
            yours = dict(field.choices).get(yours, yours)
        yours_text = shown(yours) if isinstance(yours, Decimal) else display_value(yours)
        if theirs_text != yours_text:
            fields.append(ConflictField(str(field.label or name), theirs_text, yours_text))
    return Conflict(who=error.who, when=error.when, fields=fields)
