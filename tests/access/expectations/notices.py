"""Notices: sending a meeting's agenda (the secretariat, before the meeting) and a body's
outbox (its secretariat). Everyone else gets "Page not found", as for the drafting pages."""

import datetime as dt

from django.utils import timezone

from notices.models import AgendaDispatch
from tests.access.spec import Access

SECRETARIAT = {"anonymous": 302, "outsider": 404, "member": 404, "secretariat": 200, "chair": 404}
SECRETARIAT_POST = {**SECRETARIAT, "secretariat": 302}


def _meeting(s):
    return {"pk": s.meeting.pk}


def _scheduled(s):
    dispatch = AgendaDispatch.objects.create(
        meeting=s.meeting,
        number=1,
        notice_days=5,
        send_at=timezone.now() + dt.timedelta(days=7),
        requested_by=s.secretariat_person,
    )
    return {"pk": s.meeting.pk, "dispatch_pk": dispatch.pk}


def _body(s):
    return {"slug": s.body.slug}


ACCESS = [
    Access("notices_agenda_dispatch", kwargs=_meeting, **SECRETARIAT),
    # A signed (past) meeting's page shows what was sent, and offers nothing more to send.
    Access(
        "notices_agenda_dispatch",
        case="past",
        kwargs=lambda s: {"pk": s.signed_meeting.pk},
        **SECRETARIAT,
    ),
    Access(
        "notices_agenda_dispatch",
        method="post",
        kwargs=_meeting,
        data={"when": "now", "number": 1},
        **SECRETARIAT_POST,
    ),
    Access(
        "notices_agenda_dispatch",
        method="post",
        case="schedule",
        kwargs=_meeting,
        data={"when": "schedule", "notice_days": 5, "number": 1},
        **SECRETARIAT_POST,
    ),
    Access("notices_agenda_cancel", method="post", kwargs=_scheduled, **SECRETARIAT_POST),
    Access("notices_outbox", kwargs=_body, **SECRETARIAT),
    Access(
        "notices_outbox", case="filtered", kwargs=_body, data={"state": "failed"}, **SECRETARIAT
    ),
    Access("notices_outbox_retry", method="post", kwargs=_body, **SECRETARIAT_POST),
]
