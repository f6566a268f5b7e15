"""Invitations: an e-mailed link to choose a password, once, for a fortnight."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from directory import services
from directory.tokens import InvitationTokenGenerator, invitation_token
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long new partnership password"


@pytest.fixture
def invitee(body):
    person = PersonFactory(name="Carol Harries", email="carol@example.org", user=None)
    MembershipFactory(body=body, person=person)
    return person


def link_in(message) -> str:
    return re.search(r"http://\S+/accounts/invitation/\S+/", message.body).group(0)


def path_in(message) -> str:
    return urlsplit(link_in(message)).path


def test_invite_page_sends_one_email_with_username_and_link(
    client, body, secretariat_user, invitee, settings
):
    settings.SITE_URL = "http://minutes.example.org"
    client.force_login(secretariat_user)

    response = client.post(reverse("directory_person_invite", args=[invitee.pk]), follow=True)

    invitee.refresh_from_db()
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["carol@example.org"], "Your invitation to Minutebook")
    assert message.body.startswith(
        "Hello Carol Harries,\n\nSam Secretary has invited you to Minutebook, where Sunderland "
        "Innovation and Improvement Group keeps its agendas, papers, minutes and actions.\n\n"
        "Your username: carol@example.org\n"
    )
    assert link_in(message).startswith("http://minutes.example.org/accounts/invitation/")
    assert (invitee.user.username, invitee.user.has_usable_password()) == (
        "carol@example.org",
        False,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Invitation sent to carol@example.org. Carol Harries logs in as “carol@example.org” once "
        "they have chosen a password (the link works for 14 days)."
    ]


def test_accepting_sets_the_password_and_logs_in_once(client, invitee):
    services.person_invite(person=invitee)
    url = path_in(mail.outbox[0])

    form_page = client.get(url, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    client.logout()
    again = client.get(url, follow=True)

    invitee.refresh_from_db()
    user = invitee.user
    assert form_page.context["validlink"] is True
    assert done.redirect_chain == [(reverse("home"), 302)]
    assert done.context["user"] == user
    assert user.check_password(NEW_PASSWORD) is True
    assert again.context["validlink"] is False
    assert "This invitation no longer works" in again.content.decode()


def test_a_second_invitation_ends_the_first_link(client, invitee):
    services.person_invite(person=invitee)
    services.person_invite(person=invitee)
    first, second = (path_in(m) for m in mail.outbox)

    answers = [client.get(url, follow=True).context["validlink"] for url in (first, second)]

    assert answers == [False, True]


def test_a_password_reset_token_is_no_invitation(client, invitee):
    user = services.person_invite(person=invitee)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    url = reverse("invitation_accept", args=[uid, default_token_generator.make_token(user)])

    response = client.get(url, follow=True)

    assert response.context["validlink"] is False


def test_an_invitation_expires_after_fourteen_days(invitee):
    user = services.person_invite(person=invitee)
    token = invitation_token.make_token(user)

    class Later(InvitationTokenGenerator):
        def _now(self):
            return super()._now() + dt.timedelta(days=14, minutes=1)

    assert (invitation_token.check_token(user, token), Later().check_token(user, token)) == (
        True,
        False,
    )


def test_inviting_someone_who_logs_in_already_sends_nothing(client, body, secretariat_user):
    client.force_login(secretariat_user)
    person = MembershipFactory(body=body).person
    person.user = get_user_model().objects.create_user("valerie", "v@example.org", "pw")
    person.save()

    response = client.post(reverse("directory_person_invite", args=[person.pk]), follow=True)

    assert mail.outbox == []
    assert [str(m) for m in response.context["messages"]] == [
        f"{person.display_name} already logs in as “valerie”. If they have forgotten the "
        "password, “Forgotten your password?” on the log-in page sends a new one."
    ]


def test_adding_a_person_with_an_invitation(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_person_create"),
        {"name": "Neil Revely", "email": "neil@example.org", "invite": "on"},
        follow=True,
    )

    assert response.context["person"].user.username == "neil@example.org"
    assert [m.to for m in mail.outbox] == [["neil@example.org"]]
