"""The full-text index finds the newest hits of a search without visiting all of them (see
:mod:`kansli.search.engine`: a search shows the newest ``HIT_LIMIT`` hits, ranked).

SQLite: the rowid of an entry's row in ``search_fts`` becomes
:func:`kansli.search.backends.fts_key` (the date's day number above the entry id), so that FTS5
returns a term's rows newest first from its own index. Existing rows are moved to their new
rowid. Two triggers keep it so: a change of an entry's date moves its row, deleting an entry
deletes its row (also when the entry is deleted in bulk or by a cascade).

PostgreSQL: the search finds the newest hits month by month (:class:`kansli.search.backends.
PostgreSQLBackend`), so the tsvector gets a lexeme for the entry's month ("§" and year * 100 +
month, without position, so it weighs nothing in the ranking; no search string can produce it) and the GIN
index answers "these words in one of these months" without reading rows. The column is made
again with that expression (every row's tsvector is computed anew, the index rebuilt). An index
on the date, newest first, gives the newest month. The rows are kept small
(``toast_tuple_target``): in a row longer than about 2 kB (most paragraphs) the tsvector and the
text are stored out of line, so that the hits of a search are collected from few pages (at
200 000 paragraphs the table is some 60 MB instead of 300 MB); a row's tsvector is read only to
rank it or to test a phrase. Rows written before are rewritten by the new column.
"""

from django.db import migrations

ID_BITS = 32


def _key(table: str) -> str:
    # The same as kansli.search.backends.fts_key_sql (a migration keeps its own copy).
    return f"((coalesce(CAST(julianday({table}.date) AS INTEGER), 0) << {ID_BITS}) | {table}.id)"


SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER search_fts_move AFTER UPDATE OF date ON search_searchentry
    WHEN OLD.date IS NOT NEW.date
    BEGIN
        UPDATE search_fts SET rowid = {_key("NEW")} WHERE rowid = {_key("OLD")};
    END
    """,
    f"""
    CREATE TRIGGER search_fts_forget AFTER DELETE ON search_searchentry
    BEGIN
        DELETE FROM search_fts WHERE rowid = {_key("OLD")};
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_move",
    "DROP TRIGGER IF EXISTS search_fts_forget",
]

_TEXT_VECTOR = """
    setweight(to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || coalesce(reference, '')), 'A')
    || setweight(to_tsvector('swedish'::regconfig, coalesce(text, '')), 'B')
"""
_MONTH_LEXEME = """
    CASE WHEN date IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY[
        '§' || lpad((EXTRACT(YEAR FROM date)::integer * 100 + EXTRACT(MONTH FROM date)::integer)::text, 6, '0')
    ]) END
"""


def _vector_column(expression: str) -> list[str]:
    return [
        "ALTER TABLE search_searchentry DROP COLUMN search_vector",
        f"ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (search_vector)",
    ]


PG_FORWARD = [
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    *_vector_column(f"{_TEXT_VECTOR} || {_MONTH_LEXEME}"),
    "CREATE INDEX search_searchentry_newest ON search_searchentry (date DESC NULLS LAST, id DESC)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_newest",
    *_vector_column(_TEXT_VECTOR),
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
]


def _rekey(schema_editor, forward: bool) -> None:
    """Move the existing rows of search_fts from rowid = id to rowid = key, or back. Keys of
    dated entries are above 2**32, ids below, so no move lands on another row."""
    cursor = schema_editor.connection.cursor()
    cursor.execute(f"SELECT id, {_key('search_searchentry')} FROM search_searchentry WHERE date IS NOT NULL")
    moves = [(key, pk) if forward else (pk, key) for pk, key in cursor.fetchall()]
    cursor.executemany("UPDATE search_fts SET rowid = %s WHERE rowid = %s", moves)


def forward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _rekey(schema_editor, forward=True)
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)
        _rekey(schema_editor, forward=False)
    elif vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
