from django.urls import path

from apps.trust import views

app_name = "trust"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nulage/<int:unit_pk>/", views.status_report, name="status_report"),
    path("dialog/ny/", views.dialogue_edit, name="dialogue_create"),
    path("dialog/<int:pk>/", views.dialogue_edit, name="dialogue_edit"),
]
