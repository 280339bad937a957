"""python manage.py demo_outcome_files [--check] [--directory DIR]

Writes the demo's outcome files (apps/demo/files/) from apps/demo/economy_data.py, byte for
byte the same each time; with --check, only says whether the shipped files are up to date.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.demo import economy_files


class Command(BaseCommand):
    help = "Writes the demo kommun's outcome files from its economy data."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="compare with the files instead of writing"
        )
        parser.add_argument(
            "--directory", default=str(economy_files.FILES_DIR), help="where the files are"
        )

    def handle(self, *args, **options) -> None:
        directory = Path(options["directory"])
        if options["check"]:
            differing = economy_files.differing_files(directory)
            if differing:
                raise CommandError(f"Not up to date: {', '.join(differing)}", returncode=1)
            self.stdout.write("The outcome files are up to date.")
            return
        for path in economy_files.write_files(directory):
            self.stdout.write(f"{path} ({path.stat().st_size} bytes)")
