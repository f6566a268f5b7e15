"""Who may send notices and read the outbox, and what a notice may tell each person.

The pages ask of the logged-in user: sending a meeting's agenda is the secretariat's
(``meetings.rules.can_manage_meeting``), until the meeting; a body's outbox is its secretariat's
(``partners.rules.can_edit_body``), as are the lifecycle's other chasing tools.

A notice is written for a *person*, who may read their mail without ever logging in, so what it
may tell them is asked of the membership facts the login rules are built on
(``partners.rules``): a current member of the meeting's body (any role) may see what
``meetings.rules.can_view_confidential`` lets a member see, and an administrator is told only
what their memberships give them. ``tests/notices/test_rules.py`` holds ``may_receive_item`` and
``may_follow_paper_links`` equal to ``meetings.rules.can_view_item`` and ``can_download_paper``
for people who log in. So:

- **Agenda and papers**: members get every item with download links for its papers (the paper
  download and agenda pack ask the same rules again). An expected attendee who is not a member
  (an officer in attendance, a deputy) is sent the meeting's time and place and its open items
  with their papers: never a confidential item's title or papers. Their links are their own,
  signed for them (``meetings.downloads``): they open the open items' papers without a login,
  and ask ``meetings.rules.attendee_may_download_paper`` again when followed.
- **Draft minutes, the reminder to comment, signed minutes**: members only (the links open
  pages for members; the signed PDF holds the confidential business).
- **Actions from signed minutes**: each person's own (``actions.rules.owned_actions_q``),
  member or not: the people named on an action must know what they are to do, a confidential
  item's included (``actions.rules``).
- **The chair's notices**: the body's chair and whoever chaired the meeting (the vice-chair when
  the body has no chair), the people ``records.rules.can_sign_minutes`` lets sign.
"""

from __future__ import annotations

from django.utils import timezone

from meetings.publication import agenda_public_from
from meetings.rules import (
    attendee_may_download_paper,
    can_manage_meeting,
    public_may_download_paper,
)
from partners.rules import can_edit_body

from .models import Kind

# Notices a person may have in their morning digest instead of at once. The agenda is the
# summons (its notice is counted in clear days) and the chair's notices ask her to act: those
# always go at once.
DIGEST_KINDS = frozenset({Kind.CIRCULATION, Kind.COMMENT_REMINDER, Kind.SIGNED})


def can_dispatch_agenda(user, meeting) -> bool:
    return can_manage_meeting(user, meeting) and meeting.date >= timezone.localdate()


def can_view_outbox(user, body) -> bool:
    return can_edit_body(user, body)


def is_member(body_ids: set[int], meeting) -> bool:
    """``body_ids``: the bodies where the person holds a current membership."""
    return meeting.body_id in body_ids


def may_receive_item(item, *, member: bool) -> bool:
    """An item's title and purpose in an agenda: members all; others the open ones."""
    return member or not item.confidential


def may_follow_paper_links(*, member: bool) -> bool:
    """The members' download links to an agenda's papers and its agenda pack: members only
    (the links ask ``meetings.rules.can_download_paper`` again)."""
    return member


def may_follow_attendee_paper_link(paper, *, member: bool, on_register: bool) -> bool:
    """A link of their own to a paper, for someone on the meeting's register who is not a
    member: the papers of its open items (``meetings.rules.attendee_may_download_paper``)."""
    return not member and attendee_may_download_paper(paper, on_register=on_register)


def may_follow_public_paper_link(paper, *, member: bool) -> bool:
    """A link to the public copy of a paper, for someone who is not a member: a paper the public
    may download once the meeting's agenda is published (now, or on its day), so never a
    confidential one nor one of a body that does not publish. Members have their own links.
    Reads ``paper.item.meeting.body``: load them with the paper."""
    if member:
        return False
    published = agenda_public_from(paper.item.meeting)
    return public_may_download_paper(paper, now=max(timezone.now(), published))


def paper_link(paper, *, member: bool, on_register: bool) -> str:
    """Which download an agenda links a paper to for this person: "member" (the members'
    download), "attendee" (their own signed link), "public" (the public site's) or "" (its
    title only)."""
    if paper.file and may_follow_paper_links(member=member):
        return "member"
    if may_follow_attendee_paper_link(paper, member=member, on_register=on_register):
        return "attendee"
    if may_follow_public_paper_link(paper, member=member):
        return "public"
    return ""


def may_receive_minutes(*, member: bool) -> bool:
    """Links to draft or signed minutes, and the signed PDF: members only."""
    return member


def may_have_digest(kind: str) -> bool:
    return kind in DIGEST_KINDS
