from django.urls import include, path

import apps.core.converters  # noqa: F401  (registers <year:…>)
from apps.economy.views import budget as budget_views
from apps.economy.views import forecasts as forecast_views
from apps.economy.views import outcomes as outcome_views
from apps.economy.views import overview as overview_views
from apps.economy.views import statements as statement_views
from apps.economy.views import strategic_plan as strategic_plan_views

app_name = "economy"

# Each part of the economy adds its pages here.
urlpatterns: list = []

# The ekonom's overview, the drill-down and the forecast page (with their Excel exports).
urlpatterns += [
    path("", overview_views.home, name="home"),
    path("<int:period_pk>/", overview_views.overview, name="overview"),
    path("<int:period_pk>/excel/", overview_views.overview_xlsx, name="overview_xlsx"),
    path("<int:period_pk>/enhet/<int:unit_pk>/", overview_views.drilldown, name="drilldown"),
    path(
        "<int:period_pk>/enhet/<int:unit_pk>/excel/",
        overview_views.drilldown_xlsx,
        name="drilldown_xlsx",
    ),
    path("<int:period_pk>/prognos/<int:unit_pk>/", forecast_views.forecast_entry, name="forecast"),
]

# Budget med plan: budget years, decisions, detaljbudget and investment projects.
urlpatterns += [
    path("budget/", budget_views.index, name="budget_index"),
    path("budget/ny/", budget_views.year_create, name="budget_year_create"),
    path("budget/<year:year>/", budget_views.year_page, name="budget_year"),
    path("budget/<year:year>/antaganden/", budget_views.year_edit, name="budget_year_edit"),
    path(
        "budget/<year:year>/beslut/ny/", budget_views.decision_create, name="budget_decision_create"
    ),
    path("budget/beslut/<int:pk>/", budget_views.decision_page, name="budget_decision"),
    path(
        "budget/<year:year>/detaljbudget/<int:unit_pk>/",
        budget_views.detail_budget_page,
        name="detail_budget",
    ),
    path("investeringar/<year:year>/", budget_views.investments_page, name="investments"),
    path("investeringar/projekt/ny/", budget_views.project_create, name="project_create"),
    path("investeringar/projekt/<int:pk>/", budget_views.project_edit, name="project_edit"),
]

# Outcomes from the ekonomisystem: upload, choose columns, import; the import history.
urlpatterns += [
    path("utfall/", outcome_views.imports, name="outcome_imports"),
    path("utfall/kolumner/", outcome_views.columns, name="outcome_columns"),
    path("utfall/<int:pk>/", outcome_views.import_detail, name="outcome_import"),
]

# God ekonomisk hushållning: key figures and financial goals, resultaträkning, balansräkning.
urlpatterns += [
    path("<int:period_pk>/nyckeltal/", statement_views.key_figures, name="key_figures"),
    path(
        "<int:period_pk>/nyckeltal/excel/",
        statement_views.key_figures_xlsx,
        name="key_figures_xlsx",
    ),
    path(
        "<int:period_pk>/resultatrakning/",
        statement_views.income_statement,
        name="income_statement",
    ),
    path(
        "<int:period_pk>/resultatrakning/excel/",
        statement_views.income_statement_xlsx,
        name="income_statement_xlsx",
    ),
    path("<int:period_pk>/balansrakning/", statement_views.balance_sheet, name="balance_sheet"),
    path(
        "<int:period_pk>/balansrakning/excel/",
        statement_views.balance_sheet_xlsx,
        name="balance_sheet_xlsx",
    ),
]

# The strategic plan with economic frames: the budget year's decision, goals and frames.
urlpatterns += [
    path(
        "budget/<year:year>/strategisk-plan/",
        strategic_plan_views.strategic_plan_page,
        name="strategic_plan",
    ),
]

# The finansförvaltning's forecast, balanskravsutredning, earlier years and the rule for god
# ekonomisk hushållning (urls_finance); pensions, notes and redovisningsprinciper (urls_notes).
urlpatterns += [
    path("", include("apps.economy.urls_finance")),
    path("", include("apps.economy.urls_notes")),
]
