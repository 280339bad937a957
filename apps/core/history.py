"""Audit trail plumbing shared by every app's services and history pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from apps.core.locking import check_version
from styrmodell.lib.formats import format_date

if TYPE_CHECKING:
    from apps.accounts.models import User


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the change is made.")})
    return reason


def save_with_history(
    instance: models.Model,
    *,
    actor: User | None,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """Validate and save ``instance``, recording ``actor`` and ``reason`` in its history.

    A versioned object (``apps.core.locking.Versioned``) is refused with ``StaleEdit`` when
    someone saved it after the editor opened version ``expected_version`` (see
    ``check_version``); call inside the service's transaction.
    """
    instance.full_clean()
    check_version(instance, expected_version)
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()


def delete_with_history(instance: models.Model, *, actor: User | None, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: str
    kind: str
    reason: str
    changes: list[FieldChange]


def _display(field: models.Field, value: Any, labels: dict[Any, str]) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return labels.get(value, str(value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateField):
        return format_date(value)
    return str(value)


def history_records(instance: models.Model) -> list[Any]:
    """``instance``'s history records, oldest first, with who made each: one query."""
    return list(
        instance.history.select_related("history_user").order_by("history_date", "history_id")
    )


def fields_named(model: type[models.Model], names) -> list[models.Field]:
    """The model's concrete fields among ``names``, in the model's order: what a history
    page shows changes of."""
    return [field for field in model._meta.concrete_fields if field.name in names]


def history_entries(
    records: list[Any],
    fields: list[models.Field],
    fk_labels: dict[str, dict[Any, str]],
    extra_changes: dict[int, list[FieldChange]] | None = None,
) -> list[HistoryEntry]:
    """Turn history records (oldest first) into entries with the fields each one changed.

    ``fk_labels`` maps a foreign key's attribute name to {id: label}, fetched by the caller
    in one query per relation, so this runs no queries of its own. ``extra_changes`` adds
    changes the caller worked out itself (many-to-many fields), by history id.
    """
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and record.history_type == "+" and new in (None, ""):
                continue
            labels = fk_labels.get(field.attname, {})
            changes.append(
                FieldChange(
                    label=str(field.verbose_name).capitalize(),
                    old=_display(field, old, labels) if previous is not None else "",
                    new=_display(field, new, labels),
                )
            )
        changes.extend((extra_changes or {}).get(record.history_id, []))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else _("the system"),
                kind=record.history_type,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    return entries
