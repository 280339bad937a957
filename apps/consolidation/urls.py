from django.urls import path

from apps.consolidation import views

app_name = "consolidation"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:period_pk>/", views.period_page, name="period"),
    path("<int:period_pk>/excel/", views.statements_xlsx, name="statements_xlsx"),
    path("<int:period_pk>/agande/", views.ownership_save, name="ownership_save"),
    path("<int:period_pk>/siffror/", views.figures_save, name="figures_save"),
    path("<int:period_pk>/import/", views.figures_import, name="figures_import"),
    path("<int:period_pk>/interna/", views.internal_add, name="internal_add"),
    path(
        "<int:period_pk>/interna/<int:pk>/ta-bort/",
        views.internal_remove,
        name="internal_remove",
    ),
]
