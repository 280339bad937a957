from django.urls import path

from apps.economy.views import finance as views

# Included by apps/economy/urls.py under the "economy" namespace.
urlpatterns: list = [
    path("<int:period_pk>/finansforvaltning/", views.finance_forecast, name="finance_forecast"),
    path(
        "<int:period_pk>/finansforvaltning/spara/",
        views.finance_forecast_save,
        name="finance_forecast_save",
    ),
    path("tidigare-ar/", views.year_figures, name="year_figures"),
    path("tidigare-ar/spara/", views.year_figures_save, name="year_figures_save"),
    path(
        "god-ekonomisk-hushallning/regler/",
        views.good_management_rules,
        name="good_management_rules",
    ),
    path(
        "god-ekonomisk-hushallning/regler/spara/",
        views.good_management_rule_save,
        name="good_management_rule_save",
    ),
]
