from django.urls import path  # noqa: F401

app_name = "economy"

# Each part of the economy adds its pages here.
urlpatterns: list = []
