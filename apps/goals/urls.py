from django.urls import path

from apps.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("nytt/", views.create, name="create"),
    path("styrmodell/", views.steering_model, name="steering_model"),
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
]
