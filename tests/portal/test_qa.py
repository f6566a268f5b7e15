"""Regressions found by trying the demo as a new user would (QA pass)."""

import datetime as dt
import os
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse

from partners.models import Membership
from partners.templatetags.minutebook import due_hint
from tests.factories import BodyFactory, UserFactory
from tests.html import links, texts

pytestmark = pytest.mark.django_db


def test_body_page_parent_link_only_for_those_who_may_open_it(client, body, member_user):
    parent = BodyFactory(name="Sunderland Partnership Board", slug="partnership-board")
    body.parent = parent
    body.save()
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert texts(response, "//main//p[starts-with(normalize-space(), 'Part of')]") == [
        "Part of Sunderland Partnership Board"
    ]
    assert reverse("body_detail", args=[parent.slug]) not in links(response, "//a")


def test_body_page_parent_link_for_a_member_of_the_parent(client, body, member_user):
    parent = BodyFactory(name="Sunderland Partnership Board", slug="partnership-board")
    body.parent = parent
    body.save()
    Membership.objects.create(person=member_user.person, body=parent, role="member")
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert links(response, "//main//p[starts-with(normalize-space(), 'Part of')]/a") == [
        reverse("body_detail", args=[parent.slug])
    ]


def test_body_page_offers_the_secretariat_a_new_meeting(client, body, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert texts(
        response, "//div[contains(@class, 'page-heading')]//a[contains(@class, 'btn')]"
    ) == [
        "New meeting",
        "Schedule a series",
        "Members and settings",
        "Import past minutes",
        "Outbox",
    ]


def test_body_page_offers_a_member_no_new_meeting(client, body, member_user):
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert (
        texts(response, "//div[contains(@class, 'page-heading')]//a[contains(@class, 'btn')]") == []
    )


def test_login_without_a_person_is_not_offered_the_profile(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.get(reverse("my_actions"))

    assert response.status_code == 200
    assert reverse("profile") not in links(response, "//a")


@pytest.mark.parametrize(
    ("days", "hint"),
    [
        (0, "due today"),
        (1, "due tomorrow"),
        (5, "due in 5 days"),
        (13, "due in 13 days"),
        (20, "due in 2 weeks"),
        (100, "due in 3 months"),
        (-1, "1 day overdue"),
        (-13, "13 days overdue"),
        (-14, "2 weeks overdue"),
        (-45, "6 weeks overdue"),
        (-61, "2 months overdue"),
        (-400, "13 months overdue"),
        (-5465, "14 years overdue"),
    ],
)
def test_due_hint_says_long_spans_in_weeks_months_years(days, hint):
    """The demo's 2011 actions read "5465 days overdue" before."""
    today = dt.date(2026, 11, 23)

    assert due_hint(today + dt.timedelta(days=days), today) == hint


def test_make_run_prints_the_address_it_serves():
    """`make run RUN_ADDR=...` once printed "Open http://127.0.0.1:8000/..." regardless."""
    run = subprocess.run(
        ["make", "-n", "run", "RUN_ADDR=127.0.0.1:8011"],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if k != "SITE_URL"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert [
        line for line in run.stdout.splitlines() if "load_demo" in line or "runserver" in line
    ] == [
        "SITE_URL=${SITE_URL:-http://127.0.0.1:8011} .venv/bin/python manage.py load_demo --once",
        "SITE_URL=${SITE_URL:-http://127.0.0.1:8011} .venv/bin/python manage.py runserver 127.0.0.1:8011",
    ]
