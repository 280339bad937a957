from django.urls import path  # noqa: F401

# Included by apps/economy/urls.py under the "economy" namespace.
urlpatterns: list = []
