from django.urls import path

from apps.followup import agenda_views, body_report_views, views

app_name = "followup"

urlpatterns = [
    path("", views.todo, name="todo"),
    path("<int:period_pk>/", views.overview, name="overview"),
    path("<int:period_pk>/enhet/<int:unit_pk>/", views.entry, name="entry"),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/bidrag/<int:goal_pk>/",
        views.contribution_save,
        name="contribution_save",
    ),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/grunduppdrag/<int:mission_pk>/",
        views.mission_save,
        name="mission_save",
    ),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/grunduppdrag/<int:holder_pk>/indikator/"
        "<int:indicator_pk>/",
        views.line_value_save,
        {"holder": "mission"},
        name="mission_value",
    ),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/uppdrag/<int:recipient_pk>/",
        views.assignment_save,
        name="assignment_save",
    ),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/uppdrag/<int:holder_pk>/indikator/<int:indicator_pk>/",
        views.line_value_save,
        {"holder": "assignment"},
        name="assignment_value",
    ),
    path(
        "<int:period_pk>/verksamhetsberattelse/<int:unit_pk>/",
        body_report_views.body_report,
        name="body_report",
    ),
    path(
        "<int:period_pk>/verksamhetsberattelse/<int:unit_pk>/spara/",
        body_report_views.body_report_save_view,
        name="body_report_save",
    ),
    path("<int:period_pk>/agenda-2030/", agenda_views.agenda_page, name="agenda_2030"),
    path("atgardsplan/<int:pk>/", views.action_plan, name="action_plan"),
    path("atgardsplan/<int:pk>/revidera/", views.action_plan_revise, name="action_plan_revise"),
]
