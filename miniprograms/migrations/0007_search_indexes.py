"""Substring indexes for the list's search (issue #16): the listings' names and the App IDs.

Each database gets its own kind, so this migration runs raw SQL for the vendor it finds and
nothing on the other one; the models do not change (`makemigrations` has nothing to add):

- PostgreSQL: GIN trigram indexes (pg_trgm) on UPPER(column::text), the very expression Django's
  `icontains` compares, so the planner can answer `icontains` from them;
- SQLite: FTS5 tables with the trigram tokenizer, external content (they read the rows of the
  tables they index), kept by triggers, so rows written by any path (bulk inserts, `update()`,
  the admin, cascades) are indexed.

`miniprograms.selectors.search_candidates` reads them. Beware on SQLite: a later migration that
remakes miniprograms_listing or miniprograms_miniprogram (most AlterField operations do) drops
these triggers with the old table; it must create them again (call `create_sqlite_index` after
it). tests/miniprograms/test_list_search_index.py fails when they are missing.
"""

from django.db import migrations

# name: (table, column)
INDEXED = {
    "miniprograms_listing_search": ("miniprograms_listing", "name"),
    "miniprograms_app_id_search": ("miniprograms_miniprogram", "app_id"),
}
POSTGRESQL_INDEXES = {
    "miniprograms_listing_name_trgm": ("miniprograms_listing", "name"),
    "miniprograms_miniprogram_app_id_trgm": ("miniprograms_miniprogram", "app_id"),
}


def sqlite_statements(index: str, table: str, column: str) -> list[str]:
    def remove(row):
        return f"INSERT INTO {index}({index}, rowid, {column}) VALUES ('delete', {row}.id, {row}.{column});"

    def add(row):
        return f"INSERT INTO {index}(rowid, {column}) VALUES ({row}.id, {row}.{column});"

    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add('new')} END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove('old')} END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {remove('old')} {add('new')} END",
        # Indexes the rows already there.
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def create_sqlite_index(schema_editor, index: str) -> None:
    table, column = INDEXED[index]
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {index}")
    for statement in sqlite_statements(index, table, column):
        schema_editor.execute(statement)


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for index in INDEXED:
            create_sqlite_index(schema_editor, index)
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index, (table, column) in POSTGRESQL_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} "
                f"USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for index in INDEXED:
            for trigger in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {index}")
    elif vendor == "postgresql":
        # pg_trgm stays: dropping an extension is for whoever owns the database.
        for index in POSTGRESQL_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("miniprograms", "0006_admin_list_ordering"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
