"""Paper downloads (portal/views/papers.py): members of the body; a confidential item's paper
only for those who may see confidential business; never a file from /media/ directly."""

from django.core.files.base import ContentFile

from meetings.downloads import make_attendee_token
from meetings.models import Paper
from tests.access.spec import Access
from tests.factories import AgendaItemFactory, AttendanceFactory

MEMBERS_ONLY = {"anonymous": 302, "outsider": 404, "member": 200, "secretariat": 200, "chair": 200}


def _paper(s, *, confidential=False):
    item = AgendaItemFactory(meeting=s.meeting, confidential=confidential)
    paper = Paper(item=item, reference="Paper 1", original_name="budget report.pdf", size=9)
    paper.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": paper.pk}


BEARER = {"anonymous": 200, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}
NOBODY = {"anonymous": 404, "outsider": 404, "member": 404, "secretariat": 404, "chair": 404}


def _attendee_link(s, *, confidential=False, on_register=True):
    """The link an agenda gives the outsider (not a member) for one paper: theirs while they
    are on the meeting's register and the item is open, whoever holds it."""
    paper = Paper.objects.get(**_paper(s, confidential=confidential))
    if on_register:
        AttendanceFactory(meeting=s.meeting, person=s.outsider_person)
    return {"token": make_attendee_token(paper_id=paper.pk, person_id=s.outsider_person.pk)}


ACCESS = [
    Access("paper_download", kwargs=_paper, **MEMBERS_ONLY),
    Access(
        "paper_download",
        case="confidential",
        kwargs=lambda s: _paper(s, confidential=True),
        **MEMBERS_ONLY,
    ),
    Access(
        "paper_download",
        case="missing",
        kwargs={"pk": 999999999},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    ),
    Access("paper_attendee_download", kwargs=_attendee_link, anonymous_to_login=False, **BEARER),
    Access(
        "paper_attendee_download",
        case="confidential",
        kwargs=lambda s: _attendee_link(s, confidential=True),
        anonymous_to_login=False,
        **NOBODY,
    ),
    Access(
        "paper_attendee_download",
        case="off-the-register",
        kwargs=lambda s: _attendee_link(s, on_register=False),
        anonymous_to_login=False,
        **NOBODY,
    ),
    Access(
        "paper_attendee_download",
        case="forged",
        kwargs={"token": "not-a-real-token"},
        anonymous_to_login=False,
        **NOBODY,
    ),
]
