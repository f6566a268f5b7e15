"""Every link the product shows, as each demo login, answers without a 404 or a server error."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from portal.demo import demo_remove
from tests.portal.crawl import crawl

DEMO_USERS = ["sonia", "jessica", "valerie", "admin"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        demo_remove()


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_USERS)
def test_crawl_from_home_finds_no_broken_links(demo, client, username):
    client.force_login(get_user_model().objects.get(username=username))

    result = crawl(client)

    assert result.failures() == []
    assert len(result.statuses) > 20


# The crawl on `make run`'s SQLite is part of test_demo.test_make_run_path_on_fresh_sqlite,
# which builds that database anyway.
