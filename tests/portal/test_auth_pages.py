import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PersonFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db


def test_password_reset_by_email_sets_a_new_password(client):
    user = UserFactory(email="valerie@example.org")
    PersonFactory(user=user, name="Valerie Hayllor")

    sent = client.post(reverse("password_reset"), {"email": "valerie@example.org"})

    assert sent.status_code == 302
    assert sent["Location"] == reverse("password_reset_done")
    assert [m.subject for m in mail.outbox] == ["Reset your Minutebook password"]
    body = mail.outbox[0].body
    assert body.startswith("Hello Valerie Hayllor,")
    link = re.search(r"http://testserver(/accounts/reset/\S+)", body).group(1)

    form = client.get(link, follow=True)
    assert texts(form, "//h1") == ["Choose a new password"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a much longer passphrase", "new_password2": "a much longer passphrase"},
    )

    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a much longer passphrase") is True


def test_password_reset_link_used_twice_says_it_no_longer_works(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))

    assert texts(response, "//h1") == ["This link no longer works"]


def test_password_change_page_for_logged_in_user(client):
    client.force_login(UserFactory())

    response = client.get(reverse("password_change"))

    assert texts(response, "//h1") == ["Change your password"]
