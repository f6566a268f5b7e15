"""Signed links that open one thing for one person without a login (an action's update link, a
paper for someone on a meeting's register). Each kind signs with a salt of its own and a
timestamp; reading one says in plain words why it cannot be used."""

from __future__ import annotations

from django.core import signing

INVALID = "This link is not valid. Check that it was copied in full."


class LinkError(Exception):
    """Why a link cannot be used, in words for the person holding it."""


def read_link(token: str, *, salt: str, max_age: int, expired: str, keys: tuple[str, ...]):
    """The link's integer fields named ``keys``, in that order. Raises ``LinkError`` with
    ``expired`` once it is older than ``max_age`` seconds, and a generic message when it was
    altered or cut short. A plain signer, so tokens signed with SECRET_KEY_FALLBACKS still
    read."""
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkError(expired) from exc
    except signing.BadSignature as exc:
        raise LinkError(INVALID) from exc
    try:
        return tuple(int(data[key]) for key in keys)
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkError(INVALID) from exc
