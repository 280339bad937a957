"""Administrators adjust a styrmodell in /admin/; every save is recorded with who and why."""

from __future__ import annotations

from django.core.management import call_command

from apps.goals.models import GoalLevel, SteeringModel


def model_form(model: SteeringModel, **overrides) -> dict[str, str]:
    data = {
        "name": model.name,
        "description": model.description,
        "values": model.values,
        "uses_committee_goals": "on",
        "uses_assignments": "on",
        "uses_basic_missions": "on",
        "near_target_percent": "5.00",
        "operations_plan_decided_by": model.operations_plan_decided_by,
        "change_reason": "Justering efter KF-beslut",
    }
    for flag in ("uses_agenda_2030", "uses_sustainability_aspects",
                 "bodies_report_on_council_goals", "follows_up_basic_missions",
                 "follows_up_assignments"):  # fmt: skip
        if getattr(model, flag):
            data[flag] = "on"
    levels = list(model.levels.all())
    data.update({
        "levels-TOTAL_FORMS": str(len(levels)), "levels-INITIAL_FORMS": str(len(levels)),
        "levels-MIN_NUM_FORMS": "0", "levels-MAX_NUM_FORMS": "1000",
        "perspectives-TOTAL_FORMS": "0", "perspectives-INITIAL_FORMS": "0",
        "perspectives-MIN_NUM_FORMS": "0", "perspectives-MAX_NUM_FORMS": "1000",
        "foundations-TOTAL_FORMS": "0", "foundations-INITIAL_FORMS": "0",
        "foundations-MIN_NUM_FORMS": "0", "foundations-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    for index, level in enumerate(levels):
        prefix = f"levels-{index}-"
        data.update({
            prefix + "id": str(level.pk), prefix + "model": str(model.pk),
            prefix + "position": str(level.position), prefix + "key": level.key,
            prefix + "name": level.name, prefix + "name_plural": level.name_plural,
            prefix + "decided_by": level.decided_by, prefix + "owner_scope": level.owner_scope,
        })  # fmt: skip
        if level.is_measurable:
            data[prefix + "is_measurable"] = "on"
        if level.uses_perspective:
            data[prefix + "uses_perspective"] = "on"
        if level.horizon_years:
            data[prefix + "horizon_years"] = str(level.horizon_years)
        parents = [str(p.pk) for p in level.allowed_parents.all()]
        if parents:
            data[prefix + "allowed_parents"] = parents
    data.update(overrides)
    return data


def test_an_administrator_renames_a_level_with_who_and_why(client, admin_user):
    call_command("load_styrmodell", "ale")
    model = SteeringModel.objects.get(key="ale")
    level = model.levels.get(key="namndens-mal")
    index = list(model.levels.all()).index(level)
    client.force_login(admin_user)
    assert client.get(f"/admin/goals/steeringmodel/{model.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/goals/steeringmodel/{model.pk}/change/",
        model_form(model, **{f"levels-{index}-name": "Nämndens och bolagens mål"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    level.refresh_from_db()
    assert level.name == "Nämndens och bolagens mål"
    record = level.history.first()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Justering efter KF-beslut"
    assert list(level.allowed_parents.values_list("key", flat=True)) == ["riktningsmal"]


def test_without_a_reason_nothing_changes(client, admin_user):
    call_command("load_styrmodell", "ale")
    model = SteeringModel.objects.get(key="ale")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/goals/steeringmodel/{model.pk}/change/",
        model_form(model, name="Nytt namn", change_reason=""),
    )
    assert response.status_code == 200
    model.refresh_from_db()
    assert model.name != "Nytt namn"


def test_an_editor_cannot_open_the_steering_model_admin(client, editor_a):
    call_command("load_styrmodell", "ale")
    model = SteeringModel.objects.get(key="ale")
    client.force_login(editor_a)
    response = client.get(f"/admin/goals/steeringmodel/{model.pk}/change/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert GoalLevel.objects.filter(model=model).count() == 3


def test_a_model_without_committee_goals_takes_no_committee_level(client, admin_user):
    call_command("load_styrmodell", "vadstena")
    model = SteeringModel.objects.get(key="vadstena")
    data = model_form(model)
    del data["uses_committee_goals"]
    top = model.levels.get()
    data.update({
        "levels-TOTAL_FORMS": "2",
        "levels-1-model": str(model.pk), "levels-1-position": "2", "levels-1-key": "namndmal",
        "levels-1-name": "Nämndmål", "levels-1-name_plural": "Nämndmål",
        "levels-1-decided_by": "body", "levels-1-owner_scope": "any",
        "levels-1-allowed_parents": [str(top.pk)], "levels-1-is_measurable": "on",
    })  # fmt: skip
    client.force_login(admin_user)
    response = client.post(f"/admin/goals/steeringmodel/{model.pk}/change/", data)
    assert response.status_code == 200
    assert not model.levels.filter(key="namndmal").exists()
    assert "namndmal" in response.content.decode()  # the row is shown again, with its error


def test_an_administrator_records_a_foundation_element(client, admin_user, org):
    call_command("load_styrmodell", "borlange")
    model = SteeringModel.objects.get(key="borlange")
    data = model_form(model)
    data.update({
        "foundations-TOTAL_FORMS": "1",
        "foundations-0-model": str(model.pk), "foundations-0-kind": "ledord",
        "foundations-0-position": "6", "foundations-0-title": "Helhetssyn",
        "foundations-0-text": "Vi ser helheten.", "foundations-0-first_year": "2026",
        "foundations-0-decided_by": str(org.kf.pk), "foundations-0-decided_on": "2025-11-24",
        "foundations-0-paragraph": "§ 120",
    })  # fmt: skip
    client.force_login(admin_user)
    response = client.post(f"/admin/goals/steeringmodel/{model.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    element = model.foundations.get(title="Helhetssyn")
    assert element.text == "<p>Vi ser helheten.</p>"
    assert element.history.latest().history_user == admin_user


def test_a_foundation_element_beyond_the_presets_horizon_is_refused_at_the_field(
    client, admin_user, org
):
    """Ale's värdegrund is decided for eight years: the admin says so at the last year, and
    saves nothing (before, the service's refusal came as a server error)."""
    call_command("load_styrmodell", "ale")
    model = SteeringModel.objects.get(key="ale")
    data = model_form(model)
    data.update({
        "foundations-TOTAL_FORMS": "1",
        "foundations-0-model": str(model.pk), "foundations-0-kind": "vardegrund",
        "foundations-0-position": "9", "foundations-0-title": "Ny värdegrund",
        "foundations-0-text": "Vi bryr oss.", "foundations-0-first_year": "2026",
        "foundations-0-last_year": "2040",
    })  # fmt: skip
    client.force_login(admin_user)
    response = client.post(f"/admin/goals/steeringmodel/{model.pk}/change/", data)
    assert response.status_code == 200
    [formset] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "foundations"
    ]
    assert "last_year" in formset.formset.forms[0].errors
    assert not model.foundations.filter(title="Ny värdegrund").exists()
