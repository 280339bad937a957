from django.core.management.base import BaseCommand

from apps.demo import data
from apps.demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads (or refreshes) the demo kommun Exempelkommun; a second run changes nothing."

    def handle(self, *args, **options) -> None:
        load_demo(log=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Exempelkommun är laddad."))
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {data.DEMO_PASSWORD}):")
        for username, first, last, role, ansvarskod, title in data.USERS:
            scope = f"för ansvar {ansvarskod}" if ansvarskod else "för hela kommunen"
            self.stdout.write(f"  {username:<10} {first} {last}, {title} – {role} {scope}")
