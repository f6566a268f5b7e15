"""Hygiene at the door: NUL bytes, error pages, login throttling, production settings, the
Celery app's settings and the demo guard."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "url", ["/search/?q=%00", "/calendar/%00.ics", "/bodies/?x=%00", "/meetings/1/?tab=%00"]
)
def test_nul_byte_in_a_url_is_a_bad_request_not_a_server_error(client, url):
    user = UserFactory()
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_nul_byte_in_a_posted_field_is_a_bad_request(client):
    response = client.post(reverse("login"), {"username": "a\x00b", "password": "x"})

    assert response.status_code == 400


def test_unknown_page_has_the_products_own_404(client):
    client.force_login(UserFactory())

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert 'href="/"' in body or "Go to your home page" in body


def test_media_files_are_not_served_directly(client):
    client.force_login(UserFactory(is_superuser=True))

    response = client.get("/media/papers/anything.pdf")

    assert response.status_code == 404


def test_repeated_wrong_passwords_lock_the_account(client, settings):
    user = UserFactory()
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": user.username, "password": "wrong"})

    response = client.post(login, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_before_the_limit_logs_in(client, settings):
    user = UserFactory()
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": user.username, "password": "wrong"})

    response = client.post(login, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def _run(args, **env):
    unset = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-and-random-production-secret-key-for-tests",
    "ALLOWED_HOSTS": "minutes.example.org",
}


def test_production_settings_pass_the_deploy_check():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "ALLOWED_HOSTS": ""})

    assert result.returncode == 1
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_load_demo_refuses_under_production_settings():
    result = _run(["manage.py", "load_demo"], **PRODUCTION)

    assert result.returncode == 1
    assert "cannot be loaded with these settings" in result.stderr


def test_celery_app_refuses_to_guess_its_settings():
    result = _run(["-c", "import config"])

    assert result.returncode == 1
    assert "Set DJANGO_SETTINGS_MODULE" in result.stderr
