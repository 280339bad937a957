from django.urls import path

from apps.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.todo, name="todo"),
    path("<int:period_pk>/", views.overview, name="overview"),
    path("<int:period_pk>/enhet/<int:unit_pk>/", views.entry, name="entry"),
    path("atgardsplan/<int:pk>/", views.action_plan, name="action_plan"),
    path("atgardsplan/<int:pk>/revidera/", views.action_plan_revise, name="action_plan_revise"),
]
