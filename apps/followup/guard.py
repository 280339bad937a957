"""Database triggers that make a closed reporting period read-only for follow-up tables.

The services refuse such writes with a clear message; the triggers are the backstop under
them, so that the admin, an import, a shell or a future code path cannot write into a
closed period either. A refused write raises an integrity error.
"""

from __future__ import annotations

PERIODS = "periods_reportingperiod"
MESSAGE = "closed reporting period: follow-up of a closed period is read-only"
FUNCTION = "styrmodell_refuse_closed_period"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (
            SELECT 1 FROM {PERIODS} WHERE id = OLD.period_id AND state = 'closed'))
       OR (TG_OP <> 'DELETE' AND EXISTS (
            SELECT 1 FROM {PERIODS} WHERE id = NEW.period_id AND state = 'closed')) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _sqlite_triggers(table: str) -> list[str]:
    closed = f"SELECT 1 FROM {PERIODS} WHERE state = 'closed' AND id"
    # No DELETE trigger on SQLite: Django flushes a test database with DELETE, in an order
    # of its own, and nothing in the app deletes follow-up of a closed period (the services
    # check). PostgreSQL, the production database, guards deletes too.
    return [
        f"""CREATE TRIGGER {table}_closed_insert BEFORE INSERT ON {table}
            WHEN EXISTS ({closed} = NEW.period_id)
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        f"""CREATE TRIGGER {table}_closed_update BEFORE UPDATE ON {table}
            WHEN EXISTS ({closed} IN (NEW.period_id, OLD.period_id))
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    ]


def create_guard(schema_editor, tables: tuple[str, ...]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_closed_period BEFORE INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();"
            )
    elif vendor == "sqlite":
        for table in tables:
            for statement in _sqlite_triggers(table):
                schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"No closed-period guard for {vendor}")


def drop_guard(schema_editor, tables: tuple[str, ...], *, drop_function: bool) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_closed_period ON {table};")
        else:
            for suffix in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_closed_{suffix};")
    if vendor == "postgresql" and drop_function:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}();")
