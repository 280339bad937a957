"""Database triggers that make a decided (fastställd) plan read-only, whatever path a write
takes. The services refuse first with a clear message; these are the backstop. Reopening a
plan (a change of its state away from decided) is the one update a decided plan accepts."""

from __future__ import annotations

PLANS = "plans_plan"
CHILD_TABLES = ("plans_plansection", "plans_activity")
MESSAGE = "decided plan: a decided plan is read-only until it is reopened"

POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION styrmodell_refuse_decided_plan_child() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (
            SELECT 1 FROM {PLANS} WHERE id = OLD.plan_id AND state = 'decided'))
       OR (TG_OP <> 'DELETE' AND EXISTS (
            SELECT 1 FROM {PLANS} WHERE id = NEW.plan_id AND state = 'decided')) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    f"""
CREATE OR REPLACE FUNCTION styrmodell_refuse_decided_plan() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'decided' AND (TG_OP = 'DELETE' OR NEW.state = 'decided') THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
    f"CREATE TRIGGER {PLANS}_decided BEFORE UPDATE OR DELETE ON {PLANS} "
    "FOR EACH ROW EXECUTE FUNCTION styrmodell_refuse_decided_plan();",
    *[
        f"CREATE TRIGGER {table}_decided_plan BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION styrmodell_refuse_decided_plan_child();"
        for table in CHILD_TABLES
    ],
]

_DECIDED = f"SELECT 1 FROM {PLANS} WHERE state = 'decided' AND id"
# No DELETE triggers on SQLite: Django flushes test databases with DELETE (see followup).
SQLITE = [
    f"""CREATE TRIGGER {PLANS}_decided_update BEFORE UPDATE ON {PLANS}
        WHEN OLD.state = 'decided' AND NEW.state = 'decided'
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    *[
        statement
        for table in CHILD_TABLES
        for statement in (
            f"""CREATE TRIGGER {table}_decided_insert BEFORE INSERT ON {table}
                WHEN EXISTS ({_DECIDED} = NEW.plan_id)
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
            f"""CREATE TRIGGER {table}_decided_update BEFORE UPDATE ON {table}
                WHEN EXISTS ({_DECIDED} IN (NEW.plan_id, OLD.plan_id))
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        )
    ],
]


def create_guard(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"No decided-plan guard for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop_guard(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLANS}_decided ON {PLANS};")
        for table in CHILD_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_decided_plan ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS styrmodell_refuse_decided_plan();")
        schema_editor.execute("DROP FUNCTION IF EXISTS styrmodell_refuse_decided_plan_child();")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLANS}_decided_update;")
        for table in CHILD_TABLES:
            for suffix in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_decided_{suffix};")
