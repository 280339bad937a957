from django.urls import path

import apps.core.converters  # noqa: F401  (registers <year:…>)
from apps.trust import views

app_name = "trust"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nulage/<int:unit_pk>/", views.status_report, name="status_report"),
    path("dialog/ny/", views.dialogue_edit, name="dialogue_create"),
    path("dialog/<int:pk>/", views.dialogue_edit, name="dialogue_edit"),
    path("omvarldsanalys/<year:year>/", views.environment_analysis, name="environment_analysis"),
    path(
        "omvarldsanalys/<year:year>/andra/",
        views.environment_analysis_edit,
        name="environment_analysis_edit",
    ),
]
