"""The backend-specific full-text part of the search index.

PostgreSQL: ``search_vector``, a stored generated tsvector of the entry (title and diarienummer
weight A, text weight B, ``swedish`` configuration), and a GIN index on it. The database keeps it
current on every insert and update. (A later migration that changes the type of ``title``,
``reference`` or ``text`` must drop and re-create the column.)

SQLite: the FTS5 table ``search_fts`` (rowid = entry id) holding the entry's Snowball stems,
written by :mod:`kansli.search.backends` whenever an entry is.
"""

from django.db import migrations

PG_FORWARD = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || coalesce(reference, '')), 'A')
        || setweight(to_tsvector('swedish'::regconfig, coalesce(text, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
