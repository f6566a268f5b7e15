"""A real SMTP server on loopback (aiosmtpd) that records what it accepts, for tests."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    """Accepts every message; ``hold_after`` makes the server stall (without accepting) once
    that many messages are in, until ``release`` is set: a window to kill the sender in."""

    def __init__(self, hold_after: int | None = None, delay: float = 0.0):
        self.messages: list[Message] = []
        self.peers: list[tuple] = []  # the client's address and port, per message accepted
        self.hold_after = hold_after
        self.delay = delay
        self.holding = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.messages.append(email.message_from_bytes(envelope.original_content))
            self.peers.append(session.peer)
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return sorted(m["To"] for m in self.messages)

    def connections(self) -> int:
        """How many SMTP connections delivered the messages accepted."""
        return len(set(self.peers))


class SMTPServer:
    def __init__(self, handler: RecordingHandler):
        self.handler = handler
        self.port = free_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.handler.release.set()
        self.controller.stop()
