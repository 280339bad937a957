from django.urls import path

from apps.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("nytt/", views.create, name="create"),
    path("styrmodell/", views.steering_model, name="steering_model"),
    path(
        "styrmodell/installningar/", views.steering_model_settings, name="steering_model_settings"
    ),
    path("styrmodell/grund/ny/", views.foundation_edit, name="foundation_create"),
    path("styrmodell/grund/<int:pk>/", views.foundation_edit, name="foundation_edit"),
    path("styrmodell/grund/<int:pk>/avsluta/", views.foundation_end, name="foundation_end"),
    path("omvarldsfaktorer/", views.external_factors, name="external_factors"),
    path(
        "omvarldsfaktorer/<int:pk>/aterkalla/",
        views.external_factor_withdraw,
        name="external_factor_withdraw",
    ),
    path("styrmodell/<slug:key>/valj/", views.steering_model_choose, name="steering_model_choose"),
    path("enhet/<int:pk>/", views.unit_goals, name="unit_goals"),
    path("enhet/<int:pk>/grunduppdrag/", views.basic_mission_edit, name="basic_mission_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/barn/", views.children, name="children"),
    path("<int:pk>/historik/", views.history, name="history"),
    path("<int:pk>/andra/", views.edit, name="edit"),
    path("<int:pk>/flytta/", views.move, name="move"),
    path("<int:pk>/avsluta/", views.retire, name="retire"),
    path("<int:pk>/indikatorer/ny/", views.indicator_add, name="indicator_add"),
    path(
        "<int:pk>/indikatorer/<int:indicator_pk>/malvarde/",
        views.indicator_target_edit,
        name="indicator_target_edit",
    ),
    path("<int:pk>/uppdrag/nytt/", views.assignment_create, name="assignment_create"),
    path("uppdrag/<int:pk>/beslut/", views.assignment_decide, name="assignment_decide"),
    path("uppdrag/mottagare/<int:pk>/rapport/", views.assignment_report, name="assignment_report"),
    path("uppdrag/", views.assignments, name="assignments"),
    path("uppdrag/nytt/", views.assignment_new, name="assignment_new"),
    path("uppdrag/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("uppdrag/<int:pk>/andra/", views.assignment_edit, name="assignment_edit"),
    path(
        "uppdrag/<int:pk>/indikatorer/ny/",
        views.assignment_indicator_add,
        name="assignment_indicator_add",
    ),
    path(
        "uppdrag/<int:pk>/indikatorer/<int:indicator_pk>/ta-bort/",
        views.assignment_indicator_remove,
        name="assignment_indicator_remove",
    ),
    path("grunduppdrag/", views.missions, name="missions"),
    path("enhet/<int:pk>/grunduppdrag/nytt/", views.mission_new, name="mission_new"),
    path("grunduppdrag/<int:pk>/", views.mission_detail, name="mission_detail"),
    path("grunduppdrag/<int:pk>/andra/", views.mission_edit, name="mission_edit"),
    path(
        "grunduppdrag/<int:pk>/indikatorer/ny/",
        views.mission_indicator_add,
        name="mission_indicator_add",
    ),
    path(
        "grunduppdrag/<int:pk>/indikatorer/<int:indicator_pk>/ta-bort/",
        views.mission_indicator_remove,
        name="mission_indicator_remove",
    ),
    path("indikatorer/<int:pk>/taggar/", views.indicator_tags, name="indicator_tags"),
]
