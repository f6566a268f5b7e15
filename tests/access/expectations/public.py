"""The public portal, its downloads and calendar, and the open data API (public/): no login, the
same answer for everyone (200: no redirect to the login page, so ``anonymous_to_login`` does
not come into it). A body that does not publish, an agenda not yet published, unsigned
minutes and confidential papers are "Page not found" for everyone, logged in or not."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Paper
from tests.access.spec import Access
from tests.factories import AgendaItemFactory, MeetingFactory

EVERYONE = {"anonymous": 200, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}
NOBODY = {"anonymous": 404, "outsider": 404, "member": 404, "secretariat": 404, "chair": 404}


def _publish(s):
    s.body.publishes = True
    s.body.save()
    return s.body


def _slug(s):
    return {"slug": _publish(s).slug}


def _body_pk(s):
    return {"pk": _publish(s).pk}


def _held_meeting(s):
    """A meeting held yesterday: its agenda is public."""
    _publish(s)
    return MeetingFactory(body=s.body, date=timezone.localdate() - dt.timedelta(days=1))


def _paper(s, *, confidential=False):
    item = AgendaItemFactory(meeting=_held_meeting(s), confidential=confidential)
    paper = Paper(item=item, reference="Paper 1", original_name="budget report.pdf", size=9)
    paper.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return paper


def _meeting_pk(s):
    return {"pk": _held_meeting(s).pk}


def _signed_pk(s):
    _publish(s)
    return {"pk": s.signed_meeting.pk}


def _item_pk(s):
    return {"pk": AgendaItemFactory(meeting=_held_meeting(s)).pk}


ACCESS = [
    Access("public_home", **EVERYONE),
    Access("public_search", data={"q": "innovation"}, **EVERYONE),
    Access("public_body", kwargs=_slug, **EVERYONE),
    Access("public_body", case="not-publishing", kwargs=lambda s: {"slug": s.body.slug}, **NOBODY),
    Access("public_decisions", kwargs=_slug, **EVERYONE),
    Access("public_decisions", case="search", kwargs=_slug, data={"q": "fund"}, **EVERYONE),
    Access("public_attendance", kwargs=_slug, **EVERYONE),
    Access("public_body_calendar", kwargs=_slug, **EVERYONE),
    Access(
        "public_body_calendar",
        case="not-publishing",
        kwargs=lambda s: {"slug": s.body.slug},
        **NOBODY,
    ),
    Access("public_meeting", kwargs=_meeting_pk, **EVERYONE),
    Access("public_meeting", case="signed", kwargs=_signed_pk, data={"tab": "minutes"}, **EVERYONE),
    Access(
        "public_meeting", case="not-publishing", kwargs=lambda s: {"pk": s.meeting.pk}, **NOBODY
    ),
    Access("public_agenda_pdf", kwargs=_meeting_pk, **EVERYONE),
    # s.meeting is a fortnight away: its agenda is not published yet.
    Access(
        "public_agenda_pdf",
        case="not-yet",
        kwargs=lambda s: (_publish(s), {"pk": s.meeting.pk})[1],
        **NOBODY,
    ),
    Access("public_minutes_pdf", kwargs=_signed_pk, **EVERYONE),
    Access("public_minutes_pdf", case="unsigned", kwargs=_meeting_pk, **NOBODY),
    Access("public_paper_download", kwargs=lambda s: {"pk": _paper(s).pk}, **EVERYONE),
    Access(
        "public_paper_download",
        case="confidential",
        kwargs=lambda s: {"pk": _paper(s, confidential=True).pk},
        **NOBODY,
    ),
    Access("oparl_system", **EVERYONE),
    Access("oparl_body_list", **EVERYONE),
    Access("oparl_body", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body", case="not-publishing", kwargs=lambda s: {"pk": s.body.pk}, **NOBODY),
    Access("oparl_body_organizations", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_people", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_memberships", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_meetings", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_agenda_items", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_papers", kwargs=_body_pk, **EVERYONE),
    Access("oparl_body_files", kwargs=_body_pk, **EVERYONE),
    Access(
        "oparl_organization",
        kwargs=lambda s: {"key": f"b{_publish(s).pk}"},
        **EVERYONE,
    ),
    Access(
        "oparl_person",
        kwargs=lambda s: (_publish(s), {"pk": s.member_person.pk})[1],
        **EVERYONE,
    ),
    Access(
        "oparl_person",
        case="not-in-a-publishing-body",
        kwargs=lambda s: (_publish(s), {"pk": s.outsider_person.pk})[1],
        **NOBODY,
    ),
    Access(
        "oparl_membership",
        kwargs=lambda s: {"pk": _publish(s).memberships.first().pk},
        **EVERYONE,
    ),
    Access("oparl_meeting", kwargs=_meeting_pk, **EVERYONE),
    Access("oparl_agenda_item", kwargs=_item_pk, **EVERYONE),
    Access("oparl_paper", kwargs=lambda s: {"pk": _paper(s).pk}, **EVERYONE),
    Access("oparl_file", kwargs=lambda s: {"key": f"paper-{_paper(s).pk}"}, **EVERYONE),
    Access(
        "oparl_file",
        case="confidential",
        kwargs=lambda s: {"key": f"paper-{_paper(s, confidential=True).pk}"},
        **NOBODY,
    ),
    Access("oparl_location", kwargs=_meeting_pk, **EVERYONE),
]
