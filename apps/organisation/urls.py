from django.urls import path

from apps.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("<int:pk>/historik/", views.unit_history, name="unit_history"),
]
