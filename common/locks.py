"""A PostgreSQL advisory lock on a batch, so a batch is worked by one process at a time (the
reminder sweep's and the notices' batches each have their own namespace)."""

from __future__ import annotations

import contextlib

from django.db import connection


@contextlib.contextmanager
def batch_lock(namespace: int, batch_id: int):
    """Yield True when this process holds the batch (released when the block ends or the
    connection dies), False when another process does. Without PostgreSQL (``make run``) there
    is only one process, so the lock is always granted."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = [namespace, batch_id % 2**31]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
