"""Activities of a plan carry global goals too (Alvesta: Agenda 2030 through the whole
chain): the activity form offers the model's tags and the change is saved with who and why."""

from __future__ import annotations

import pytest

from apps.goals import services
from apps.plans.models import Activity, Plan
from tests.goals import conftest as goal_fixtures
from tests.goals.builders import agenda

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def plan(org, chain):
    return Plan.objects.create(unit=org.forvaltning_a, year=2026, kind="verksamhetsplan")


def post(client, plan, *, tags, activity=None, version=0):
    url = (
        f"/planer/{plan.pk}/aktiviteter/{activity.pk}/"
        if activity
        else (f"/planer/{plan.pk}/aktiviteter/ny/")
    )
    return client.post(
        url,
        {
            "title": "Bokcirklar",
            "description": "",
            "goal": plan.unit.goals.get().pk,
            "assignment": "",
            "responsible": "Rektor",
            "starts_on": "2026-01-15",
            "ends_on": "2026-12-15",
            "status": "started",
            "tags": [tag.pk for tag in tags],
            "change_reason": "Verksamhetsplan 2026",
            "version": version,
        },
    )


def test_an_activity_is_tagged_with_global_goals_and_the_history_says_who(client, plan, editor_a):
    client.force_login(editor_a)
    response = post(client, plan, tags=[agenda(4), agenda(10)])
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert {t.code for t in activity.tags.all()} == {"4", "10"}
    record = activity.history.order_by("history_date", "history_id").last()
    assert {t.tag.code for t in record.tags.all()} == {"4", "10"}
    assert (record.history_user, record.history_change_reason) == (
        editor_a,
        "Verksamhetsplan 2026",
    )
    form = client.get(f"/planer/{plan.pk}/aktiviteter/{activity.pk}/").context["form"]
    assert {t.code for t in form.initial["tags"]} == {"4", "10"}
    # The plan page names the activity's global goals beside it.
    page = client.get(f"/planer/{plan.pk}/").content.decode()
    row = page[page.index("Bokcirklar") :].split("</tr>")[0]
    assert f"{agenda(4)}" in row and f"{agenda(10)}" in row

    response = post(client, plan, tags=[agenda(4)], activity=activity, version=activity.version)
    assert response.status_code == 302
    assert [t.code for t in activity.tags.all()] == ["4"]


def test_under_alvesta_the_form_offers_global_goals_not_aspects(client, org, plan, editor_a):
    model = services.steering_model_load_preset(actor=None, key="alvesta", activate=True)
    model.uses_agenda_2030 = True
    model.save()
    client.force_login(editor_a)
    form = client.get(f"/planer/{plan.pk}/aktiviteter/ny/").context["form"]
    kinds = {tag.kind for tag in form.fields["tags"].queryset}
    assert "agenda2030" in kinds and "hallbarhet" not in kinds


def test_an_editor_of_another_unit_cannot_tag_it(client, plan, editor_b):
    client.force_login(editor_b)
    assert post(client, plan, tags=[agenda(4)]).status_code == 403
    assert not Activity.objects.exists()
