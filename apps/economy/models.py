"""Budget med plan, outcomes from the ekonomisystem, forecasts and investments.

Amounts are kronor as exact decimals. Net cost is positive: a nämnd's operating frame of
412 000 000 means it may spend that much more than it takes in. Ledger amounts from the
ekonomisystem keep the ledger's sign (debit positive, credit negative), so a nämnd's net cost
is the sum of its rows on the operating accounts (Kommun-Bas classes 3–7).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned

MONEY = {"max_digits": 16, "decimal_places": 2}


class BudgetYear(Versioned):
    """A budget year and the planning assumptions its frames were set from."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    tax_revenue = models.DecimalField(_("tax revenue forecast"), **MONEY, null=True, blank=True)
    general_grants = models.DecimalField(
        _("general grants and equalisation forecast"), **MONEY, null=True, blank=True
    )
    tax_rate = models.DecimalField(
        _("municipal tax rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The budget of the income statement's lines below the nämnder's frames (which are net
    # costs and include the nämnder's depreciation): positive amounts, as the budget prints them.
    depreciation = models.DecimalField(
        _("depreciation in the budget"), **MONEY, null=True, blank=True,
        help_text=_("Included in the committees' frames; shown on its own line."),
    )  # fmt: skip
    financial_income = models.DecimalField(
        _("financial income in the budget"), **MONEY, null=True, blank=True
    )
    financial_costs = models.DecimalField(
        _("financial costs in the budget"), **MONEY, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population forecast"), null=True, blank=True)
    forecast_source = models.CharField(
        _("source of the forecast"), max_length=200, blank=True,
        help_text=_("For example SKR's circular 26:12."),
    )  # fmt: skip
    is_election_year = models.BooleanField(_("election year"), default=False)
    notes = models.TextField(_("other assumptions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class DecisionKind(models.TextChoices):
    FRAME = "frame", _("Frame budget")  # rambudget, KF in June
    SUPPLEMENTARY = "supplementary", _("Supplementary budget decision")  # election years
    ADDITIONAL = "additional", _("Additional appropriation")  # tilläggsanslag
    REBUDGET = "rebudget", _("Re-budgeting")  # ombudgetering


class BudgetDecision(Versioned):
    """A decision (or, until decided, a proposal) that sets or changes appropriations.

    The frame budget sets them; supplementary decisions, tilläggsanslag and ombudgetering
    change them, so that a report can show the original budget, the changes and the current
    budget. A decision without ``decided_on`` is a proposal and counts for nothing yet.
    """

    class State(models.TextChoices):
        # Kept in step with decided_on by the services; the database guard reads the state
        # (see apps.economy.budget_guard).
        DRAFT = "draft", _("Proposal")
        DECIDED = "decided", _("Decided")

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.PROTECT, related_name="decisions",
        verbose_name=_("budget year"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    decided_by = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="budget_decisions", verbose_name=_("decided by"),
    )  # fmt: skip
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget decision")
        verbose_name_plural = _("budget decisions")
        ordering = ["budget_year", "decided_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year"], condition=models.Q(kind="frame"),
                name="one_frame_budget_per_year",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} ({self.budget_year})"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None


class AppropriationKind(models.TextChoices):
    OPERATIONS = "operations", _("Operations")  # drift: the net cost frame
    INVESTMENT = "investment", _("Investment")


class Appropriation(models.Model):
    """One amount of a decision: a nämnd's or bolag's operating frame, or an investment
    project's budget, for the budget year or one of the two plan years. In a change decision
    the amount is the change."""

    decision = models.ForeignKey(
        BudgetDecision, on_delete=models.CASCADE, related_name="appropriations",
        verbose_name=_("decision"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="appropriations",
        verbose_name=_("committee or company"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=AppropriationKind.choices)
    project = models.ForeignKey(
        "economy.InvestmentProject", on_delete=models.PROTECT, null=True, blank=True,
        related_name="appropriations", verbose_name=_("investment project"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (kr)"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appropriation")
        verbose_name_plural = _("appropriations")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "unit", "year"],
                condition=models.Q(kind="operations"),
                name="one_operating_appropriation_per_decision",
            ),
            models.UniqueConstraint(
                fields=["decision", "project", "year"],
                condition=models.Q(kind="investment"),
                name="one_project_appropriation_per_decision",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="operations", project__isnull=True)
                    | models.Q(kind="investment", project__isnull=False)
                ),
                name="investment_appropriation_names_its_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_kind_display()}"


class DetailBudget(Versioned):
    """A nämnd's detaljbudget: its frame broken down on its verksamheter and enheter.
    The lines must sum to the frame when it is decided."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DECIDED = "decided", _("Decided")

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="detail_budgets",
        verbose_name=_("committee or company"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("detailed budget")
        verbose_name_plural = _("detailed budgets")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_detail_budget_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class DetailBudgetLine(models.Model):
    detail_budget = models.ForeignKey(
        DetailBudget, on_delete=models.CASCADE, related_name="lines",
        verbose_name=_("detailed budget"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="detail_budget_lines",
        verbose_name=_("unit"),
    )  # fmt: skip
    amount = models.DecimalField(_("net cost (kr)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("detailed budget line")
        verbose_name_plural = _("detailed budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["detail_budget", "unit"], name="one_detail_line_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.detail_budget}: {self.unit}"


class InvestmentStatus(models.TextChoices):
    PLANNED = "planned", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class InvestmentProject(Versioned):
    """An investment project: its decided total cost over its years, and its status. Its
    yearly budget is in the appropriations, its outcome in the rows that carry its code."""

    code = models.CharField(
        _("project code"), max_length=20, unique=True,
        help_text=_("The project number in the financial system."),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="investment_projects",
        verbose_name=_("committee or company"),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)
    decided_total = models.DecimalField(_("decided total cost (kr)"), **MONEY)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=InvestmentStatus.choices, default="planned"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="investment_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# --- The chart of accounts: Kommun-Bas mapped on the lines of the statements ----------------


class Statement(models.TextChoices):
    INCOME = "income", _("Income statement")  # resultaträkning
    BALANCE = "balance", _("Balance sheet")  # balansräkning


class StatementLine(Versioned):
    """A line of the resultaträkning or balansräkning, e.g. "Verksamhetens kostnader"."""

    statement = models.CharField(_("statement"), max_length=10, choices=Statement.choices)
    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "order"]

    def __str__(self) -> str:
        return self.name


class AccountMapping(Versioned):
    """Accounts starting with ``prefix`` belong to ``line``; the longest matching prefix wins.
    Ships with the product as Kommun-Bas and can be edited by an administrator."""

    prefix = models.CharField(_("account prefix"), max_length=10, unique=True)
    name = models.CharField(_("account group"), max_length=120)
    line = models.ForeignKey(
        StatementLine, on_delete=models.PROTECT, related_name="mappings",
        verbose_name=_("statement line"),
    )  # fmt: skip
    is_realisation_gain = models.BooleanField(
        _("realisation gain"), default=False,
        help_text=_("Deducted from the result in the balance requirement."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        ordering = ["prefix"]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"


# --- Outcomes imported from the ekonomisystem ------------------------------------------------


class OutcomeImport(models.Model):
    """One imported file: who, when, which file, how many rows and what they sum to. A later
    import of the same months replaces this one's rows for those months."""

    year = models.PositiveSmallIntegerField(_("year"))
    file_name = models.CharField(_("file"), max_length=255)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    imported_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("imported by"),
    )  # fmt: skip
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    first_month = models.PositiveSmallIntegerField(_("first month"))
    last_month = models.PositiveSmallIntegerField(_("last month"))
    row_count = models.PositiveIntegerField(_("rows"))
    total = models.DecimalField(_("sum of amounts (kr)"), **MONEY)
    column_map = models.JSONField(_("columns"), default=dict)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced",
        verbose_name=_("replaced by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("outcome import")
        verbose_name_plural = _("outcome imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.year})"


class OutcomeRow(models.Model):
    """An amount booked in a month on an ansvar (unit) and account, possibly on a project."""

    outcome_import = models.ForeignKey(OutcomeImport, on_delete=models.CASCADE, related_name="rows")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    account = models.CharField(max_length=10)
    project = models.CharField(max_length=20, blank=True)
    amount = models.DecimalField(**MONEY)

    class Meta:
        indexes = [
            models.Index(fields=["year", "month"], name="outcome_year_month"),
            models.Index(fields=["unit", "year", "month"], name="outcome_unit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.account} {self.amount}"


# --- Forecasts ----------------------------------------------------------------------------


class Forecast(Versioned):
    """A nämnd's or bolag's full-year forecast of its net operating cost in an open period."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="forecasts",
        verbose_name=_("committee or company"),
    )  # fmt: skip
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="forecasts",
        verbose_name=_("period"),
    )  # fmt: skip
    amount = models.DecimalField(_("full-year forecast, net cost (kr)"), **MONEY)
    comment = models.TextField(_("comment"), blank=True)
    # A deficit the nämnd can handle within its delegation (explained in the comment) needs
    # no åtgärdsplan; one it cannot handle does (DOMAIN.md).
    deficit_handled = models.BooleanField(
        _("the committee can handle the deficit within its delegation"), default=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="one_forecast_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}"


class InvestmentForecast(Versioned):
    project = models.ForeignKey(
        InvestmentProject, on_delete=models.PROTECT, related_name="forecasts",
        verbose_name=_("investment project"),
    )  # fmt: skip
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="investment_forecasts",
        verbose_name=_("period"),
    )  # fmt: skip
    year_amount = models.DecimalField(_("forecast for the year (kr)"), **MONEY)
    total_amount = models.DecimalField(_("forecast total cost (kr)"), **MONEY)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment forecast")
        verbose_name_plural = _("investment forecasts")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"], name="one_investment_forecast_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period}"


# --- God ekonomisk hushållning: the balance requirement and the financial goals -------------


class AdjustmentKind(models.TextChoices):
    """The steps from årets resultat to balanskravsresultat (LKBR ch. 11, as kommuner report
    them in the balanskravsutredning). Each kind adds or deducts; see ``signed_amount``."""

    REALISATION_EXCEPTION = (
        "realisation_exception",
        _("Realisation gains or losses under the exception rule (added)"),
    )
    UNREALISED_LOSS = "unrealised_loss", _("Unrealised losses in securities (deducted)")
    UNREALISED_LOSS_REVERSAL = (
        "unrealised_loss_reversal",
        _("Reversal of unrealised losses in securities (added)"),
    )
    RUR_RESERVATION = (
        "rur_reservation",
        _("Reservation to the result equalisation reserve (deducted)"),
    )
    RUR_USE = "rur_use", _("Use of the result equalisation reserve (added)")
    OTHER_ADDITION = "other_addition", _("Other adjustment (added)")
    OTHER_DEDUCTION = "other_deduction", _("Other adjustment (deducted)")


DEDUCTED_ADJUSTMENTS = frozenset(
    {AdjustmentKind.UNREALISED_LOSS, AdjustmentKind.RUR_RESERVATION, AdjustmentKind.OTHER_DEDUCTION}
)


class BalanceRequirementAdjustment(models.Model):
    """An adjustment of the year's result in the balanskravsutredning, entered by the ekonom.
    Realisation gains are not entered here: they come from the accounts flagged as such."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=30, choices=AdjustmentKind.choices)
    amount = models.DecimalField(
        _("amount (kr)"), **MONEY,
        help_text=_("A positive amount; the kind says whether it is added or deducted."),
    )  # fmt: skip
    description = models.CharField(_("description"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("balance requirement adjustment")
        verbose_name_plural = _("balance requirement adjustments")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="balance_adjustment_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"

    @property
    def signed_amount(self):
        """The amount as it moves the result: negative for the kinds that are deducted."""
        return -self.amount if self.kind in DEDUCTED_ADJUSTMENTS else self.amount


class KeyFigure(models.TextChoices):
    """The key figures for god ekonomisk hushållning that a financial goal can be linked to."""

    RESULT = "result", _("Result for the year")
    RESULT_SHARE = "result_share", _("Result as a share of tax revenue and general grants")
    BALANCE_REQUIREMENT = "balance_requirement", _("Balance requirement result")
    SELF_FINANCING = "self_financing", _("Self-financing ratio of net investments")
    NET_COST_SHARE = "net_cost_share", _("Net cost share")
    NET_COST_GROWTH = "net_cost_growth", _("Net cost growth")
    TAX_GROWTH = "tax_growth", _("Growth of tax revenue and general grants")
    GROWTH_MARGIN = "growth_margin", _("Growth of tax revenue and grants minus net cost growth")
    EQUITY_RATIO = "equity_ratio", _("Equity ratio")
    DEBT_RATIO = "debt_ratio", _("Debt ratio")
    DEBT_PER_INHABITANT = "debt_per_inhabitant", _("Long-term debt per inhabitant")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("at least")
    AT_MOST = "lte", _("at most")


class FinancialGoalLink(Versioned):
    """A financial goal of the goal chain computed from a key figure: met when the figure (the
    full-year forecast, or the outcome at the year-end) is at least, or at most, the threshold."""

    goal = models.OneToOneField(
        "goals.Goal", on_delete=models.PROTECT, related_name="financial_link",
        verbose_name=_("goal"),
    )  # fmt: skip
    figure = models.CharField(_("key figure"), max_length=30, choices=KeyFigure.choices)
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices)
    threshold = models.DecimalField(
        _("threshold"), max_digits=16, decimal_places=2,
        help_text=_(
            "In per cent for the shares, ratios and growth figures, in kronor for the results "
            "and for the debt per inhabitant."
        ),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial goal link")
        verbose_name_plural = _("financial goal links")

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_figure_display()}"


# --- Finansförvaltning, pensions, the notes and earlier years (the reports a revisor signs) --


class FinanceForecast(Versioned):
    """The ekonom's full-year forecast, in a period, of what lies outside the nämnder's frames:
    skatteintäkter and generella statsbidrag from the latest tax forecast, the central pension
    costs and the financial items. The forecast result is the budgeted result plus the
    nämnder's forecast deviation plus these items' deviation from the budget year's figures."""

    period = models.OneToOneField(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="finance_forecast",
        verbose_name=_("period"),
    )  # fmt: skip
    tax_revenue = models.DecimalField(_("tax revenue, forecast (kr)"), **MONEY)
    general_grants = models.DecimalField(
        _("general grants and equalisation, forecast (kr)"), **MONEY
    )
    financial_income = models.DecimalField(_("financial income, forecast (kr)"), **MONEY)
    financial_costs = models.DecimalField(_("financial costs, forecast (kr)"), **MONEY)
    # Pensions and other central items outside the frames: their forecast deviation from the
    # budget, signed as a result (a cost above the budget is negative).
    central_deviation = models.DecimalField(
        _("pensions and other central items, deviation (kr)"), **MONEY, default=0,
        help_text=_("Negative when the costs exceed the budget."),
    )  # fmt: skip
    source = models.CharField(
        _("tax forecast"), max_length=120, blank=True,
        help_text=_("The tax forecast the figures come from, e.g. SKR's circular 26:31."),
    )  # fmt: skip
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finance forecast")
        verbose_name_plural = _("finance forecasts")

    def __str__(self) -> str:
        return str(self.period)


class PensionStatement(Versioned):
    """The pension administrator's statement for a period (KPA's, Skandia's): the avsättning
    in the balansräkning and the ansvarsförbindelse for pensions earned before 1998 outside
    it, both including löneskatt."""

    period = models.OneToOneField(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="pension_statement",
        verbose_name=_("period"),
    )  # fmt: skip
    provision = models.DecimalField(_("provision for pensions incl. payroll tax (kr)"), **MONEY)
    contingent_liability = models.DecimalField(
        _("contingent liability for pensions earned before 1998 incl. payroll tax (kr)"), **MONEY
    )
    pension_funds = models.DecimalField(
        _("pension funds under management, market value (kr)"), **MONEY, null=True, blank=True
    )
    actualisation_degree = models.DecimalField(
        _("actualisation degree (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    administrator = models.CharField(_("pension administrator"), max_length=120, blank=True)
    statement_on = models.DateField(_("statement date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pension statement")
        verbose_name_plural = _("pension statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(provision__gte=0, contingent_liability__gte=0),
                name="pension_statement_amounts_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.period)


class StatementNote(Versioned):
    """The written part of a note to a line of the resultaträkning or balansräkning for a
    year. A note's figures (the line's account groups) are computed from the outcome."""

    year = models.PositiveSmallIntegerField(_("year"))
    line = models.ForeignKey(
        StatementLine, on_delete=models.PROTECT, related_name="notes",
        verbose_name=_("statement line"),
    )  # fmt: skip
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(fields=["year", "line"], name="one_note_per_line_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.line}"


class AccountingPrinciples(Versioned):
    """The year's redovisningsprinciper, the text the annual report's notes begin with."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accounting principles")
        verbose_name_plural = _("accounting principles")

    def __str__(self) -> str:
        return str(self.year)


class YearFigures(Versioned):
    """A closed year's figures as its årsredovisning gave them, for the years before the
    ledger is in the application: the flerårsöversikt's five years and the
    balanskravsutredning's earlier results. A year with an imported ledger computes them."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    result = models.DecimalField(_("result for the year (kr)"), **MONEY, null=True, blank=True)
    balance_requirement_result = models.DecimalField(
        _("balance requirement result (kr)"), **MONEY, null=True, blank=True
    )
    equity_ratio = models.DecimalField(
        _("equity ratio (%)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    equity_ratio_with_pensions = models.DecimalField(
        _("equity ratio incl. all pension obligations (%)"), max_digits=6, decimal_places=1,
        null=True, blank=True,
    )  # fmt: skip
    net_investments = models.DecimalField(_("net investments (kr)"), **MONEY, null=True, blank=True)
    loan_debt = models.DecimalField(_("loan debt (kr)"), **MONEY, null=True, blank=True)
    tax_rate = models.DecimalField(
        _("tax rate (kr per 100 kr)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population 31 December"), null=True, blank=True)
    rur_balance = models.DecimalField(
        _("result equalisation reserve at the year's end (kr)"), **MONEY, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("earlier year's figures")
        verbose_name_plural = _("earlier years' figures")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class GoodManagementRule(Versioned):
    """How the kommun has decided (in its riktlinjer för god ekonomisk hushållning) to
    conclude whether the year shows god ekonomisk hushållning. The rule with the latest
    ``first_year`` not after a report's year applies."""

    first_year = models.PositiveSmallIntegerField(_("applies from year"), unique=True)
    min_goal_share = models.DecimalField(
        _("share of the council's operational goals required (%)"), max_digits=5,
        decimal_places=1, default=50,
        help_text=_("More than this share of the goals must be met."),
    )  # fmt: skip
    counts_partly_met = models.BooleanField(_("goals partly met count as met"), default=True)
    all_financial_goals = models.BooleanField(_("every financial goal must be met"), default=True)
    min_financial_share = models.DecimalField(
        _("share of the financial goals required (%)"), max_digits=5, decimal_places=1,
        null=True, blank=True,
        help_text=_("Used when not every financial goal must be met."),
    )  # fmt: skip
    text = models.TextField(_("the rule as decided"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule for good financial management")
        verbose_name_plural = _("rules for good financial management")
        ordering = ["first_year"]

    def __str__(self) -> str:
        return str(self.first_year)
