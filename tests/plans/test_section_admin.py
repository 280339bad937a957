"""Administrators configure the free sections of plans, through a service with who and why."""

from __future__ import annotations


def test_an_administrator_adds_a_free_plan_section_that_new_plans_get(
    client, admin_user, editor_a, org
):
    from apps.plans.models import Plan, SectionTemplate
    from apps.plans.services import plan_create

    client.force_login(admin_user)
    response = client.post("/admin/plans/sectiontemplate/add/", {
        "key": "kompetensforsorjning", "title": "Kompetensförsörjning", "guidance": "",
        "position": "40", "is_active": "on", "change_reason": "Beslut om ny planmall",
    })  # fmt: skip
    assert response.status_code == 302
    template = SectionTemplate.objects.get(key="kompetensforsorjning")
    assert template.history.first().history_user == admin_user
    plan = plan_create(actor=editor_a, unit=org.namnd_a, year=2026, reason="Ny plan")
    assert "Kompetensförsörjning" in [
        s.template.title for s in Plan.objects.get(pk=plan.pk).sections.all()
    ]
