from django.urls import path

from apps.personnel import views

app_name = "personnel"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("<int:period_pk>/", views.period_page, name="period"),
    path("<int:period_pk>/import/", views.import_file, name="import"),
    path("<int:period_pk>/excel/", views.table_xlsx, name="xlsx"),
]
