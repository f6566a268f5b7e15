"""Signed links that open one action for one owner, without a login.

The token carries the action, the person and the action's revision when it was made, signed
with a salt of its own and a timestamp. It opens that one action only; it expires; and once an
update has been recorded (by anyone) the revision moves on, so the link cannot be used again:
a replayed link changes nothing and opens nothing else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from common.links import LinkError, read_link

from .models import Action

__all__ = ["LinkClaim", "LinkError", "link_url", "make_token", "read_token"]

SALT = "minutebook.actions.update-link"


def max_age_seconds() -> int:
    return getattr(settings, "ACTION_LINK_MAX_AGE_DAYS", 21) * 24 * 3600


def make_token(*, action: Action, person_id: int) -> str:
    payload = {"a": action.pk, "p": person_id, "r": action.revision}
    return _signer(settings.SECRET_KEY).sign_object(payload)


@functools.lru_cache(maxsize=4)
def _signer(secret_key: str) -> signing.TimestampSigner:
    """One signer per key (the sweep signs a hundred thousand links)."""
    return signing.TimestampSigner(key=secret_key, salt=SALT)


def link_url(*, action: Action, person_id: int) -> str:
    prefix, suffix = _link_path()
    return settings.SITE_URL + prefix + make_token(action=action, person_id=person_id) + suffix


@functools.cache
def _link_path() -> tuple[str, str]:
    """The link's path around the token, reversed once: a reminder sweep makes a hundred
    thousand links, and ``reverse`` costs more than signing the token."""
    marker = "TOKEN"
    path = reverse("action_link", kwargs={"token": marker})
    prefix, suffix = path.split(marker)
    return prefix, suffix


@dataclass(frozen=True)
class LinkClaim:
    action_id: int
    person_id: int
    revision: int


def read_token(token: str) -> LinkClaim:
    action_id, person_id, revision = read_link(
        token,
        salt=SALT,
        max_age=max_age_seconds(),
        expired="This link has expired. Use the link in your latest reminder, or log in.",
        keys=("a", "p", "r"),
    )
    return LinkClaim(action_id, person_id, revision)
