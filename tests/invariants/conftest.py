"""Every test in tests/invariants/cases.py runs once per period of the module's kommun: the
module lists them in ``PERIODS`` ("2025-tertial1", …), so that the ids say which failed."""

from __future__ import annotations


def pytest_generate_tests(metafunc):
    if "period" in metafunc.fixturenames:
        periods = metafunc.module.PERIODS
        metafunc.parametrize("period", periods, ids=periods)
