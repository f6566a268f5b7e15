"""Paper downloads. Files are never served from /media/: every download asks the rules, so a
confidential paper reaches nobody outside the body, whoever holds the link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from meetings.downloads import LinkError, paper_response, read_attendee_token
from meetings.models import Paper
from partners import rules as partner_rules


@require_GET
@login_required
def paper_download(request, pk):
    paper = partner_rules.get_or_404(
        Paper.objects.select_related("item__meeting__body").exclude(file=""),
        user=request.user,
        check=meeting_rules.can_download_paper,
        pk=pk,
    )
    return paper_response(paper)


@require_GET
def paper_attendee_download(request, token):
    """A paper of a meeting's open item, from the link in the agenda sent to someone on its
    register who is not a member: no login, the rule asked again now."""
    try:
        claim = read_attendee_token(token)
    except LinkError as exc:
        return _refused(request, str(exc))
    paper = Paper.objects.select_related("item__meeting__body").filter(pk=claim.paper_id).first()
    if paper is None or not meeting_rules.person_may_download_as_attendee(claim.person_id, paper):
        return _refused(
            request,
            "This paper is no longer available through this link. Ask the secretariat if you "
            "need a copy.",
        )
    return paper_response(paper)


def _refused(request, reason: str):
    return render(request, "meetings/paper_link_refused.html", {"reason": reason}, status=404)
