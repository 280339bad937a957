"""A closed reporting period is read-only whatever path a write takes.

The services refuse such writes with a clear message; these triggers are the backstop
underneath them, so that the admin, an import, a shell or a future code path cannot
write into a closed period either. They raise an integrity error.
"""

from django.db import migrations

GUARDED_TABLES = ("followup_assessment", "goals_indicatorvalue")
PERIODS = "periods_reportingperiod"
MESSAGE = "closed reporting period: follow-up of a closed period is read-only"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION styrmodell_refuse_closed_period() RETURNS trigger AS $$
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


def sqlite_triggers(table: str) -> list[str]:
    closed = f"SELECT 1 FROM {PERIODS} WHERE state = 'closed' AND id"
    # No DELETE trigger on SQLite: Django flushes a test database with DELETE, in an order
    # of its own, and nothing in the app deletes follow-up. PostgreSQL guards deletes too.
    return [
        f"""CREATE TRIGGER {table}_closed_insert BEFORE INSERT ON {table}
            WHEN EXISTS ({closed} = NEW.period_id)
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        f"""CREATE TRIGGER {table}_closed_update BEFORE UPDATE ON {table}
            WHEN EXISTS ({closed} IN (NEW.period_id, OLD.period_id))
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    ]


def create_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for table in GUARDED_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_closed_period BEFORE INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION styrmodell_refuse_closed_period();"
            )
    elif vendor == "sqlite":
        for table in GUARDED_TABLES:
            for statement in sqlite_triggers(table):
                schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"No closed-period guard for {vendor}")


def drop_guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in GUARDED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_closed_period ON {table};")
        else:
            for suffix in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_closed_{suffix};")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS styrmodell_refuse_closed_period();")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_initial"),
        ("goals", "0003_goal_depth_index"),
        ("periods", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_guard, drop_guard)]
