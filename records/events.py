"""What happens in the minutes' lifecycle, for the apps above to act on (``notices`` tells
people). ``records`` sends these and imports none of their receivers, so the layers hold: a
higher app connects its receivers in its ``AppConfig.ready``.

The transitions announce themselves once their transaction has committed (``announce``), so a
receiver never acts on a step that was rolled back, and a receiver that fails is logged
(``send_robust``) without undoing the step or failing the page that took it. Every signal is
sent with ``sender=Meeting`` and ``meeting=`` the meeting.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

from meetings.models import Meeting

# The draft was circulated to members for accuracy comments.
minutes_circulated = Signal()
# The minutes were approved (by a later meeting or directly) and await the chair's signature.
minutes_approved = Signal()
# The minutes were signed: the frozen record and its PDFs are stored.
minutes_signed = Signal()
# Someone logged in read the minutes' review page (``user=`` who). Sent at once, not on commit.
minutes_viewed = Signal()


def announce(signal: Signal, *, meeting: Meeting) -> None:
    """Send ``signal`` for ``meeting`` once the current transaction commits."""
    meeting_id = meeting.pk

    def send() -> None:
        fresh = Meeting.objects.select_related("body").filter(pk=meeting_id).first()
        if fresh is not None:
            signal.send_robust(sender=Meeting, meeting=fresh)

    transaction.on_commit(send)
