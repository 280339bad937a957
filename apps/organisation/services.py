"""Writes to the organisation. Each checks the actor's right, validates, records who and why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.bounds import require_dates_in_range
from apps.core.history import require_reason, save_with_history
from apps.organisation.models import Municipality, Unit
from styrmodell.lib import images

if TYPE_CHECKING:
    from apps.accounts.models import User

UNIT_FIELDS = ("kind", "name", "short_name", "ansvarskod", "valid_from", "valid_to",
               "position", "description")  # fmt: skip


LOGO_MAX_BYTES = 2 * 1024 * 1024


def logo_check(logo) -> str:
    """The logo's content type, ``image/png`` or ``image/jpeg``, judged by its content; any
    other file (an SVG may run script and fetch from anywhere), or one over 2 MB, is refused
    with a ValidationError."""
    if logo.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is larger than %(mb)s MB.") % {"mb": LOGO_MAX_BYTES // (1024 * 1024)}
        )
    logo.seek(0)
    data = logo.read()
    logo.seek(0)
    try:
        return images.raster_content_type(data)
    except images.TooLarge:
        raise ValidationError(
            _("The logo is more than %(pixels)s pixels wide or high.") % {"pixels": images.MAX_SIDE}
        ) from None
    except images.NotAnImage:
        raise ValidationError(
            _("The logo must be a PNG or JPEG image (SVG and other formats are not accepted).")
        ) from None


@transaction.atomic
def municipality_update(
    *,
    actor: User,
    name: str,
    kommunkod: str,
    population: int | None = None,
    logo=None,
    reason: str,
    expected_version: int | None = None,
) -> Municipality:
    access_for(actor).require(access_for(actor).is_administrator)
    municipality = Municipality.objects.select_for_update().filter(pk=1).first() or Municipality()
    municipality.name = name
    municipality.kommunkod = kommunkod
    municipality.population = population
    if logo is not None:
        try:
            logo_check(logo)
        except ValidationError as error:
            raise ValidationError({"logo": error.messages}) from None
        municipality.logo = logo
    save_with_history(
        municipality, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return municipality


def municipality_get() -> Municipality | None:
    return Municipality.objects.filter(pk=1).first()


@transaction.atomic
def unit_create(
    *,
    actor: User,
    parent: Unit | None,
    kind: str,
    name: str,
    short_name: str,
    ansvarskod: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    position: int = 100,
    description: str = "",
    reason: str,
) -> Unit:
    access_for(actor).require(access_for(actor).is_administrator)
    require_dates_in_range(valid_from=valid_from, valid_to=valid_to)
    unit = Unit(
        parent=parent,
        kind=kind,
        name=name,
        short_name=short_name,
        ansvarskod=ansvarskod,
        valid_from=valid_from,
        valid_to=valid_to,
        position=position,
        description=description,
    )
    save_with_history(unit, actor=actor, reason=require_reason(reason))
    return unit


@transaction.atomic
def unit_update(
    *, actor: User, unit: Unit, reason: str, expected_version: int | None = None, **changes
) -> Unit:
    """Change a unit's fields and/or move it under another parent (``parent=``); refused
    (``StaleEdit``) if the unit was saved after the editor opened ``expected_version``."""
    access_for(actor).require(access_for(actor).is_administrator)
    unknown = set(changes) - set(UNIT_FIELDS) - {"parent"}
    if unknown:
        raise TypeError(f"unit_update() got unknown fields: {', '.join(sorted(unknown))}")
    require_dates_in_range(
        **{name: changes[name] for name in ("valid_from", "valid_to") if name in changes}
    )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if changes.get("parent") is not None:
        # MPTT moves by the new parent's tree bounds; the caller's copy may predate other moves.
        changes["parent"] = Unit.objects.get(pk=changes["parent"].pk)
    for field, value in changes.items():
        setattr(unit, field, value)
    save_with_history(
        unit, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return unit


@transaction.atomic
def unit_retire(*, actor: User, unit: Unit, valid_to: dt.date, reason: str) -> Unit:
    """End a unit's validity, and that of its units still running after that day.

    The unit stays in the tree, with its history, for the years in which it existed.
    """
    access_for(actor).require(access_for(actor).is_administrator)
    require_dates_in_range(valid_to=valid_to)
    # The descendants are found by tree bounds, which the caller's copy may have from before.
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if valid_to < unit.valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    reason = require_reason(reason)
    for member in unit.get_descendants(include_self=True).select_for_update():
        if member.valid_to is None or member.valid_to > valid_to:
            member.valid_to = max(valid_to, member.valid_from)
            save_with_history(member, actor=actor, reason=reason)
    unit.refresh_from_db()
    return unit
