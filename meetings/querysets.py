"""Bulk writes refuse rows of signed meetings.

``QuerySet.update()`` and ``delete()`` skip ``save()`` and (for update) every signal, so the
signal guard in ``signals.py`` cannot see them. Each model of a meeting's record uses a
queryset that knows the path from its rows to their meeting's status and refuses before
touching the database. ``bulk_update()`` goes through ``update()`` and is refused the same way.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.db import models

from .errors import RecordLocked

SIGNED = "signed"
LOCKED_MESSAGE = "These minutes are signed and can no longer be changed."
_LIFTED = contextvars.ContextVar("signed_guard_lifted", default=False)


@contextlib.contextmanager
def guard_lifted():
    """Let this block write to signed records (the model signals ask ``guard_is_lifted`` too).
    Only ``records.triggers.signed_guard_lifted`` uses it, which lifts the database's part."""
    token = _LIFTED.set(True)
    try:
        yield
    finally:
        _LIFTED.reset(token)


def guard_is_lifted() -> bool:
    return _LIFTED.get()


class SignedRecordQuerySet(models.QuerySet):
    status_path = "meeting__status"
    # Fields that may still change on rows of a signed meeting (see actions.models.Action).
    free_fields: frozenset[str] = frozenset()

    def _touches_signed(self) -> bool:
        if guard_is_lifted():
            return False
        return self.filter(**{self.status_path: SIGNED}).exists()

    def update(self, **kwargs):
        if not set(kwargs) <= self.free_fields and self._touches_signed():
            raise RecordLocked(LOCKED_MESSAGE)
        return super().update(**kwargs)

    update.queryset_only = True

    def bulk_update(self, objs, fields, batch_size=None):
        # Checked before Django opens its atomic block, so a refusal leaves the caller's
        # transaction usable.
        objs = list(objs)
        if (
            not set(fields) <= self.free_fields
            and self.filter(pk__in=[o.pk for o in objs])._touches_signed()
        ):
            raise RecordLocked(LOCKED_MESSAGE)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def delete(self):
        if self._touches_signed():
            raise RecordLocked(LOCKED_MESSAGE)
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


def guarded_manager(status_path: str, free_fields: frozenset[str] = frozenset()):
    """A default manager whose querysets refuse bulk writes to signed meetings' rows."""
    queryset_class = type(
        "SignedRecordQuerySet",
        (SignedRecordQuerySet,),
        {"status_path": status_path, "free_fields": free_fields, "__module__": __name__},
    )
    return models.Manager.from_queryset(queryset_class)()
