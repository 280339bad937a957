from django.urls import path

from apps.periods import views

app_name = "periods"

urlpatterns = [
    path("", views.period_list, name="list"),
    path("<int:pk>/", views.period_detail, name="detail"),
    path("<int:pk>/<str:state>/", views.period_change_state, name="change_state"),
]
