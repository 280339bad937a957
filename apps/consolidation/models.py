"""The kommunal koncern: the bolag's statements per period, ownership and eliminations.

The kommun owns its bolag (Units of kind COMPANY) by a share that may change from a year on.
Each bolag reports its own resultaträkning and balansräkning per reporting period on a fixed
list of koncern lines (``CompanyLine``), with a full-year forecast of its result in the
delårsrapport. What the kommun and its bolag sell, lend and pay in interest to each other is
recorded as internal transactions, which the sammanställd redovisning eliminates
(``apps.consolidation.selectors``).

Signs, as the statements print them: the resultaträkning's revenue positive and costs
negative (årets resultat is the sum of its lines); the balansräkning's lines positive on both
sides; the kassaflöde's investeringar, nyupplåning and amortering positive amounts.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.bounds import FIRST_YEAR, LAST_YEAR
from apps.core.locking import Versioned

MONEY = {"max_digits": 16, "decimal_places": 2}
# RKR R16: a bolag in which the kommun owns less than this is not part of the koncern
CONSOLIDATION_THRESHOLD = Decimal("20")


class CompanyLine(models.TextChoices):
    """The koncern lines a bolag reports on."""

    # Resultaträkning: revenue positive, costs negative
    OPERATING_INCOME = "operating_income", _("Operating income")
    OPERATING_COSTS = "operating_costs", _("Operating costs")
    DEPRECIATION = "depreciation", _("Depreciation")
    FINANCIAL_INCOME = "financial_income", _("Financial income")
    FINANCIAL_COSTS = "financial_costs", _("Financial costs")
    APPROPRIATIONS = "appropriations", _("Appropriations")
    TAX = "tax", _("Tax (corporate income tax)")
    # Balansräkning: both sides positive
    FIXED_ASSETS = "fixed_assets", _("Fixed assets")
    CURRENT_ASSETS = "current_assets", _("Current assets")
    CASH = "cash", _("of which cash and bank")
    EQUITY = "equity", _("Equity")
    PROVISIONS = "provisions", _("Provisions")
    LONG_TERM_LIABILITIES = "long_term_liabilities", _("Long-term liabilities")
    CURRENT_LIABILITIES = "current_liabilities", _("Current liabilities")
    # Kassaflöde: positive amounts
    INVESTMENTS = "investments", _("Investment expenditure")
    NEW_BORROWING = "new_borrowing", _("New borrowing")
    AMORTISATION = "amortisation", _("Amortisation of loans")


INCOME_LINES = (
    CompanyLine.OPERATING_INCOME,
    CompanyLine.OPERATING_COSTS,
    CompanyLine.DEPRECIATION,
    CompanyLine.FINANCIAL_INCOME,
    CompanyLine.FINANCIAL_COSTS,
    CompanyLine.APPROPRIATIONS,
    CompanyLine.TAX,
)
ASSET_LINES = (CompanyLine.FIXED_ASSETS, CompanyLine.CURRENT_ASSETS)
EQUITY_AND_LIABILITY_LINES = (
    CompanyLine.EQUITY,
    CompanyLine.PROVISIONS,
    CompanyLine.LONG_TERM_LIABILITIES,
    CompanyLine.CURRENT_LIABILITIES,
)
CASH_FLOW_LINES = (CompanyLine.INVESTMENTS, CompanyLine.NEW_BORROWING, CompanyLine.AMORTISATION)
# Lines whose amount has a fixed sign: revenue and balances never negative, costs never positive
NOT_NEGATIVE = (
    CompanyLine.OPERATING_INCOME,
    CompanyLine.FINANCIAL_INCOME,
    CompanyLine.FIXED_ASSETS,
    CompanyLine.CURRENT_ASSETS,
    CompanyLine.CASH,
    CompanyLine.PROVISIONS,
    CompanyLine.LONG_TERM_LIABILITIES,
    CompanyLine.CURRENT_LIABILITIES,
    *CASH_FLOW_LINES,
)
NOT_POSITIVE = (CompanyLine.OPERATING_COSTS, CompanyLine.DEPRECIATION, CompanyLine.FINANCIAL_COSTS)


class Ownership(Versioned):
    """The kommun's share of a bolag from a year on; the share in force in a year is the
    latest not after it."""

    company = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="ownerships",
        verbose_name=_("company"), limit_choices_to={"kind": "bolag"},
    )  # fmt: skip
    share = models.DecimalField(
        _("ownership share (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )  # fmt: skip
    from_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    consolidated = models.BooleanField(
        _("part of the municipal group"), default=True,
        help_text=_("A share under 20 % is not consolidated (RKR R16), whatever is ticked."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        ordering = ["company__position", "company__name", "from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "from_year"], name="one_ownership_per_company_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0, share__lte=100), name="ownership_share_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.share} % ({self.from_year})"

    def clean(self) -> None:
        if self.company_id and self.company.kind != "bolag":
            raise ValidationError({"company": _("Only a municipal company has an owner share.")})

    @property
    def is_consolidated(self) -> bool:
        """Part of the sammanställd redovisning: marked so, and owned 20 % or more."""
        return self.consolidated and self.share >= CONSOLIDATION_THRESHOLD

    @property
    def factor(self) -> Decimal:
        """The share as a fraction: what of the bolag's figures the koncern takes."""
        return self.share / 100 if self.is_consolidated else Decimal("0")


class CompanyFigure(Versioned):
    """One line of a bolag's own statements for a period, in kronor."""

    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="company_figures",
        verbose_name=_("period"),
    )  # fmt: skip
    company = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="company_figures",
        verbose_name=_("company"),
    )  # fmt: skip
    line = models.CharField(_("line"), max_length=30, choices=CompanyLine.choices)
    amount = models.DecimalField(_("amount (kr)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("company figure")
        verbose_name_plural = _("company figures")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "company", "line"], name="one_company_figure_per_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.get_line_display()} {self.period}"


class CompanyForecast(Versioned):
    """A bolag's full-year forecast of its result, made in a period (the delårsrapport)."""

    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="company_forecasts",
        verbose_name=_("period"),
    )  # fmt: skip
    company = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="company_forecasts",
        verbose_name=_("company"),
    )  # fmt: skip
    result = models.DecimalField(_("full-year result, forecast (kr)"), **MONEY)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("company forecast")
        verbose_name_plural = _("company forecasts")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "company"], name="one_company_forecast_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.period}"


class InternalKind(models.TextChoices):
    SALES = "sales", _("Sales and purchases")
    INTEREST = "interest", _("Interest")
    LOAN = "loan", _("Loan")
    # The kommun's holding in a bolag (book value) against the equity it acquired
    SHARES = "shares", _("Shares in the company")


class InternalTransaction(Versioned):
    """What one party of the koncern sold, lent or charged interest to another in a period
    (a loan: the balance at the period's end; shares: the owner's book value of its holding
    at the period's end, the owner the seller). ``None`` as a party is the kommun."""

    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT,
        related_name="internal_transactions", verbose_name=_("period"),
    )  # fmt: skip
    seller = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="internal_sales", verbose_name=_("seller or lender"),
        help_text=_("Empty: the municipality."),
    )  # fmt: skip
    buyer = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="internal_purchases", verbose_name=_("buyer or borrower"),
        help_text=_("Empty: the municipality."),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=InternalKind.choices)
    amount = models.DecimalField(_("amount (kr)"), **MONEY)
    description = models.CharField(_("description"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internal transaction")
        verbose_name_plural = _("internal transactions")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="internal_transaction_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(seller=models.F("buyer"))
                | models.Q(seller__isnull=True)
                | models.Q(buyer__isnull=True),
                name="internal_transaction_two_parties",
            ),
            models.CheckConstraint(
                condition=models.Q(seller__isnull=False) | models.Q(buyer__isnull=False),
                name="internal_transaction_a_company_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"

    def clean(self) -> None:
        if self.seller_id is None and self.buyer_id is None:
            raise ValidationError(
                _("One of the parties is a company; the other may be the kommun.")
            )
        if self.seller_id is not None and self.seller_id == self.buyer_id:
            raise ValidationError({"buyer": _("The buyer must be another party than the seller.")})
        for name in ("seller", "buyer"):
            party = getattr(self, name)
            if party is not None and party.kind != "bolag":
                raise ValidationError({name: _("A party is the municipality or a company.")})
