"""Migration operations for tables that database triggers guard (see ``apps.core.dbguard``)."""

from __future__ import annotations

from django.db import migrations


class AddFieldInPlace(migrations.AddField):
    """``AddField`` that keeps the table, and so its triggers, on SQLite.

    To add a NOT NULL column with a default, Django rebuilds a SQLite table (create a copy,
    drop the original, rename the copy). The rebuild drops the table's own triggers, the
    guards that make rows read-only, and fails outright when another table's trigger reads
    the table ("error in trigger …: no such table"). ``ALTER TABLE … ADD COLUMN`` keeps both;
    the column keeps its default in the SQLite schema, which is harmless. PostgreSQL adds the
    column in place anyway, so there it is plain ``AddField``.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor != "sqlite":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        field = model._meta.get_field(self.name)
        definition, params = schema_editor.column_sql(model, field, include_default=True)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} ADD COLUMN {quote(field.column)} "
            f"{definition}",
            params,
        )
