"""The read-only meeting page (meetings/urls_record.py)."""

from tests.access.spec import Access

MEMBERS_ONLY = {"anonymous": 302, "outsider": 404, "member": 200, "secretariat": 200, "chair": 200}
TABS = ("agenda", "attendance", "minutes", "actions", "papers")

ACCESS = [
    Access("meeting_detail", kwargs=lambda s: {"pk": s.meeting.pk}, **MEMBERS_ONLY),
    *[
        Access(
            "meeting_detail",
            case=tab,
            kwargs=lambda s: {"pk": s.meeting.pk},
            data={"tab": tab},
            **MEMBERS_ONLY,
        )
        for tab in TABS
    ],
    Access(
        "meeting_detail",
        case="signed",
        kwargs=lambda s: {"pk": s.signed_meeting.pk},
        **MEMBERS_ONLY,
    ),
    Access(
        "meeting_detail",
        case="missing",
        kwargs={"pk": 999999999},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    ),
]
