"""The leak matrix: every channel the product puts content out through, read as every role,
holds exactly the confidential markers the policy ("Who sees what", README) lets that role see,
and none elsewhere.

The world (``world.py``) is one publishing body with three meetings, each with a confidential
item carrying a marker word per kind of content: circulated (``c``), signed (``s``) and draft
(``d``). A cell of the matrix is one channel read as one role; its test id names both, and a
failure lists the markers leaked and the markers missing.

What the policy allows (``allowed``):
- the body's current members (member, secretariat, chair) read the record of the circulated
  and the signed meeting, confidential items included; draft minutes (minutes, decisions,
  declarations, actions) only the secretariat and the chair; members see a draft's agenda and
  papers;
- accuracy comments: the secretariat sees every one, a member their own (here the member wrote
  it), the chair none of another's;
- a person named on an action of a confidential item sees that action (and nothing else of the
  meeting), once the minutes are circulated; ownership through the organisation counts only for
  members of the body, so the organisation colleague on another body, the former member (same
  organisation) and the outsider see nothing; nor does the public;
- the public (anyone, on the public portal) reads the signed minutes' open parts only;
- where the policy is silent (the verify page) the answer is "nothing".

Each channel says what it prints when allowed (``carries``) and to whom it answers at all
(``served``): a channel serves only its own audience (My actions shows one's own actions, the
overdue summary goes to the secretariat), so the expectation is ``carries`` filtered by
``allowed``. Anything served to a role outside ``served`` must be a refusal (login redirect,
404, 403) carrying no marker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings

from . import channels as ch
from .world import DRAFT_READERS, MARKERS, MEMBERS, OWNERS, ROLES, World, marker, world_build

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
SECRETARIAT = frozenset({"secretariat"})  # the drafting pages, the overdue summary e-mail
CHASERS = frozenset({"secretariat", "chair"})  # who sees who is late (the overdue page)
# Everything of a meeting's confidential business a member reads in the minutes.
MINUTES_KINDS = ("open", "minutes", "subitem", "decision", "declaration")
ACTION_KINDS = ("action", "overdue")
PAPER_KINDS = ("papertitle", "paperfile")
AGENDA_KINDS = PAPER_KINDS  # a draft's agenda and papers are for members too


# The former member left the body 30 days ago: the signed meeting (60 days ago) is of their time,
# the circulated one (7 days ago) and the draft are not.
FORMER = "former_member"
OF_THEIR_TIME = "s"


def readers(k: str) -> frozenset[str]:
    """Who is answered by a page of meeting ``k``: the members, and a former member for a
    meeting of their time (``meetings.rules.can_view_meeting``)."""
    return MEMBERS | {FORMER} if k == OF_THEIR_TIME else MEMBERS


def allowed(role: str, token: str) -> bool:
    """The policy: may ``role`` see the content marked ``token``?"""
    meeting, kind = token[2], token[3:]
    if role == "public":
        return meeting == "s" and kind == "open"
    if kind == "comment":
        return role in {"secretariat", "member"}
    if role == FORMER:
        return meeting == OF_THEIR_TIME
    if meeting == "d" and kind not in AGENDA_KINDS:
        return role in DRAFT_READERS
    if role in MEMBERS:
        return True
    return role == "named_owner" and kind in ACTION_KINDS and meeting != "d"


def markers(meetings: str, *kinds: str) -> frozenset[str]:
    return frozenset(marker(m, k) for m in meetings for k in kinds) & MARKERS


@dataclass(frozen=True)
class Channel:
    name: str
    read: Callable  # (client, world, role) -> channels.Output
    served: frozenset[str]  # roles the channel answers (200) at all
    carries: frozenset[str] | Callable[[str], frozenset[str]]  # what it prints, if allowed
    public: bool = False  # what it prints is the public's: ``allowed`` is asked for "public"

    def expected(self, role: str) -> frozenset[str]:
        if role not in self.served:
            return frozenset()
        carries = self.carries(role) if callable(self.carries) else self.carries
        who = "public" if self.public else role
        return frozenset(m for m in carries if allowed(who, m))


def owned(*pairs: str) -> Callable[[str], frozenset[str]]:
    """A personal channel: the marked actions (``"c:action"``) the role owns, and only those."""
    tokens = frozenset(marker(*p.split(":")) for p in pairs)
    return lambda role: tokens if role in OWNERS else frozenset()


def members_only(tokens: frozenset[str]) -> Callable[[str], frozenset[str]]:
    """A channel that looks only inside the bodies the role is a member of."""
    return lambda role: tokens if role in MEMBERS else frozenset()


MEETING_TAB_KINDS = {
    "agenda": ("papertitle",),
    "attendance": (),
    "minutes": MINUTES_KINDS,
    "actions": ACTION_KINDS,
    "papers": PAPER_KINDS,
}
MEMBERS_MINUTES = (*MINUTES_KINDS, *ACTION_KINDS, "papertitle")

CHANNELS = [
    # The meeting page, tab by tab, of each meeting.
    *(
        Channel(f"meeting-{k}-{tab}", ch.meeting_tab(k, tab), readers(k), markers(k, *kinds))
        for k in "csd"
        for tab, kinds in MEETING_TAB_KINDS.items()
    ),
    # The minutes as they will print, with the accuracy comments (the sign-off review page):
    # of a draft, only for those who read drafts (the whole page is the draft).
    *(
        Channel(
            f"review-{k}",
            ch.meeting_url("minutes_review", k),
            DRAFT_READERS if k == "d" else readers(k),
            markers(k, *MEMBERS_MINUTES, "comment"),
        )
        for k in "csd"
    ),
    # The secretariat's drafting pages of the draft; of the circulated meeting they send the
    # secretariat to the meeting page.
    Channel(
        "drafting-agenda-d",
        ch.meeting_url("draft_agenda", "d"),
        SECRETARIAT,
        markers("d", "papertitle"),
    ),
    Channel("drafting-item-d", ch.drafting_item("d"), SECRETARIAT, markers("d", *PAPER_KINDS)),
    Channel(
        "drafting-minutes-d",
        ch.meeting_url("draft_minutes", "d"),
        SECRETARIAT,
        markers("d", "open", "minutes", "subitem", "decision", "action", "papertitle"),
    ),
    Channel("drafting-preview-d", ch.meeting_url("draft_preview", "d"), SECRETARIAT, frozenset()),
    Channel(
        "drafting-preview-document-d",
        ch.meeting_url("draft_preview_document", "d"),
        SECRETARIAT,
        markers("d", *MEMBERS_MINUTES),
    ),
    *(
        Channel(
            f"drafting-{page}-c", ch.meeting_url(f"draft_{page}", "c"), frozenset(), frozenset()
        )
        for page in ("agenda", "minutes", "preview", "preview_document")
    ),
    # Documents: the members' PDF (the signed one carries the snapshot as an attachment), the
    # public version, Word and the agenda pack (the agenda followed by the papers).
    *(
        Channel(
            f"minutes-pdf-{k}",
            ch.meeting_url("minutes_pdf", k),
            DRAFT_READERS if k == "d" else MEMBERS,
            markers(k, *MEMBERS_MINUTES),
        )
        for k in "cd"
    ),
    Channel(
        "minutes-pdf-s",
        ch.meeting_url("minutes_pdf", "s"),
        readers("s"),
        markers("s", *MEMBERS_MINUTES, *PAPER_KINDS),
    ),
    *(
        Channel(
            f"minutes-public-pdf-{k}",
            ch.meeting_url("minutes_pdf_public", k),
            DRAFT_READERS if k == "d" else readers(k),
            markers(k, "open"),
        )
        for k in "csd"
    ),
    *(
        Channel(
            f"minutes-docx-{k}",
            ch.meeting_url("minutes_docx", k),
            DRAFT_READERS if k == "d" else readers(k),
            markers(k, *MINUTES_KINDS, *ACTION_KINDS),
        )
        for k in "csd"
    ),
    *(
        Channel(
            f"agenda-pdf-{k}", ch.meeting_url("agenda_pdf", k), readers(k), markers(k, *PAPER_KINDS)
        )
        for k in "csd"
    ),
    # Search, My actions, the home page, one action, the body's pages, log and CSV. Search
    # looks only in the bodies one sits on (portal/search.py), so a named officer does not find
    # their action there (they have it in My actions).
    Channel(
        "search",
        ch.search(),
        SIGNED_IN,
        members_only(markers("csd", "open", "minutes", "subitem", "decision", *ACTION_KINDS)),
    ),
    Channel(
        "my-actions",
        ch.plain_url("my_actions"),
        SIGNED_IN,
        owned("c:action", "c:overdue", "s:action", "d:action"),
    ),
    Channel(
        "home",
        ch.plain_url("home"),
        SIGNED_IN,
        owned("c:action", "c:overdue", "s:action", "d:action"),
    ),
    *(
        Channel(
            f"action-{k}-{kind}",
            ch.action_page(k, kind),
            # An action of draft minutes is not issued yet: its page is the draft's readers'.
            DRAFT_READERS if k == "d" else readers(k) | OWNERS,
            markers(k, kind),
        )
        for k, kind in (("c", "action"), ("c", "overdue"), ("s", "action"), ("d", "action"))
    ),
    Channel(
        "action-card-c-action",
        ch.action_page("c", "action", "action_card_details"),
        MEMBERS | OWNERS,
        frozenset(),
    ),
    Channel("body-overview", ch.body_tab("body_detail"), MEMBERS, frozenset()),
    Channel(
        "body-decisions",
        ch.body_tab("body_detail", "decisions"),
        MEMBERS,
        markers("csd", "decision"),
    ),
    Channel("action-log", ch.body_url("body_actions"), MEMBERS, markers("csd", *ACTION_KINDS)),
    Channel(
        "action-log-csv", ch.body_url("body_actions_csv"), MEMBERS, markers("csd", *ACTION_KINDS)
    ),
    Channel("overdue-page", ch.body_url("body_overdue"), CHASERS, markers("c", "overdue")),
    # Per person, without a login: the calendar feed, the e-mails, the update link.
    Channel(
        "calendar-feed",
        ch.calendar,
        SIGNED_IN,
        owned("c:action", "c:overdue", "s:action", "d:action"),
    ),
    Channel(
        "reminder-email",
        ch.mail("reminder_mail"),
        OWNERS,
        owned("c:action", "c:overdue", "d:action"),
    ),
    Channel("overdue-summary-email", ch.mail("overdue_mail"), SECRETARIAT, markers("c", "overdue")),
    Channel("update-link", ch.update_link, OWNERS, owned("c:action")),
    # The paper download (its file name and its content).
    *(Channel(f"paper-{k}", ch.paper(k), readers(k), markers(k, "paperfile")) for k in "csd"),
    # Anyone: the verify page of the signed meeting, the public portal and the open data.
    Channel("verify", ch.verify, EVERYONE, frozenset()),
    *(
        Channel(
            f"public-meeting-{k}-{tab}",
            ch.meeting_url("public_meeting", k, tab=tab),
            EVERYONE,
            markers(k, "open") if tab == "minutes" else frozenset(),
            public=True,
        )
        for k in "csd"
        for tab in ("agenda", "minutes")
    ),
    Channel(
        "public-minutes-pdf-s",
        ch.meeting_url("public_minutes_pdf", "s"),
        EVERYONE,
        markers("s", "open"),
        public=True,
    ),
    Channel(
        "public-agenda-pdf-c",
        ch.meeting_url("public_agenda_pdf", "c"),
        EVERYONE,
        frozenset(),
        public=True,
    ),
    Channel("public-paper-c", ch.paper("c", "public_paper_download"), frozenset(), frozenset()),
    Channel(
        "public-search",
        ch.search("public_search", kinds=("",)),
        EVERYONE,
        markers("s", "open"),
        public=True,
    ),
    Channel(
        "public-decisions", ch.body_tab("public_decisions"), EVERYONE, frozenset(), public=True
    ),
    Channel(
        "public-calendar", ch.body_tab("public_body_calendar"), EVERYONE, frozenset(), public=True
    ),
    *(
        Channel(
            f"oparl-{what}",
            ch.oparl(f"oparl_body_{what}"),
            EVERYONE,
            frozenset(),
            public=True,
        )
        for what in ("meetings", "agenda_items", "papers", "files")
    ),
]

# Cells the product still gets wrong, each with the reason; a strict xfail, so a fix that makes
# one pass fails here until its entry goes. None today.
KNOWN_LEAKS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module in a transaction rolled back at its end; each test runs in a
    savepoint inside it (pytest-django's own), so what one test writes the next never sees."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        yield world_build()
        transaction.set_rollback(True)


def cells():
    for channel in CHANNELS:
        for role in ROLES:
            reason = KNOWN_LEAKS.get((channel.name, role))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(channel, role, marks=marks, id=f"{channel.name}-{role}")


@pytest.mark.parametrize(("channel", "role"), list(cells()))
def test_channel_shows_a_role_exactly_what_the_policy_allows(client, world: World, channel, role):
    out = channel.read(client, world, role)

    shown = ch.found(out.text, MARKERS)
    expected = channel.expected(role)
    served = role in channel.served
    assert {
        "served": out.served,
        "leaked": sorted(shown - expected),
        "missing": sorted(expected - shown),
    } == {"served": served, "leaked": [], "missing": []}
    if not served:
        assert out.status in (302, 403, 404)


def test_every_known_leak_names_a_cell_of_the_matrix():
    names = {c.name for c in CHANNELS}
    assert [cell for cell in KNOWN_LEAKS if cell[0] not in names or cell[1] not in ROLES] == []


def test_the_world_holds_every_marker_and_the_sweeps_ran(world: World):
    assert sorted(world.reminder_links) == ["member", "named_owner"]
    assert sorted(world.overdue_mail) == ["secretariat"]
    assert world.meetings["s"].meeting.fingerprint != ""
