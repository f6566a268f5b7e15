"""An in-memory mail backend for the sweep benchmark: builds each message as Django's locmem
backend does (``message.message()``, the MIME message), counts it and its connections, and
keeps nothing, so 20,000 messages do not fill the memory being measured."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class CountingBackend(BaseEmailBackend):
    messages = 0
    connections = 0

    def open(self):
        CountingBackend.connections += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            message.message()
        CountingBackend.messages += len(messages)
        return len(messages)
