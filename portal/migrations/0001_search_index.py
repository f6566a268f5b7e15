"""The stored search index (``portal.SearchEntry``) and, on PostgreSQL only, what keeps it.

``portal_search_refresh(kind, ids)`` computes the weighted vectors of one kind from the live rows
(all rows when ``ids`` is NULL) and writes them, removing entries whose row is gone. The vectors
are the ones search used to compute at query time (english configuration, the same fields and
weights). Triggers named ``portal_search`` on each table a vector reads from call it after every
insert, delete and change of a read column, whatever the path: ``save()``, ``update()``,
``bulk_create``, cascades, raw SQL. They only write ``portal_searchentry``, so the signed-record
guard (``records.triggers``, BEFORE triggers on the same tables) is untouched: a refused write
never reaches them. SQLite (``make run``) gets the empty table and nothing else.

When a field a vector reads is renamed or its meaning changes, the functions below change in a
new migration of this app (``CREATE OR REPLACE``), followed by a rebuild.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

# The rows of each kind: (its table, a SELECT of id and vector over alias ``s``). Weights and
# fields are those of the query-time vectors this index replaced (portal.search before #13).
KINDS = {
    "decisions": (
        "meetings_decision",
        """SELECT s.id,
                  setweight(to_tsvector('english'::regconfig, coalesce(s.text, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(i.title, '')), 'B')
                  AS vector
           FROM meetings_decision s JOIN meetings_agendaitem i ON i.id = s.item_id""",
    ),
    "items": (
        "meetings_agendaitem",
        """SELECT s.id,
                  setweight(to_tsvector('english'::regconfig, coalesce(s.title, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(s.minutes, '')), 'B')
                  AS vector
           FROM meetings_agendaitem s""",
    ),
    # Owners as one text: person name and initials, organisation name and acronym, group name.
    "actions": (
        "actions_action",
        """SELECT s.id,
                  setweight(to_tsvector('english'::regconfig, coalesce(s.description, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce((
                      SELECT string_agg(
                                 coalesce(p.name, '') || ' ' || coalesce(p.initials, '') || ' '
                                 || coalesce(g.name, '') || ' ' || coalesce(g.acronym, '') || ' '
                                 || coalesce(t.name, ''),
                                 ' ' ORDER BY o.position, o.id)
                      FROM actions_actionowner o
                      LEFT JOIN partners_person p ON p.id = o.person_id
                      LEFT JOIN partners_organisation g ON g.id = o.organisation_id
                      LEFT JOIN partners_team t ON t.id = o.team_id
                      WHERE o.action_id = s.id), '')), 'B')
                  AS vector
           FROM actions_action s""",
    ),
    "meetings": (
        "meetings_meeting",
        """SELECT s.id,
                  setweight(to_tsvector('english'::regconfig, coalesce(b.name, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(b.short_name, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(s.title, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(s.venue, '')), 'B')
                  AS vector
           FROM meetings_meeting s JOIN partners_body b ON b.id = s.body_id""",
    ),
    "people": (
        "partners_person",
        """SELECT s.id,
                  setweight(to_tsvector('english'::regconfig, coalesce(s.name, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(s.initials, '')), 'A')
               || setweight(to_tsvector('english'::regconfig, coalesce(s.job_title, '')), 'B')
               || setweight(to_tsvector('english'::regconfig, coalesce(g.name, '')), 'B')
               || setweight(to_tsvector('english'::regconfig, coalesce(g.acronym, '')), 'B')
                  AS vector
           FROM partners_person s LEFT JOIN partners_organisation g ON g.id = s.organisation_id""",
    ),
}


def _refresh_function() -> str:
    branches = "\n".join(
        f"        WHEN {kind!r} THEN source_table := {table!r}; source_rows := $rows${rows}$rows$;"
        for kind, (table, rows) in KINDS.items()
    )
    return f"""
CREATE OR REPLACE FUNCTION portal_search_refresh(p_kind text, p_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    source_table text;
    source_rows text;
    chosen text := CASE WHEN p_ids IS NULL THEN 'true' ELSE 's.id = ANY($1)' END;
BEGIN
    IF p_ids IS NOT NULL AND cardinality(p_ids) = 0 THEN
        RETURN;
    END IF;
    CASE p_kind
{branches}
    END CASE;
    EXECUTE format(
        'INSERT INTO portal_searchentry AS e (kind, object_id, vector) '
        'SELECT %L, r.id, r.vector FROM (%s WHERE %s) r '
        'ON CONFLICT (kind, object_id) DO UPDATE SET vector = EXCLUDED.vector '
        'WHERE e.vector IS DISTINCT FROM EXCLUDED.vector',
        p_kind, source_rows, chosen
    ) USING p_ids;
    EXECUTE format(
        'DELETE FROM portal_searchentry e WHERE e.kind = %L AND %s '
        'AND NOT EXISTS (SELECT 1 FROM %I s WHERE s.id = e.object_id)',
        p_kind, replace(chosen, 's.id', 'e.object_id'), source_table
    ) USING p_ids;
END
$fn$;
"""


def _forget(kind: str, row: str = "OLD") -> str:
    return f"DELETE FROM portal_searchentry WHERE kind = '{kind}' AND object_id = {row}.id;"


def _refresh(kind: str, ids_sql: str) -> str:
    return f"PERFORM portal_search_refresh('{kind}', ({ids_sql})::bigint[]);"


def _owned(column: str) -> str:
    return f"ARRAY(SELECT DISTINCT action_id FROM actions_actionowner WHERE {column} = NEW.id)"


def _changed(*columns: str) -> str:
    new = ", ".join(f"NEW.{c}" for c in columns)
    old = ", ".join(f"OLD.{c}" for c in columns)
    return f"ROW({new}) IS DISTINCT FROM ROW({old})"


# (table, the columns whose change matters, the trigger's body). The column list keeps an
# update() of other columns (positions, statuses) from calling the function at all; save()
# names every column, so the body compares old and new before it refreshes.
TRIGGERS = [
    (
        "meetings_agendaitem",
        ("title", "minutes"),
        f"""
        IF TG_OP = 'DELETE' THEN {_forget("items")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN {_refresh("items", "ARRAY[NEW.id]")} RETURN NULL; END IF;
        IF {_changed("title", "minutes")} THEN {_refresh("items", "ARRAY[NEW.id]")} END IF;
        IF {_changed("title")} THEN
            {_refresh("decisions", "ARRAY(SELECT id FROM meetings_decision WHERE item_id = NEW.id)")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "meetings_decision",
        ("text", "item_id"),
        f"""
        IF TG_OP = 'DELETE' THEN {_forget("decisions")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' OR {_changed("text", "item_id")} THEN
            {_refresh("decisions", "ARRAY[NEW.id]")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "actions_action",
        ("description",),
        f"""
        IF TG_OP = 'DELETE' THEN {_forget("actions")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' OR {_changed("description")} THEN
            {_refresh("actions", "ARRAY[NEW.id]")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "actions_actionowner",
        ("action_id", "person_id", "organisation_id", "team_id", "position"),
        f"""
        IF TG_OP = 'DELETE' THEN {_refresh("actions", "ARRAY[OLD.action_id]")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN {_refresh("actions", "ARRAY[NEW.action_id]")} RETURN NULL; END IF;
        IF {_changed("action_id", "person_id", "organisation_id", "team_id", "position")} THEN
            {_refresh("actions", "ARRAY[OLD.action_id, NEW.action_id]")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "meetings_meeting",
        ("title", "venue", "body_id"),
        f"""
        IF TG_OP = 'DELETE' THEN {_forget("meetings")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' OR {_changed("title", "venue", "body_id")} THEN
            {_refresh("meetings", "ARRAY[NEW.id]")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "partners_body",
        ("name", "short_name"),
        f"""
        IF TG_OP = 'UPDATE' AND {_changed("name", "short_name")} THEN
            {_refresh("meetings", "ARRAY(SELECT id FROM meetings_meeting WHERE body_id = NEW.id)")}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "partners_person",
        ("name", "initials", "job_title", "organisation_id"),
        f"""
        IF TG_OP = 'DELETE' THEN {_forget("people")} RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN {_refresh("people", "ARRAY[NEW.id]")} RETURN NULL; END IF;
        IF {_changed("name", "initials", "job_title", "organisation_id")} THEN
            {_refresh("people", "ARRAY[NEW.id]")}
        END IF;
        IF {_changed("name", "initials")} THEN {_refresh("actions", _owned("person_id"))} END IF;
        RETURN NULL;
        """,
    ),
    (
        "partners_organisation",
        ("name", "acronym"),
        f"""
        IF TG_OP = 'UPDATE' AND {_changed("name", "acronym")} THEN
            {_refresh("people", "ARRAY(SELECT id FROM partners_person WHERE organisation_id = NEW.id)")}
            {_refresh("actions", _owned("organisation_id"))}
        END IF;
        RETURN NULL;
        """,
    ),
    (
        "partners_team",
        ("name",),
        f"""
        IF TG_OP = 'UPDATE' AND {_changed("name")} THEN
            {_refresh("actions", _owned("team_id"))}
        END IF;
        RETURN NULL;
        """,
    ),
]


def _install_sql() -> list[str]:
    statements = [_refresh_function()]
    for table, columns, body in TRIGGERS:
        function = f"portal_search_on_{table}"
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$fn$ BEGIN {body} END $fn$;",
            f"DROP TRIGGER IF EXISTS portal_search ON {table};",
            f"CREATE TRIGGER portal_search AFTER INSERT OR DELETE OR UPDATE OF "
            f"{', '.join(columns)} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();",
        ]
    # Fill the index from what is already there.
    statements += [f"SELECT portal_search_refresh('{kind}', NULL);" for kind in KINDS]
    statements.append("ANALYZE portal_searchentry;")
    return statements


def _uninstall_sql() -> list[str]:
    statements = []
    for table, _columns, _body in TRIGGERS:
        statements += [
            f"DROP TRIGGER IF EXISTS portal_search ON {table};",
            f"DROP FUNCTION IF EXISTS portal_search_on_{table}();",
        ]
    return [*statements, "DROP FUNCTION IF EXISTS portal_search_refresh(text, bigint[]);"]


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _install_sql():
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _uninstall_sql():
        schema_editor.execute(statement, params=None)


class AddIndexOnPostgres(migrations.AddIndex):
    """A GIN index is PostgreSQL's; SQLite keeps the index in the state only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("actions", "0005_signed_action_reference_guard"),
        ("meetings", "0004_item_exemption_and_movement_guard"),
        ("partners", "0004_person_notice_preferences"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("pk", models.CompositePrimaryKey("kind", "object_id", blank=True, editable=False, primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=12)),
                ("object_id", models.BigIntegerField()),
                ("vector", SearchVectorField()),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        AddIndexOnPostgres(
            model_name="searchentry",
            index=GinIndex(fields=["vector"], name="portal_search_vector"),
        ),
        migrations.RunPython(install, uninstall),
    ]
