"""python manage.py generate_report renders through the same service, synchronously."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from apps.reports.models import ReportRequest

pytestmark = pytest.mark.django_db


def test_writes_the_kommuns_delarsrapport_as_pdf(tertial2, tmp_path):
    out = tmp_path / "delar.pdf"
    stdout = io.StringIO()
    call_command(
        "generate_report", "--kind", "delarsrapport", "--year", "2026", "--format", "pdf",
        "--out", str(out), stdout=stdout,
    )  # fmt: skip
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Delårsrapport 2026" in text
    assert "pages" in stdout.getvalue()
    assert not ReportRequest.objects.exists()  # nothing stored


def test_writes_a_namnds_report_as_excel(tertial2, org, tmp_path):
    out = tmp_path / "sub" / "namnd.xlsx"
    call_command(
        "generate_report", "--kind", "delarsrapport", "--year", "2026", "--unit",
        org.namnd_a.ansvarskod, "--format", "xlsx", "--out", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    assert load_workbook(out).sheetnames


def test_refuses_a_year_without_the_period(org, tmp_path):
    with pytest.raises(CommandError, match="2031"):
        call_command(
            "generate_report", "--kind", "arsredovisning", "--year", "2031",
            "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip


def test_refuses_an_unknown_unit(tertial2, tmp_path):
    with pytest.raises(CommandError, match="9999"):
        call_command(
            "generate_report", "--kind", "delarsrapport", "--year", "2026", "--unit", "9999",
            "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip


def test_refuses_a_unit_without_reports(tertial2, org, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "generate_report", "--kind", "delarsrapport", "--year", "2026", "--unit",
            org.forvaltning_a.ansvarskod, "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()
