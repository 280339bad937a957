"""Database triggers that make rows read-only while their parent row is in a given state:
follow-up while its reporting period is closed, a plan's contents while it is decided.

The services refuse such writes first, with a clear message; the triggers are the backstop
under them, so that the admin, an import, a shell or a future code path cannot write either.
A refused write raises an integrity error whose text starts with ``message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOnlyWhileParentIn:
    name: str  # names the function and the triggers, e.g. "closed_period"
    parent_table: str
    fk: str  # the child tables' column pointing at the parent, e.g. "period_id"
    state: str
    message: str

    @property
    def function(self) -> str:
        return f"styrmodell_refuse_{self.name}"

    def _postgresql_function(self) -> str:
        parent = f"SELECT 1 FROM {self.parent_table} WHERE state = '{self.state}' AND id"
        return f"""
CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS ({parent} = OLD.{self.fk}))
       OR (TG_OP <> 'DELETE' AND EXISTS ({parent} = NEW.{self.fk})) THEN
        RAISE EXCEPTION '{self.message}' USING ERRCODE = '23000';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

    def _sqlite_triggers(self, table: str) -> list[str]:
        parent = f"SELECT 1 FROM {self.parent_table} WHERE state = '{self.state}' AND id"
        # No DELETE trigger on SQLite: Django flushes a test database with DELETE, in an order
        # of its own, and nothing in the app deletes such rows (the services check).
        # PostgreSQL, the production database, guards deletes too.
        return [
            f"""CREATE TRIGGER {table}_{self.name}_insert BEFORE INSERT ON {table}
                WHEN EXISTS ({parent} = NEW.{self.fk})
                BEGIN SELECT RAISE(ABORT, '{self.message}'); END;""",
            f"""CREATE TRIGGER {table}_{self.name}_update BEFORE UPDATE ON {table}
                WHEN EXISTS ({parent} IN (NEW.{self.fk}, OLD.{self.fk}))
                BEGIN SELECT RAISE(ABORT, '{self.message}'); END;""",
        ]

    def create(self, schema_editor, tables: tuple[str, ...]) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(self._postgresql_function())
            for table in tables:
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_{self.name} BEFORE INSERT OR UPDATE OR DELETE "
                    f"ON {table} FOR EACH ROW EXECUTE FUNCTION {self.function}();"
                )
        elif vendor == "sqlite":
            for table in tables:
                for statement in self._sqlite_triggers(table):
                    schema_editor.execute(statement)
        else:
            raise NotImplementedError(f"No {self.name} guard for {vendor}")

    def drop(self, schema_editor, tables: tuple[str, ...], *, drop_function: bool) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{self.name} ON {table};")
            else:
                for suffix in ("insert", "update"):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{self.name}_{suffix};")
        if vendor == "postgresql" and drop_function:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {self.function}();")
