"""Issue 13: the demo's financial goals are linked to the key figures they are measured by,
so that their status is computed from the accounts in every period, never typed.

Each financial goal of goals_data with a ``"figure": (key figure, lowest value)`` is linked
"at least" that value. A goal that has a link keeps it: a link a user changed is theirs.
Runs before the periods are written, so that the assessments take the comment only.
"""

from __future__ import annotations

from decimal import Decimal

from apps.accounts.models import User
from apps.demo import data, goals_data
from apps.economy.models import Comparison, FinancialGoalLink
from apps.economy.services.financial import financial_goal_link_set


def load_financial_goal_links(admin: User) -> None:
    from apps.demo.loader import _goals_by_key

    goals = _goals_by_key()
    linked = set(FinancialGoalLink.objects.values_list("goal_id", flat=True))
    for spec in goals_data.GOALS:
        if "figure" not in spec or goals[spec["key"]].pk in linked:
            continue
        figure, lowest = spec["figure"]
        financial_goal_link_set(
            actor=admin,
            goal=goals[spec["key"]],
            figure=figure,
            comparison=Comparison.AT_LEAST,
            threshold=Decimal(lowest),
            reason=data.REASON,
        )
