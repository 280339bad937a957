"""python manage.py import_outcome FILE --year YYYY [--map field=Header ...] [--user NAME]

The same import as the page (apps.economy.services.outcomes.outcome_import): all or nothing.
Prints the rows and the total when the file is imported; when it is refused, prints the row
errors and the refusal on stderr and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.economy.outcomes import FIELDS
from apps.economy.services.outcomes import OutcomeImportRefused, outcome_import
from styrmodell.lib.formats import format_kr


class Command(BaseCommand):
    help = "Imports an outcome file (CSV or XLSX) from the financial system for a year."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--year", type=int, required=True, help="the year the file is for")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help=f"the column for a field ({', '.join(FIELDS)}); the rest are proposed "
            "from the header names",
        )
        parser.add_argument("--user", help="who imports (an ekonom or administrator)")
        parser.add_argument(
            "--reason", default="Imported with manage.py import_outcome", help="for the history"
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['user']!r}")
        try:
            with path.open("rb") as file:
                column_map = self._column_map(options["map"], file)
                record = outcome_import(
                    actor=actor,
                    year=options["year"],
                    content=file,
                    file_name=path.name,
                    column_map=column_map,
                    reason=options["reason"],
                )
        except OutcomeImportRefused as refused:
            for error in refused.row_errors:
                self.stderr.write(
                    _("Row %(row)s, %(column)s: %(value)s: %(message)s")
                    % {"row": error.row_number, "column": error.column,
                       "value": repr(error.value), "message": error.message}
                )  # fmt: skip
            if refused.error_count > len(refused.row_errors):
                self.stderr.write(
                    _("… and %(count)s more")
                    % {"count": refused.error_count - len(refused.row_errors)}
                )
            raise CommandError(refused.messages[0], returncode=1) from None
        except PermissionDenied:
            raise CommandError(_("%(user)s may not import outcomes.") % {"user": actor}) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"rows: {record.row_count}")
        self.stdout.write(f"total: {format_kr(record.total, 2)}")
        self.stdout.write(f"months: {record.first_month}–{record.last_month} {record.year}")

    def _column_map(self, pairs: list[str], content: BinaryIO) -> dict[str, str] | None:
        """The proposed map with the --map pairs over it; None when there are no pairs."""
        if not pairs:
            return None
        from apps.economy.outcomes import UnreadableFile, propose_column_map, read_table

        try:
            column_map = propose_column_map(read_table(content).headers)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        for pair in pairs:
            field, separator, header = pair.partition("=")
            if not separator or field not in FIELDS:
                raise CommandError(f"--map takes FIELD=HEADER with FIELD one of {FIELDS}")
            column_map[field] = header
        return column_map
