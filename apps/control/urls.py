from django.urls import path

import apps.core.converters  # noqa: F401  (registers <year:…>)
from apps.control import views

app_name = "control"

urlpatterns = [
    path("", views.index, name="index"),
    path("riskniva.css", views.risk_level_css, name="risk_level_css"),
    path("enhet/<int:unit_pk>/<year:year>/", views.risks, name="risks"),
    path("enhet/<int:unit_pk>/<year:year>/ny-risk/", views.risk_create, name="risk_create"),
    path("risk/<int:pk>/", views.risk_edit, name="risk_edit"),
    path("risk/<int:pk>/historik/", views.risk_history, name="risk_history"),
    path("enhet/<int:unit_pk>/<year:year>/kontrollplan/", views.plan, name="plan"),
    path(
        "enhet/<int:unit_pk>/<year:year>/resultat/<int:period_pk>/",
        views.results,
        name="results",
    ),
    path("sammanstallning/<int:period_pk>/", views.rollup, name="rollup"),
]
