"""The personnel figures per period (employees, årsarbetare, sjukfrånvaro).

Exempelkommun's HR system writes one file per period, with the whole kommun's rows and each
förvaltning's; the demo writes that file (``hr_file``) and imports it through the import
service, as the ekonom would. The kommun's rows are the sum of the förvaltningar's, so every
breakdown adds up. Miljö- och byggförvaltningen is small: its youngest and oldest groups have
at most ten employees, so the page and the nämnd's report show the suppression.

``apps/demo/assets/personal_2026-t2.csv`` is the file for tertial 2 2026, as a sample of the
format (a test keeps it equal to what ``hr_file`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from apps.accounts.models import User
from apps.periods.models import ReportingPeriod
from apps.personnel.models import PersonnelImport
from apps.personnel.services import personnel_import

HEADER = (
    "Enhet;Enhetsnamn;Grupp;Tillsvidareanställda;Visstidsanställda;Årsarbetare;"
    "Ordinarie timmar;Sjuktimmar;Sjuktimmar 60 dagar eller mer"
)
GROUP_NAMES = ("Totalt", "Kvinnor", "Män", "29 år eller yngre", "30–49 år", "50 år eller äldre")
HOURS_PER_YEAR = Decimal(1700)  # ordinary working hours of one årsarbetare in a year


@dataclass(frozen=True)
class Förvaltning:
    code: str
    name: str
    employees: int  # in 2026; 2025 has a few less
    women: Decimal  # share of the employees
    ages: tuple[Decimal, Decimal]  # shares 29 or younger, 30–49; the rest 50 or older
    sick: Decimal  # the förvaltning's sjukfrånvaro relative to the kommun's


FÖRVALTNINGAR = (
    Förvaltning(
        "1100",
        "Kommunledningsförvaltningen",
        96,
        Decimal("0.70"),
        (Decimal("0.12"), Decimal("0.50")),
        Decimal("0.60"),
    ),
    Förvaltning(
        "2100",
        "Barn- och utbildningsförvaltningen",
        521,
        Decimal("0.82"),
        (Decimal("0.15"), Decimal("0.47")),
        Decimal("1.05"),
    ),
    Förvaltning(
        "3100",
        "Socialförvaltningen",
        418,
        Decimal("0.87"),
        (Decimal("0.20"), Decimal("0.42")),
        Decimal("1.15"),
    ),
    Förvaltning(
        "4100",
        "Kultur- och fritidsförvaltningen",
        46,
        Decimal("0.63"),
        (Decimal("0.24"), Decimal("0.46")),
        Decimal("0.80"),
    ),
    Förvaltning(
        "5100",
        "Samhällsbyggnadsförvaltningen",
        31,
        Decimal("0.42"),
        (Decimal("0.13"), Decimal("0.55")),
        Decimal("0.70"),
    ),
    Förvaltning(
        "6100",
        "Miljö- och byggförvaltningen",
        22,
        Decimal("0.55"),
        (Decimal("0.09"), Decimal("0.50")),
        Decimal("0.75"),
    ),
    Förvaltning(
        "7100",
        "Tekniska förvaltningen",
        116,
        Decimal("0.30"),
        (Decimal("0.14"), Decimal("0.45")),
        Decimal("0.85"),
    ),
)

# The kommun's sjukfrånvaro (%) and the share of it that lasted 60 days or more, per period;
# the months the period covers.
PERIODS = {
    "2025-t2": (Decimal("7.4"), Decimal("0.42"), 8, 2025),
    "2025-bokslut": (Decimal("7.2"), Decimal("0.41"), 12, 2025),
    "2026-t1": (Decimal("7.9"), Decimal("0.37"), 4, 2026),
    "2026-t2": (Decimal("6.8"), Decimal("0.39"), 8, 2026),
}
# Relative sjukfrånvaro, årsarbetare per employee and long-term share of each group.
SICK_WEIGHT = {
    "women": Decimal("1.12"),
    "men": Decimal("0.62"),
    "age_29": Decimal("0.85"),
    "age_30_49": Decimal("0.92"),
    "age_50": Decimal("1.15"),
}
FTE_WEIGHT = {
    "women": Decimal("0.88"),
    "men": Decimal("0.95"),
    "age_29": Decimal("0.80"),
    "age_30_49": Decimal("0.92"),
    "age_50": Decimal("0.93"),
}
LONG_WEIGHT = {
    "women": Decimal("1.05"),
    "men": Decimal("0.80"),
    "age_29": Decimal("0.55"),
    "age_30_49": Decimal("0.95"),
    "age_50": Decimal("1.25"),
}
TEMPORARY_SHARE = {
    "women": Decimal("0.10"),
    "men": Decimal("0.12"),
    "age_29": Decimal("0.35"),
    "age_30_49": Decimal("0.07"),
    "age_50": Decimal("0.04"),
}


def _round(value: Decimal, quantum: str = "1") -> Decimal:
    return value.quantize(Decimal(quantum), rounding=ROUND_HALF_UP)


def _split(total: Decimal, weights: list[Decimal], quantum: str = "1") -> list[Decimal]:
    """``total`` in parts by ``weights``, rounded, the last part taking the remainder so
    that the parts add up to the total exactly."""
    whole = sum(weights)
    parts = [_round(total * w / whole, quantum) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def _unit_rows(unit: Förvaltning, key: str) -> dict[str, dict[str, Decimal]]:
    """The förvaltning's figures per group: total, women, men, the three age groups."""
    rate, long_share, months, year = PERIODS[key]
    employees = Decimal(unit.employees - (4 if year == 2025 else 0) * (unit.employees > 100))
    women = _round(employees * unit.women)
    young = _round(employees * unit.ages[0])
    middle = _round(employees * unit.ages[1])
    heads = {
        "women": women,
        "men": employees - women,
        "age_29": young,
        "age_30_49": middle,
        "age_50": employees - young - middle,
    }
    rows: dict[str, dict[str, Decimal]] = {"total": {}}
    total_fte = _round(employees * Decimal("0.895"), "0.1")
    total_hours = _round(total_fte * HOURS_PER_YEAR * months / 12)
    total_sick = _round(total_hours * rate * unit.sick / 100)
    total_long = _round(total_sick * long_share)
    total_temp = Decimal(0)
    for groups in (("women", "men"), ("age_29", "age_30_49", "age_50")):
        ftes = _split(total_fte, [heads[g] * FTE_WEIGHT[g] for g in groups], "0.1")
        hours = _split(total_hours, ftes)
        sick = _split(total_sick, [h * SICK_WEIGHT[g] for g, h in zip(groups, hours, strict=True)])
        long = _split(total_long, [s * LONG_WEIGHT[g] for g, s in zip(groups, sick, strict=True)])
        temps = [_round(heads[g] * TEMPORARY_SHARE[g]) for g in groups]
        if groups[0] == "women":
            total_temp = sum(temps, Decimal(0))
        else:  # the age groups' temporary employees add up to the same total
            temps[-1] = total_temp - temps[0] - temps[1]
        for i, group in enumerate(groups):
            rows[group] = {
                "employees": heads[group],
                "temporary": temps[i],
                "fte": ftes[i],
                "hours": hours[i],
                "sick": sick[i],
                "long": long[i],
            }
    rows["total"] = {
        "employees": employees,
        "temporary": total_temp,
        "fte": total_fte,
        "hours": total_hours,
        "sick": total_sick,
        "long": total_long,
    }
    return rows


def _number(value: Decimal) -> str:
    """Swedish, as the HR system writes it: ``1 118,4``."""
    text = f"{value:,.1f}" if value != value.to_integral_value() else f"{int(value):,}"
    return text.replace(",", " ").replace(".", ",")


GROUP_KEYS = ("total", "women", "men", "age_29", "age_30_49", "age_50")


def _lines(code: str, name: str, rows: dict[str, dict[str, Decimal]]) -> list[str]:
    lines = []
    for key, label in zip(GROUP_KEYS, GROUP_NAMES, strict=True):
        row = rows[key]
        permanent = row["employees"] - row["temporary"]
        values = (permanent, row["temporary"], row["fte"], row["hours"], row["sick"], row["long"])
        lines.append(";".join([code, name, label, *(_number(v) for v in values)]))
    return lines


def hr_file(key: str) -> bytes:
    """The HR system's file for the period ``key`` (UTF-8, ``;``, CRLF)."""
    units = {unit.code: _unit_rows(unit, key) for unit in FÖRVALTNINGAR}
    kommun = {
        group: {
            field: sum((units[code][group][field] for code in units), Decimal(0))
            for field in units[FÖRVALTNINGAR[0].code][group]
        }
        for group in GROUP_KEYS
    }
    lines = [HEADER, *_lines("", "Exempelkommun", kommun)]
    for unit in FÖRVALTNINGAR:
        lines += _lines(unit.code, unit.name, units[unit.code])
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
    if key not in PERIODS:
        return
    if PersonnelImport.objects.filter(period=period).exists():
        return  # imported before: the period's figures are the ekonom's from then on
    personnel_import(
        actor=admin,
        period=period,
        content=hr_file(key),
        file_name=f"personal_{key}.csv",
        reason="Personalstatistik från HR-systemet för perioden.",
    )
