"""Every link the product shows, as each demo login, answers without a 404 or a server error."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
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


def test_crawl_on_make_run_sqlite_finds_no_broken_links(tmp_path):
    """`make run` serves SQLite: date arithmetic there once turned My actions into a 500."""
    database = Path("/tmp") / f"minutebook-crawl-{os.getpid()}-{tmp_path.name}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    try:
        for args in (
            ["manage.py", "migrate", "--noinput", "-v0"],
            ["manage.py", "load_demo"],
            ["-m", "tests.portal.crawl", "sonia"],
        ):
            run = subprocess.run(
                [sys.executable, *args],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
            )
            assert run.returncode == 0, run.stderr
        report = json.loads(run.stdout.splitlines()[-1])
        assert {user: r["failures"] for user, r in report.items()} == {"sonia": []}
    finally:
        database.unlink(missing_ok=True)
