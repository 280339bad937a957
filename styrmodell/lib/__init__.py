"""Helpers that know nothing of Django models: environment parsing, Swedish formats."""
