"""The product's admin is the custom site (apps/core/admin_site.py): Django's default site is
not mounted, so a model registered there would be configuration nobody can reach."""

from __future__ import annotations

from django.contrib import admin

from apps.core.admin_site import admin_site


def test_no_model_of_ours_is_registered_on_djangos_default_site():
    ours = [
        model._meta.label for model in admin.site._registry if model.__module__.startswith("apps.")
    ]
    assert ours == []


def test_internal_control_settings_and_documents_are_on_the_products_admin_site():
    labels = {model._meta.label for model in admin_site._registry}
    assert {
        "control.RiskCategory",
        "control.RiskLevel",
        "control.ScaleStep",
        "documents.GoverningDocument",
        "documents.Deviation",
    } <= labels


def test_an_administrator_changes_a_risk_levels_colour_with_a_reason(client, admin_user, org):
    from apps.control.models import RiskLevel

    level = RiskLevel.objects.order_by("min_value").first()
    client.force_login(admin_user)
    response = client.post(f"/admin/control/risklevel/{level.pk}/change/", {
        "name": level.name, "min_value": level.min_value, "max_value": level.max_value,
        "colour": "#aabbcc", "change_reason": "Ny färgskala",
    })  # fmt: skip
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.colour == "#aabbcc"


def test_an_editor_cannot_open_the_risk_levels_in_the_admin(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/control/risklevel/")
    assert response.status_code == 302  # to the admin's login: editors are not administrators


def test_documents_are_read_only_in_the_admin(client, admin_user, org):
    client.force_login(admin_user)
    assert client.get("/admin/documents/governingdocument/").status_code == 200
    assert client.get("/admin/documents/governingdocument/add/").status_code == 403


def test_every_number_in_the_admin_is_a_swedish_text_field(rf, admin_user):
    # A number input drops a decimal comma in an English-locale browser (issue 13).
    from django import forms

    from apps.core.forms import SwedishDecimalField, SwedishIntegerField

    request = rf.get("/admin/")
    request.user = admin_user
    numbers = []
    for model, model_admin in admin_site._registry.items():
        form_classes = [model_admin.get_form(request)]
        form_classes += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.IntegerField | forms.DecimalField) and not isinstance(
                    field.widget, forms.HiddenInput
                ):
                    numbers.append((f"{model._meta.label}.{name}", field))
    assert numbers
    plain = [
        name
        for name, field in numbers
        if not isinstance(field, SwedishIntegerField | SwedishDecimalField)
        or field.widget.input_type != "text"
    ]
    assert plain == []
