"""Strict reading of settings from the environment.

A value that cannot be understood is an error, never a silent default: ``DEBUG=ture``
stops the process instead of running with DEBUG off (or on).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


class EnvError(ValueError):
    """An environment variable holds a value that cannot be parsed."""


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def is_set(self, name: str) -> bool:
        return self.environ.get(name, "").strip() != ""

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.environ.get(name, "").strip()
        return value if value else default

    def bool(self, name: str, default: bool) -> bool:
        raw = self.str(name)
        if raw is None:
            return default
        word = raw.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        allowed = ", ".join(sorted(TRUE_WORDS | FALSE_WORDS))
        raise EnvError(f"{name}={raw!r} is not a boolean; use one of: {allowed}")

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        raw = self.str(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise EnvError(f"{name}={raw!r} is not a whole number") from None
        if minimum is not None and value < minimum:
            raise EnvError(f"{name}={value} is below the minimum {minimum}")
        return value

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        raw = self.str(name)
        if raw is None:
            return list(default or [])
        items = [item.strip() for item in raw.split(",")]
        if any(not item for item in items):
            raise EnvError(f"{name}={raw!r} has an empty item; separate items with single commas")
        return items

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        raw = self.str(name)
        if raw is None:
            return default
        if raw not in choices:
            raise EnvError(f"{name}={raw!r} is not one of: {', '.join(choices)}")
        return raw

    def url(self, name: str, schemes: tuple[str, ...], default: str | None = None) -> str | None:
        raw = self.str(name)
        if raw is None:
            return default
        scheme = raw.split("://", 1)[0] if "://" in raw else ""
        if scheme not in schemes:
            raise EnvError(f"{name} must start with one of {', '.join(s + '://' for s in schemes)}")
        return raw
