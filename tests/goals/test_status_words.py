"""Swedish words that agree with what they count or describe: "1 delvis uppfyllt" beside
"2 delvis uppfyllda"; "Ej påbörjad" for an aktivitet and an åtgärd, "Ej påbörjat" for an
uppdrag."""

from __future__ import annotations

from django.utils import translation

from apps.followup.models import GoalStatus, MeasureStatus, goal_count_phrase
from apps.goals.models import RecipientStatus
from apps.goals.selectors import StatusShares
from apps.plans.models import ActivityStatus


def test_each_count_agrees_with_its_number():
    with translation.override("sv"):
        shares = StatusShares(met=1, partly=2, not_met=1, not_assessed=0)
        assert shares.summary == "1 uppfyllt, 2 delvis uppfyllda, 1 ej uppfyllt, 0 ej bedömda."
        assert goal_count_phrase(GoalStatus.NOT_ASSESSED, 1) == "1 ej bedömt"
        assert goal_count_phrase(GoalStatus.PARTLY_MET, 1) == "1 delvis uppfyllt"


def test_the_statuses_agree_with_what_they_describe():
    with translation.override("sv"):
        assert ActivityStatus.NOT_STARTED.label == "Ej påbörjad"
        assert ActivityStatus.DELAYED.label == "Försenad"
        assert MeasureStatus.DELAYED.label == "Försenad"
        assert RecipientStatus.NOT_STARTED.label == "Ej påbörjat"  # ett uppdrag
        assert RecipientStatus.DELAYED.label == "Försenat"


def test_one_word_for_a_decision_per_kind_of_thing():
    """The nämnd fastställer its verksamhetsplan; a budget decision or an internal control
    plan is beslutad, as their decision lines ("Beslutad 12 mars av KF") say."""
    from apps.control.models import PlanState as ControlPlanState
    from apps.economy.models import BudgetDecision
    from apps.plans.models import PlanState

    with translation.override("sv"):
        assert PlanState.DECIDED.label == "Fastställd"
        assert BudgetDecision.State.DECIDED.label == "Beslutad"
        assert ControlPlanState.DECIDED.label == "Beslutad"
