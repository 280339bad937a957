from django.core.management.base import BaseCommand, CommandError

from apps.goals import services
from apps.goals.presets import PRESETS


class Command(BaseCommand):
    help = "Loads a preset steering model (vimmerby, ale, vadstena, borlange, alvesta)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", nargs="?", help="the preset to load")
        parser.add_argument("--list", action="store_true", help="list the presets")
        parser.add_argument(
            "--no-activate", action="store_true", help="load without putting it in use"
        )

    def handle(self, *args, name=None, list=False, no_activate=False, **options) -> None:
        if list or not name:
            for key, preset in PRESETS.items():
                self.stdout.write(f"{key:<10} {preset.name}")
            if not list:
                raise CommandError("Name a preset to load.")
            return
        if name not in PRESETS:
            raise CommandError(f"Unknown preset {name!r}; choose one of: {', '.join(PRESETS)}")
        model = services.steering_model_load_preset(actor=None, key=name, activate=not no_activate)
        levels = ", ".join(level.name for level in model.levels.all())
        state = "i bruk" if model.is_active else "laddad"
        self.stdout.write(self.style.SUCCESS(f"{model.name}: {state}. Nivåer: {levels}."))
