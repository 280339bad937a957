"""Outcome rows of a locked month are read-only, in the database (compare apps.core.dbguard).

A month of a year is locked while a closed reporting period of that year covers the whole
month; a closed bokslut period locks the whole year, the opening balance (month 0) too. The
import service refuses such rows first, with row errors; these triggers are the backstop, so
that the admin, a shell or a future code path cannot write into a locked month either.

PostgreSQL checks once per statement, over the statement's rows (transition tables), so that
a bulk insert of 200 000 rows asks once per distinct month rather than once per row; it
guards inserts, updates and deletes. SQLite has only row triggers, and guards inserts and
updates (no delete trigger: Django flushes a test database with DELETE; see dbguard).
"""

from django.db import migrations

TABLE = "economy_outcomerow"
MESSAGE = "locked outcome month: a closed reporting period covers it"

PG_LOCKED = """
CREATE OR REPLACE FUNCTION styrmodell_outcome_month_locked(y integer, m integer)
RETURNS boolean AS $$
DECLARE
    first_day date;
    last_day date;
BEGIN
    IF m BETWEEN 1 AND 12 THEN
        first_day := make_date(y, m, 1);
        last_day := (first_day + interval '1 month' - interval '1 day')::date;
    END IF;
    RETURN EXISTS (
        SELECT 1 FROM periods_reportingperiod p
        WHERE p.state = 'closed' AND p.year = y
          AND (p.kind = 'bokslut' OR (p.starts_on <= first_day AND p.ends_on >= last_day))
    );
END;
$$ LANGUAGE plpgsql STABLE;
"""

PG_REFUSE = f"""
CREATE OR REPLACE FUNCTION styrmodell_refuse_locked_outcome_month() RETURNS trigger AS $$
BEGIN
    -- Nested IFs: a query naming a transition table the trigger lacks must not be planned.
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (
            SELECT 1 FROM (SELECT DISTINCT year, month FROM new_rows) r
            WHERE styrmodell_outcome_month_locked(r.year, r.month)
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (
            SELECT 1 FROM (SELECT DISTINCT year, month FROM old_rows) r
            WHERE styrmodell_outcome_month_locked(r.year, r.month)
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# A transition table belongs to one event, so one statement trigger per event.
PG_TRIGGERS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
}


def _sqlite_locked(row: str) -> str:
    first_day = f"date(printf('%04d-%02d-01', {row}.year, {row}.month))"
    # date() of month 0 is NULL: only a bokslut period locks the opening balance.
    return f"""EXISTS (
        SELECT 1 FROM periods_reportingperiod p
        WHERE p.state = 'closed' AND p.year = {row}.year
          AND (p.kind = 'bokslut'
               OR (p.starts_on <= {first_day}
                   AND p.ends_on >= date({first_day}, '+1 month', '-1 day'))))"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_LOCKED)
        schema_editor.execute(PG_REFUSE)
        for event, clause in PG_TRIGGERS.items():
            schema_editor.execute(
                f"CREATE TRIGGER {TABLE}_locked_month_{event} {clause.format(table=TABLE)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION styrmodell_refuse_locked_outcome_month();"
            )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"""CREATE TRIGGER {TABLE}_locked_month_insert BEFORE INSERT ON {TABLE}
                WHEN {_sqlite_locked("NEW")}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
        schema_editor.execute(
            f"""CREATE TRIGGER {TABLE}_locked_month_update BEFORE UPDATE ON {TABLE}
                WHEN {_sqlite_locked("NEW")} OR {_sqlite_locked("OLD")}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
    else:
        raise NotImplementedError(f"No locked-month guard for {vendor}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for event in PG_TRIGGERS:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {TABLE}_locked_month_{event} ON {TABLE};"
            )
        schema_editor.execute("DROP FUNCTION IF EXISTS styrmodell_refuse_locked_outcome_month();")
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS styrmodell_outcome_month_locked(integer, integer);"
        )
    else:
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_locked_month_{event};")


class Migration(migrations.Migration):
    dependencies = [("economy", "0003_kommun_bas"), ("periods", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
