"""Paper downloads (portal/views/papers.py): members of the body; a confidential item's paper
only for those who may see confidential business; never a file from /media/ directly."""

from django.core.files.base import ContentFile

from meetings.models import Paper
from tests.access.spec import Access
from tests.factories import AgendaItemFactory

MEMBERS_ONLY = {"anonymous": 302, "outsider": 404, "member": 200, "secretariat": 200, "chair": 200}


def _paper(s, *, confidential=False):
    item = AgendaItemFactory(meeting=s.meeting, confidential=confidential)
    paper = Paper(item=item, reference="Paper 1", original_name="budget report.pdf", size=9)
    paper.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": paper.pk}


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
]
