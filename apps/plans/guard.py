"""A decided (fastställd) plan is read-only in the database until it is reopened: its
sections and activities (see dbguard), and the plan's own fields. Reopening, a change of
its state away from decided, is the one update a decided plan accepts."""

from __future__ import annotations

from apps.core.dbguard import ReadOnlyWhileParentIn

PLANS = "plans_plan"
CHILD_TABLES = ("plans_plansection", "plans_activity")
DECIDED_PLAN = ReadOnlyWhileParentIn(
    name="decided_plan",
    parent_table=PLANS,
    fk="plan_id",
    state="decided",
    message="decided plan: a decided plan is read-only until it is reopened",
)
PLAN_FUNCTION = "styrmodell_refuse_decided_plan_change"

POSTGRESQL_PLAN = [
    f"""
CREATE OR REPLACE FUNCTION {PLAN_FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'decided' AND (TG_OP = 'DELETE' OR NEW.state = 'decided') THEN
        RAISE EXCEPTION '{DECIDED_PLAN.message}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    f"CREATE TRIGGER {PLANS}_decided BEFORE UPDATE OR DELETE ON {PLANS} "
    f"FOR EACH ROW EXECUTE FUNCTION {PLAN_FUNCTION}();",
]
# No DELETE trigger on SQLite, for the reason given in dbguard.
SQLITE_PLAN = [
    f"""CREATE TRIGGER {PLANS}_decided_update BEFORE UPDATE ON {PLANS}
        WHEN OLD.state = 'decided' AND NEW.state = 'decided'
        BEGIN SELECT RAISE(ABORT, '{DECIDED_PLAN.message}'); END;""",
]


def create_guard(schema_editor) -> None:
    DECIDED_PLAN.create(schema_editor, CHILD_TABLES)
    statements = {"postgresql": POSTGRESQL_PLAN, "sqlite": SQLITE_PLAN}[
        schema_editor.connection.vendor
    ]
    for statement in statements:
        schema_editor.execute(statement)


def drop_guard(schema_editor) -> None:
    DECIDED_PLAN.drop(schema_editor, CHILD_TABLES, drop_function=True)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLANS}_decided ON {PLANS};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {PLAN_FUNCTION}();")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLANS}_decided_update;")
