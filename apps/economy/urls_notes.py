from django.urls import path

import apps.core.converters  # noqa: F401  (registers <year:…>)
from apps.economy.views import notes as views

# Included by apps/economy/urls.py under the "economy" namespace: the period's pension
# obligations, the year's notes and redovisningsprinciper.
urlpatterns: list = [
    path("<int:period_pk>/pensioner/", views.pensions, name="pensions"),
    path("<int:period_pk>/pensioner/spara/", views.pension_save, name="pension_save"),
    path("noter/<year:year>/", views.notes_page, name="notes"),
    path("noter/<year:year>/not/<int:line_pk>/", views.note_save, name="note_save"),
    path("noter/<year:year>/principer/", views.principles_save, name="principles_save"),
]
