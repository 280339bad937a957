from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from apps.accounts.models import Role
from apps.demo import data
from apps.demo.models import DEFAULT, MODEL_DEMOS, demo_in_database, model_demo
from apps.organisation.models import Unit


class Command(BaseCommand):
    help = (
        "Loads (or refreshes) the demo kommun Exempelkommun, following the styrmodell of "
        "--model (Vimmerby's by default); a second run changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--model",
            choices=sorted(MODEL_DEMOS),
            default=DEFAULT,
            help="The seed kommun whose styrmodell the demo follows (default: %(default)s).",
        )

    def handle(self, *args, **options) -> None:
        key = options["model"]
        demo = model_demo(key)
        present = demo_in_database()
        if present is not None and present != key:
            other = model_demo(present)
            raise CommandError(
                f"Databasen innehåller redan demokommunen {other.municipality_name}, som "
                f"följer {other.label}. Två modellers demo blandas inte i en databas: töm "
                f"databasen (eller använd en ny) och kör seed_demo --model {key} igen."
            )
        demo.load(lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS(f"{demo.municipality_name} är laddad."))
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {data.DEMO_PASSWORD}):")
        names = dict(Unit.objects.filter(valid_to=None).values_list("ansvarskod", "name"))
        with translation.override("sv"):
            for username, first, last, role, ansvarskod, title in demo.users:
                scope = f"för {names[ansvarskod]}" if ansvarskod else "för hela kommunen"
                label = str(Role(role).label).lower()
                self.stdout.write(f"  {username:<10} {first} {last}, {title} – {label} {scope}")
