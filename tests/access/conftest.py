import pytest
from django.db import transaction

from .spec import build_scenario


@pytest.fixture(scope="module")
def _scenario(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end: a thousand cells read
    the same world, and each runs in pytest-django's savepoint inside it, so what one cell
    writes (a POST that is let through) the next never sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_scenario()
        transaction.set_rollback(True)


@pytest.fixture
def scenario(db, _scenario):
    return _scenario
