from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "apps.economy"
    verbose_name = _("Budget and economy")

    def ready(self) -> None:
        # Goals sits below economy in the import order: economy hands goals the statuses of
        # the financial goals it computes from the key figures, through the seam goals owns.
        from apps.economy.keyfigures import computed_goal_statuses
        from apps.goals.computed import register_status_provider

        register_status_provider(computed_goal_statuses)

        # Plans sits below economy too: a nämndplan shows the nämnd's frame through its seam.
        from apps.economy.strategic_plan import frame_of
        from apps.plans.panels import register_frame_provider

        register_frame_provider(frame_of)
