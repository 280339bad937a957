from django.core.management.base import BaseCommand
from django.utils import translation

from apps.accounts.models import Role
from apps.demo import data
from apps.demo.loader import load_demo
from apps.demo.reports_demo import load_reports
from apps.organisation.models import Unit


class Command(BaseCommand):
    help = "Loads (or refreshes) the demo kommun Exempelkommun; a second run changes nothing."

    def handle(self, *args, **options) -> None:
        load_demo(log=lambda message: self.stdout.write(message))
        self.stdout.write("Tar fram tertial 1:s rapporter …")
        load_reports()
        self.stdout.write(self.style.SUCCESS("Exempelkommun är laddad."))
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {data.DEMO_PASSWORD}):")
        names = dict(Unit.objects.filter(valid_to=None).values_list("ansvarskod", "name"))
        with translation.override("sv"):
            for username, first, last, role, ansvarskod, title in data.USERS:
                scope = f"för {names[ansvarskod]}" if ansvarskod else "för hela kommunen"
                label = str(Role(role).label).lower()
                self.stdout.write(f"  {username:<10} {first} {last}, {title} – {label} {scope}")
