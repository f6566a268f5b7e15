"""Invitation links: Django's password-reset token machinery with its own salt (a reset link
is no invitation, nor the other way round) and a fortnight to answer instead of a few days.

A token is bound to the login's password hash and last log-in, so it works once: setting the
password, or a new invitation (which resets the unusable password), ends every earlier link."""

import datetime as dt

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_MAX_AGE = dt.timedelta(days=14)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "directory.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        if self._num_seconds(self._now()) - timestamp > INVITATION_MAX_AGE.total_seconds():
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_token = InvitationTokenGenerator()
