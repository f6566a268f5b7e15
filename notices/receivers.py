"""Records' lifecycle events (``records.events``), turned into notices. ``records`` sends the
events and never imports ``notices``; these receivers are connected when the app is ready.

Each receiver only plans (writes who is to be told what, ``services``); the messages go from
the worker. The lifecycle events arrive after their transaction has committed and are sent
robustly: a receiver that fails is logged and leaves the minutes' step done.
"""

from __future__ import annotations

from django.dispatch import receiver

from records import events

from . import services


@receiver(events.minutes_circulated, dispatch_uid="notices.circulated")
def on_circulated(sender, *, meeting, **kwargs):
    services.circulation_notices_plan(meeting=meeting)


@receiver(events.minutes_approved, dispatch_uid="notices.approved")
def on_approved(sender, *, meeting, **kwargs):
    services.signature_request_plan(meeting=meeting)


@receiver(events.minutes_signed, dispatch_uid="notices.signed")
def on_signed(sender, *, meeting, **kwargs):
    services.signed_notices_plan(meeting=meeting)


@receiver(events.minutes_viewed, dispatch_uid="notices.viewed")
def on_viewed(sender, *, meeting, user, **kwargs):
    services.minutes_open_record(meeting=meeting, user=user)
