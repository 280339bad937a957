from django.urls import path

from apps.reports import text_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:period_pk>/", views.period, name="period"),
    path("<int:period_pk>/kontroller/", views.checks, name="checks"),
    path("<int:period_pk>/versioner/", views.versions, name="versions"),
    path("<int:period_pk>/slutlig/", views.mark_final, name="mark_final"),
    path("<int:period_pk>/forvaltningsberattelse/", text_views.page, name="texts"),
    path(
        "<int:period_pk>/forvaltningsberattelse/behandling/spara/",
        text_views.treatment_save,
        name="treatment_save",
    ),
    path(
        "<int:period_pk>/forvaltningsberattelse/<slug:heading>/spara/",
        text_views.text_save,
        name="text_save",
    ),
    path("bestallning/<int:pk>/status/", views.request_status, name="request_status"),
    path("bestallning/<int:pk>/pdf/", views.download, {"fmt": "pdf"}, name="pdf"),
    path("bestallning/<int:pk>/excel/", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("omgang/<int:pk>/status/", views.batch_status, name="batch_status"),
]
