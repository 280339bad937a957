"""A decided budget decision and a decided detaljbudget are read-only in the database.

The appropriations of a decided decision and the lines of a decided detaljbudget are guarded
by apps.core.dbguard; the decision's and the detaljbudget's own fields by the triggers below.
The one update a decided row accepts is a change of its state away from decided: reopening
a detaljbudget (``detail_budget_reopen``). No service reopens a budget decision; a wrong one
is corrected by a new decision (tilläggsanslag or ombudgetering).
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.core.dbguard import ReadOnlyWhileParentIn

DECIDED_BUDGET = ReadOnlyWhileParentIn(
    name="decided_budget",
    parent_table="economy_budgetdecision",
    fk="decision_id",
    state="decided",
    message="decided budget: a decided budget decision is read-only",
)
DECIDED_DETAIL_BUDGET = ReadOnlyWhileParentIn(
    name="decided_detail_budget",
    parent_table="economy_detailbudget",
    fk="detail_budget_id",
    state="decided",
    message="decided detailed budget: a decided detailed budget is read-only until reopened",
)


@dataclass(frozen=True)
class DecidedRow:
    """The parent row itself: no update that leaves it decided, no delete."""

    guard: ReadOnlyWhileParentIn

    @property
    def table(self) -> str:
        return self.guard.parent_table

    @property
    def function(self) -> str:
        return f"{self.guard.function}_own_row"

    def postgresql(self) -> list[str]:
        return [
            f"""
CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'decided' AND (TG_OP = 'DELETE' OR NEW.state = 'decided') THEN
        RAISE EXCEPTION '{self.guard.message}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
            f"CREATE TRIGGER {self.table}_decided BEFORE UPDATE OR DELETE ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.function}();",
        ]

    def sqlite(self) -> list[str]:
        # No DELETE trigger on SQLite, for the reason given in dbguard.
        return [
            f"""CREATE TRIGGER {self.table}_decided_update BEFORE UPDATE ON {self.table}
                WHEN OLD.state = 'decided' AND NEW.state = 'decided'
                BEGIN SELECT RAISE(ABORT, '{self.guard.message}'); END;"""
        ]

    def drop(self, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.table}_decided ON {self.table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {self.function}();")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.table}_decided_update;")


GUARDS = (
    (DECIDED_BUDGET, ("economy_appropriation",)),
    (DECIDED_DETAIL_BUDGET, ("economy_detailbudgetline",)),
)


def create_guard(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for guard, child_tables in GUARDS:
        guard.create(schema_editor, child_tables)
        own_row = DecidedRow(guard)
        for statement in own_row.postgresql() if vendor == "postgresql" else own_row.sqlite():
            schema_editor.execute(statement)


def drop_guard(schema_editor) -> None:
    for guard, child_tables in GUARDS:
        guard.drop(schema_editor, child_tables, drop_function=True)
        DecidedRow(guard).drop(schema_editor)
