"""The stored search index on PostgreSQL: one ``portal.SearchEntry`` per decision, item, action,
meeting and person, holding the weighted ``tsvector`` that search matches and ranks, with a GIN
index. ``portal.search`` joins it to the live rows, so who may see what is still decided there,
on the live rows, by the same rules as before.

Why a table of its own, kept by PostgreSQL triggers:

- *Not columns on the source tables.* A signed meeting's rows refuse UPDATE (``records.triggers``),
  so a column added to them could never be filled or refreshed for signed minutes. A ``GENERATED
  ... STORED`` column would be filled by PostgreSQL during ``ALTER TABLE``, but it can read only
  its own row, and the vectors are not: a decision is found by its item's title, an action by its
  owners' names (people, organisations, groups), a meeting by its body's name, a person by their
  organisation. It would also not compile on SQLite, where ``make run`` migrates.
- *Not signals or service calls.* The text a vector reads is written in many places and ways:
  the minutes editor saves an item with ``update()``, owners are written with ``bulk_create``,
  a person or an organisation renamed in the directory changes the owner names of their actions,
  a merge moves ownerships. Signals miss ``update()`` and ``bulk_create``; calls in each service
  would miss the next path someone adds. Triggers on the tables see every write, as the signed
  guard's do, and run in the writer's transaction, so the index is never behind a commit.
- *Joined, not filtered here.* The table holds no body, meeting or status: visibility (the
  user's bodies, draft minutes for the secretariat and chair) is asked of the live rows by
  ``partners.rules`` and ``meetings.rules`` exactly as before, so nothing in the index can go
  stale in a way that shows a row to the wrong person. An entry only says what words a row has.

The vectors are the ones search computed at query time before (english configuration; fields
and weights in ``portal/migrations/0001_search_index.py``), so what matches, and how it ranks,
is unchanged. Rows written with triggers off (``session_replication_role = replica``, as
``bench.data`` does for speed) are not indexed until ``manage.py search_index`` rebuilds it.
"""

from __future__ import annotations

from django.db import connection

KINDS = ("decisions", "items", "actions", "meetings", "people")


def search_index_rebuild() -> dict[str, int]:
    """Compute every entry again from the live rows and remove entries of rows that are gone;
    returns the number of entries of each kind. PostgreSQL only (SQLite searches the live rows)."""
    if connection.vendor != "postgresql":
        return {}
    counts = {}
    with connection.cursor() as cursor:
        for kind in KINDS:
            cursor.execute("SELECT portal_search_refresh(%s, NULL)", [kind])
            cursor.execute("SELECT count(*) FROM portal_searchentry WHERE kind = %s", [kind])
            counts[kind] = cursor.fetchone()[0]
        cursor.execute("ANALYZE portal_searchentry")
    return counts
