"""``manage.py import_outcome``: the same import as the page, with an exit status for scripts."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from apps.economy import kommun_bas
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from tests.economy.outcome_files import zip_bomb

EXAMPLES = Path(__file__).resolve().parents[2] / "apps" / "economy" / "examples"


@pytest.fixture(autouse=True)
def chart(db):
    kommun_bas.install(StatementLine, AccountMapping)


def command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_outcome", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_prints_rows_and_total(economist):
    out, err = command(str(EXAMPLES / "utfall_2026-07_utf-8-bom.csv"), "--year", "2026",
                       "--user", "ekonom", "--reason", "Juli")  # fmt: skip
    record = OutcomeImport.objects.get()
    assert "rows: 15" in out
    assert "total:" in out and "kr" in out
    assert err == ""
    assert (record.imported_by, record.reason) == (economist, "Juli")


def test_without_a_user_the_system_imports(org):
    command(str(EXAMPLES / "utfall_2026-08.xlsx"), "--year", "2026")
    assert OutcomeImport.objects.get().imported_by is None


def test_a_refused_file_prints_the_row_errors_and_fails(org):
    out = StringIO()
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_outcome", str(EXAMPLES / "utfall_med_fel.csv"), "--year", "2026",
                     stdout=out, stderr=err)  # fmt: skip
    assert refused.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("Rad 3, Ansvar: '9999'")
    assert not OutcomeRow.objects.exists()


def test_a_zip_bomb_and_a_file_over_the_limit_are_refused(org, tmp_path, settings):
    path = tmp_path / "utfall.xlsx"
    path.write_bytes(zip_bomb(64))
    with pytest.raises(CommandError, match="200 MB"):
        command(str(path), "--year", "2026")
    settings.OUTCOME_UPLOAD_MAX_MB = 1
    path = tmp_path / "utfall.csv"
    path.write_bytes(b"Period;Ansvar;Konto;Belopp\n2026-03;2110;5110;1\n" + b"\n" * (1 << 20))
    with pytest.raises(CommandError, match="1 MB"):
        command(str(path), "--year", "2026")
    assert not OutcomeImport.objects.exists()


def test_map_names_a_column(org, tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_bytes(b"Period;Enhet;Konto;Summa\n2026-03;2110;5110;1,5\n")
    with pytest.raises(CommandError):
        command(str(path), "--year", "2026")  # "Enhet" is not a name the proposal knows
    command(str(path), "--year", "2026", "--map", "ansvarskod=Enhet")
    assert OutcomeRow.objects.get().unit == org.enhet_a1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "belopp=Summa"], "FIELD=HEADER"),
        (["--user", "nobody"], "No active user"),
    ],
)
def test_usage_errors(org, args, message):
    with pytest.raises(CommandError, match=message):
        command(str(EXAMPLES / "utfall_2026-08.xlsx"), "--year", "2026", *args)


def test_a_user_without_the_right(editor_a):
    with pytest.raises(CommandError, match="får inte läsa in utfall"):
        command(str(EXAMPLES / "utfall_2026-08.xlsx"), "--year", "2026", "--user", "redaktor_a")
    assert not OutcomeImport.objects.exists()


def test_the_exit_status_as_a_script_sees_it(org, capsys, monkeypatch):
    """As from a shell (manage.py's own argument handling): 0 when imported, 1 when refused."""
    # manage.py closes the connections when a command ends; the test's must stay open.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    script = ["manage.py", "import_outcome", "--year", "2026"]
    execute_from_command_line([*script, str(EXAMPLES / "utfall_2026-08.xlsx")])  # no exit
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line([*script, str(EXAMPLES / "utfall_med_fel.csv")])
    assert exit_status.value.code == 1
    assert "Rad 3" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line([*script, "/no/such/file.csv"])
    assert exit_status.value.code != 0
