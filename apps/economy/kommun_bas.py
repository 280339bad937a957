"""Kommun-Bas, the standard chart of accounts of Swedish kommuner, mapped on the lines of the
resultaträkning and balansräkning. Ships with the product (data migration 0003_kommun_bas)
and an administrator can change it afterwards in the admin.

The statement lines have stable keys that the key figures and statements compute from:

Resultaträkning (``Statement.INCOME``)
    ``operating_income``      Verksamhetens intäkter (class 3; realisation gains flagged)
    ``operating_costs``       Verksamhetens kostnader (classes 4–7 except 78)
    ``depreciation``          Avskrivningar (group 78)
    ``tax_revenue``           Skatteintäkter (group 80)
    ``general_grants``        Generella statsbidrag och utjämning (group 82)
    ``financial_income``      Finansiella intäkter (group 84)
    ``financial_costs``       Finansiella kostnader (group 85)
    ``extraordinary_items``   Extraordinära poster (group 87, see the note there)

Balansräkning (``Statement.BALANCE``)
    ``br_intangible_assets``       Immateriella anläggningstillgångar (10)
    ``br_land_buildings``          Mark, byggnader och tekniska anläggningar (11)
    ``br_machinery_equipment``     Maskiner och inventarier (12)
    ``br_financial_assets``        Finansiella anläggningstillgångar (13)
    ``br_inventories``             Förråd, lager och exploateringsfastigheter (14)
    ``br_receivables``             Fordringar (15–17)
    ``br_short_term_investments``  Kortfristiga placeringar (18)
    ``br_cash``                    Kassa och bank (19)
    ``br_equity``                  Eget kapital (20)
    ``br_provisions``              Avsättningar (22)
    ``br_long_term_liabilities``   Långfristiga skulder (23)
    ``br_current_liabilities``     Kortfristiga skulder (24–29)

Amounts keep the ledger's sign (debit positive, credit negative): revenue, equity and debts
are negative in the rows. Whoever presents a statement turns the sign as the report wants.

Sources: SKR's pages on Kommun-Bas (Kommun-Bas 13, 19, 20 and 20r keep the same class
structure) and kommuners' published charts built on it. Where the group numbers were not
confirmed by a source, the entry says so; an administrator adjusts them for the kommun's own
chart in the admin, and an import names any account that no prefix covers.

This module imports no models at load time: the data migration reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

INCOME = "income"
BALANCE = "balance"

# (statement, key, name, order) — the names are the statements' own Swedish headings, which
# are data (editable in the admin), not interface text.
STATEMENT_LINES: tuple[tuple[str, str, str, int], ...] = (
    (INCOME, "operating_income", "Verksamhetens intäkter", 10),
    (INCOME, "operating_costs", "Verksamhetens kostnader", 20),
    (INCOME, "depreciation", "Avskrivningar", 30),
    (INCOME, "tax_revenue", "Skatteintäkter", 40),
    (INCOME, "general_grants", "Generella statsbidrag och utjämning", 50),
    (INCOME, "financial_income", "Finansiella intäkter", 60),
    (INCOME, "financial_costs", "Finansiella kostnader", 70),
    (INCOME, "extraordinary_items", "Extraordinära poster", 80),
    (BALANCE, "br_intangible_assets", "Immateriella anläggningstillgångar", 10),
    (BALANCE, "br_land_buildings", "Mark, byggnader och tekniska anläggningar", 20),
    (BALANCE, "br_machinery_equipment", "Maskiner och inventarier", 30),
    (BALANCE, "br_financial_assets", "Finansiella anläggningstillgångar", 40),
    (BALANCE, "br_inventories", "Förråd, lager och exploateringsfastigheter", 50),
    (BALANCE, "br_receivables", "Fordringar", 60),
    (BALANCE, "br_short_term_investments", "Kortfristiga placeringar", 70),
    (BALANCE, "br_cash", "Kassa och bank", 80),
    (BALANCE, "br_equity", "Eget kapital", 90),
    (BALANCE, "br_provisions", "Avsättningar", 100),
    (BALANCE, "br_long_term_liabilities", "Långfristiga skulder", 110),
    (BALANCE, "br_current_liabilities", "Kortfristiga skulder", 120),
)

# (prefix, account group, line key, is realisation gain). The longest matching prefix wins,
# so a class ("7") can hold a group that goes elsewhere ("78").
ACCOUNT_MAPPINGS: tuple[tuple[str, str, str, bool], ...] = (
    # Balance sheet, class 1: assets.
    ("10", "Immateriella anläggningstillgångar", "br_intangible_assets", False),
    ("11", "Mark, byggnader och tekniska anläggningar", "br_land_buildings", False),
    ("12", "Maskiner och inventarier", "br_machinery_equipment", False),
    ("13", "Finansiella anläggningstillgångar", "br_financial_assets", False),
    ("14", "Förråd, lager och exploateringsfastigheter", "br_inventories", False),
    ("15", "Kundfordringar", "br_receivables", False),
    ("16", "Övriga kortfristiga fordringar", "br_receivables", False),
    ("17", "Förutbetalda kostnader och upplupna intäkter", "br_receivables", False),
    ("18", "Kortfristiga placeringar", "br_short_term_investments", False),
    ("19", "Kassa och bank", "br_cash", False),
    # Class 2: equity, provisions and debts. Group 21 is left out on purpose: it is not in
    # use in the Kommun-Bas versions we could check, so an account there is reported
    # rather than guessed at.
    ("20", "Eget kapital", "br_equity", False),
    ("22", "Avsättningar", "br_provisions", False),
    ("23", "Långfristiga skulder", "br_long_term_liabilities", False),
    ("24", "Kortfristiga skulder till kreditinstitut", "br_current_liabilities", False),
    ("25", "Leverantörsskulder", "br_current_liabilities", False),
    ("26", "Mervärdesskatt och punktskatter", "br_current_liabilities", False),
    ("27", "Personalens skatter, avgifter och löneavdrag", "br_current_liabilities", False),
    ("28", "Övriga kortfristiga skulder", "br_current_liabilities", False),
    ("29", "Upplupna kostnader och förutbetalda intäkter", "br_current_liabilities", False),
    # Income statement. Class 3: verksamhetens intäkter.
    ("3", "Verksamhetens intäkter", "operating_income", False),
    # Realisation gains on sold fixed assets count as verksamhetens intäkter but are taken
    # out of the result in the balanskravsresultat. Unsure: the group number (38,
    # "Försäljning av anläggningstillgångar") follows Kommun-Bas 13 as kommuner publish it;
    # check it against the kommun's own chart.
    ("38", "Försäljning av anläggningstillgångar (realisationsvinster)", "operating_income",
     True),
    # Classes 4–7: verksamhetens kostnader; group 78 is the depreciation.
    ("4", "Material, köpta tjänster, bidrag och transfereringar", "operating_costs", False),
    ("5", "Personalkostnader", "operating_costs", False),
    ("6", "Lokaler, fastigheter och övriga verksamhetskostnader", "operating_costs", False),
    ("7", "Övriga verksamhetskostnader", "operating_costs", False),
    ("78", "Avskrivningar och nedskrivningar", "depreciation", False),
    # Class 8: tax revenue, grants, financial items.
    ("80", "Skatteintäkter", "tax_revenue", False),
    ("82", "Generella statsbidrag och utjämning", "general_grants", False),
    ("84", "Finansiella intäkter", "financial_income", False),
    ("85", "Finansiella kostnader", "financial_costs", False),
    # Unsure: extraordinary items have been rare since LKBR (2019) and the group number
    # differs between versions; 87 is a best guess to be checked.
    ("87", "Extraordinära intäkter och kostnader", "extraordinary_items", False),
)  # fmt: skip

# Classes whose accounts are balance-sheet accounts: only they may carry an opening balance.
BALANCE_CLASSES = ("1", "2")


def is_balance_account(account: str) -> bool:
    return account.startswith(BALANCE_CLASSES)


T = TypeVar("T")


@dataclass
class AccountChart(Generic[T]):
    """Finds the mapping of an account by its longest matching prefix.

    Built once per import from all mappings; a lookup tries each prefix length that exists,
    longest first, and remembers the answer per account, so 200 000 rows on 300 accounts
    cost 300 lookups.
    """

    by_prefix: dict[str, T]

    def __post_init__(self) -> None:
        self._lengths = sorted({len(p) for p in self.by_prefix}, reverse=True)
        self._cache: dict[str, T | None] = {}

    @classmethod
    def of(cls, mappings: Iterable[tuple[str, T]]) -> AccountChart[T]:
        return cls(dict(mappings))

    def account_line(self, account: str) -> T | None:
        """The mapping of ``account`` (its longest matching prefix), or None."""
        try:
            return self._cache[account]
        except KeyError:
            pass
        found = None
        for length in self._lengths:
            if length <= len(account):
                found = self.by_prefix.get(account[:length])
                if found is not None:
                    break
        self._cache[account] = found
        return found


def account_chart() -> AccountChart:
    """The chart as the database holds it now: prefix → AccountMapping, with its line
    (one query)."""
    from apps.economy.models import AccountMapping

    return AccountChart.of((m.prefix, m) for m in AccountMapping.objects.select_related("line"))


def install(line_model, mapping_model, *, reason: str = "", now=None) -> int:
    """Create the lines and mappings above that are missing; leave the others as they are
    (an administrator may have changed them). Returns how many rows were created.

    Takes the models as arguments so that the data migration can pass its historical ones.
    With ``now`` given, each created row also gets a "created" entry in its history model
    (``<Model>.history``'s table), dated ``now``, with ``reason``.
    """
    lines = {line.key: line for line in line_model.objects.all()}
    new_lines = [
        line_model(statement=statement, key=key, name=name, order=order)
        for statement, key, name, order in STATEMENT_LINES
        if key not in lines
    ]
    for line in new_lines:
        line.save()
        lines[line.key] = line
    existing = set(mapping_model.objects.values_list("prefix", flat=True))
    new_mappings = [
        mapping_model(prefix=prefix, name=name, line=lines[key], is_realisation_gain=gain)
        for prefix, name, key, gain in ACCOUNT_MAPPINGS
        if prefix not in existing and key in lines
    ]
    for mapping in new_mappings:
        mapping.save()
    if now is not None:
        _record_creation(line_model, new_lines, ["statement", "key", "name", "order"], reason, now)
        _record_creation(
            mapping_model, new_mappings, ["prefix", "name", "line_id", "is_realisation_gain"],
            reason, now,
        )  # fmt: skip
    return len(new_lines) + len(new_mappings)


def _record_creation(model, rows, fields: list[str], reason: str, now) -> None:
    history_model = model._meta.apps.get_model(
        model._meta.app_label, f"Historical{model._meta.object_name}"
    )
    history_model.objects.bulk_create(
        history_model(
            id=row.pk,
            history_date=now,
            history_type="+",
            history_change_reason=reason,
            **{field: getattr(row, field) for field in fields},
        )
        for row in rows
    )
