"""The stored search index: one row per searchable thing with its weighted ``tsvector``.

PostgreSQL keeps the rows up to date itself, by triggers on the tables they are read from
(``portal/migrations/0001_search_index.py``); ``portal.search_index`` says why it is built this
way, and rebuilds it. SQLite (``make run``) has the table but never fills it: search there
matches substrings of the live rows.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """What search matches for one decision, item, action, meeting or person.

    Joined by ``(kind, object_id)``, without a foreign key on purpose: a relation would give
    Person a reverse accessor that ``directory.services.person_merge`` would try to move, and a
    constraint would tie the lower apps' deletes to this table."""

    kind = models.CharField(max_length=12)  # a key of ``portal.search.KINDS``
    object_id = models.BigIntegerField()
    vector = SearchVectorField()
    pk = models.CompositePrimaryKey("kind", "object_id")

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [GinIndex(fields=["vector"], name="portal_search_vector")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
