from django.urls import path

from apps.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("enhet/<int:unit_pk>/starta/", views.plan_start, name="start"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/historik/", views.plan_history, name="history"),
    path("<int:plan_pk>/aktiviteter/ny/", views.activity_edit, name="activity_create"),
    path("<int:plan_pk>/aktiviteter/<int:pk>/", views.activity_edit, name="activity_edit"),
]
