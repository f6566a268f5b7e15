"""The messages people read: one per person, HTML and plain text, each made of sections.

A notice sent at once is one section in the frame (``templates/emails/notices/message.*``); a
digest is several. Each kind has a writer below that asks ``notices.rules`` what this person may
be told and returns the section, or the reason it no longer applies (minutes returned to draft
before the message went, say): ``None`` plus a sentence for the outbox.

What a section shows is loaded once per meeting and occasion (``Composer`` caches it), so a
batch costs a fixed number of queries plus, for signed minutes, one per person (their actions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.rules import owned_actions_q
from actions.tokens import link_url
from meetings.downloads import attendee_link_url
from meetings.models import AgendaItem, Attendance, Meeting, Paper
from meetings.publication import agenda_public_from
from partners.models import Person
from partners.templatetags.minutebook import ukdate, uktime

from . import rules
from .models import AgendaDispatch, Circulation, Kind
from .selectors import agenda_items


@dataclass
class Section:
    kind: str
    subject: str  # the message's subject when the section is sent alone
    label: str  # a short name for a digest's subject
    context: dict
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)

    @property
    def templates(self) -> tuple[str, str]:
        return f"emails/notices/{self.kind}.txt", f"emails/notices/{self.kind}.html"


@dataclass(frozen=True)
class Claim:
    kind: str
    meeting_id: int
    occasion: int


def url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def short_date(day: dt.date, today: dt.date) -> str:
    """ "9 November", with the year when it is not this year's."""
    return ukdate(day) if day.year != today.year else ukdate(day).rsplit(" ", 1)[0]


def meeting_tag(meeting: Meeting, today: dt.date) -> str:
    """How a subject names a meeting: "SIIG 9 November"."""
    body = meeting.body
    return f"{body.short_name or body.name} {short_date(meeting.date, today)}"


def when_text(meeting: Meeting) -> str:
    """ "Wednesday 9 November 2011, 1pm to 3pm, Civic Centre"."""
    text = ukdate(meeting.date, "full")
    if meeting.start_time:
        text += f", {uktime(meeting.start_time)}"
        if meeting.end_time:
            text += f" to {uktime(meeting.end_time)}"
    return f"{text}, {meeting.venue}" if meeting.venue else text


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class Composer:
    """Writes the sections of one batch's messages (see the module docstring)."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        self._cache: dict[tuple, object] = {}

    def _once(self, key: tuple, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def meeting(self, meeting_id: int) -> Meeting | None:
        return self._once(
            ("meeting", meeting_id),
            lambda: Meeting.objects.select_related("body").filter(pk=meeting_id).first(),
        )

    def section(
        self, claim: Claim, person: Person, body_ids: set[int]
    ) -> tuple[Section | None, str]:
        meeting = self.meeting(claim.meeting_id)
        if meeting is None:
            return None, "The meeting has been removed."
        member = rules.is_member(body_ids, meeting)
        write = getattr(self, f"_{claim.kind}")
        return write(meeting, claim.occasion, person, member, body_ids)

    # One writer per kind -----------------------------------------------------------------

    def _agenda(self, meeting, occasion, person, member, body_ids):
        dispatch = self._once(
            ("dispatch", meeting.pk, occasion),
            lambda: AgendaDispatch.objects.filter(meeting=meeting, number=occasion).first(),
        )
        if dispatch is None or dispatch.cancelled_at:
            return None, "The sending of this agenda was cancelled."
        if meeting.date < self.today:
            return None, "The meeting took place before the agenda could be sent."
        items = self._once(("items", meeting.pk), lambda: agenda_items(meeting))
        register = self._once(
            ("register", meeting.pk),
            lambda: set(
                Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True)
            ),
        )
        reader = Reader(person.pk, member=member, on_register=person.pk in register)
        shown, hidden = [], 0
        for item in items:
            if rules.may_receive_item(item, member=member):
                shown.append(_item_line(item, reader))
            else:
                hidden += 1
        papers = [paper for line in shown for paper in line["papers"]]
        public_from = agenda_public_from(meeting)
        revised = self._once(
            ("revised", meeting.pk, occasion),
            lambda: AgendaDispatch.objects.filter(
                meeting=meeting, number__lt=occasion, queued_at__isnull=False
            ).exists(),
        )
        what = "revised agenda" if revised else "agenda"
        what += " and papers" if any(line["papers"] for line in shown) else ""
        tag = meeting_tag(meeting, self.today)
        context = {
            "meeting": meeting,
            "when": when_text(meeting),
            "revised": revised,
            "items": shown,
            "hidden": hidden,
            "member": member,
            "meeting_url": url("meeting_detail", meeting.pk) if member else "",
            "pack_url": url("agenda_pdf", meeting.pk) if member else "",
            # Not a member: which papers have a link of their own, which go to the public
            # site (and from when), which are for members only.
            "own_links": any(paper["kind"] == "attendee" for paper in papers),
            "public_links": any(paper["kind"] == "public" for paper in papers),
            "unlinked": any(not paper["url"] for paper in papers),
            "public_from": public_from.date() if public_from > timezone.now() else None,
        }
        return Section(Kind.AGENDA, f"{tag}: {what}", f"{tag} {what}", context), ""

    def _circulation(self, meeting, occasion, person, member, body_ids):
        circulation, reason = self._open_circulation(meeting, occasion, member)
        if circulation is None:
            return None, reason
        tag = meeting_tag(meeting, self.today)
        due = short_date(circulation.comments_due, self.today)
        context = self._circulation_context(meeting, circulation)
        subject = f"{tag}: draft minutes for your comments by {due}"
        return Section(Kind.CIRCULATION, subject, f"{tag} draft minutes", context), ""

    def _comment_reminder(self, meeting, occasion, person, member, body_ids):
        circulation, reason = self._open_circulation(meeting, occasion, member)
        if circulation is None:
            return None, reason
        opened = self._once(
            ("opened", circulation.pk),
            lambda: set(circulation.opens.values_list("person_id", flat=True)),
        )
        if person.pk in opened:
            return None, "They read the draft before the reminder went."
        tag = meeting_tag(meeting, self.today)
        due = short_date(circulation.comments_due, self.today)
        context = self._circulation_context(meeting, circulation)
        subject = f"{tag}: reminder, comments on the draft minutes are due by {due}"
        return Section(Kind.COMMENT_REMINDER, subject, f"{tag} reminder to comment", context), ""

    def _open_circulation(self, meeting, occasion, member):
        if not rules.may_receive_minutes(member=member):
            return None, "Not a member of the body now."
        if meeting.status != Meeting.Status.CIRCULATED:
            return None, f"The minutes are {meeting.get_status_display().lower()} now."
        circulation = self._circulation_row(occasion)
        if circulation is None or circulation.meeting_id != meeting.pk:
            return None, "The minutes were circulated again since."
        return circulation, ""

    def _circulation_row(self, pk: int) -> Circulation | None:
        return self._once(("circulation", pk), lambda: Circulation.objects.filter(pk=pk).first())

    def _circulation_context(self, meeting, circulation) -> dict:
        return {
            "meeting": meeting,
            "when": when_text(meeting),
            "review_url": url("minutes_review", meeting.pk),
            "comments_due": circulation.comments_due,
            "days_left": (circulation.comments_due - self.today).days,
        }

    def _signature_request(self, meeting, occasion, person, member, body_ids):
        if meeting.status != Meeting.Status.APPROVED:
            return None, f"The minutes are {meeting.get_status_display().lower()} now."
        tag = meeting_tag(meeting, self.today)
        context = {
            "meeting": meeting,
            "when": when_text(meeting),
            "sign_url": url("minutes_sign", meeting.pk),
            "review_url": url("minutes_review", meeting.pk),
            "open_comments": self._open_comments(meeting),
        }
        subject = f"{tag}: minutes approved and ready for your signature"
        return Section(Kind.SIGNATURE_REQUEST, subject, f"{tag} ready to sign", context), ""

    def _comments_to_resolve(self, meeting, occasion, person, member, body_ids):
        if meeting.status != Meeting.Status.CIRCULATED:
            return None, f"The minutes are {meeting.get_status_display().lower()} now."
        count = self._open_comments(meeting)
        if not count:
            return None, "Every comment was resolved before the message went."
        circulation = self._circulation_row(occasion)
        tag = meeting_tag(meeting, self.today)
        context = {
            "meeting": meeting,
            "when": when_text(meeting),
            "review_url": url("minutes_review", meeting.pk),
            "open_comments": count,
            "comments_due": circulation.comments_due if circulation else None,
        }
        subject = f"{tag}: comments closed, {_count(count, 'comment')} to resolve"
        return Section(Kind.COMMENTS_TO_RESOLVE, subject, f"{tag} comments to resolve", context), ""

    def _open_comments(self, meeting) -> int:
        return self._once(
            ("open_comments", meeting.pk),
            lambda: meeting.accuracy_comments.filter(resolved_at__isnull=True).count(),
        )

    def _signed(self, meeting, occasion, person, member, body_ids):
        if meeting.status != Meeting.Status.SIGNED:
            return None, "The minutes are not signed."
        actions = self._owned_actions(meeting, person, body_ids)
        minutes = rules.may_receive_minutes(member=member)
        if not minutes and not actions:
            return None, "Not a member of the body now, and owns none of its actions."
        tag = meeting_tag(meeting, self.today)
        mine = _count(len(actions), "action")
        if minutes:
            what = "signed minutes" + (f" and your {mine}" if actions else "")
        else:
            what = f"your {mine} from the signed minutes"
        context = {
            "meeting": meeting,
            "when": when_text(meeting),
            "minutes": minutes,
            "meeting_url": url("meeting_detail", meeting.pk) + "?tab=minutes" if minutes else "",
            "pdf_url": url("minutes_pdf", meeting.pk) if minutes else "",
            "actions": [_action_line(a, person, member) for a in actions],
            "my_actions_url": url("my_actions"),
            "attached": False,
        }
        section = Section(Kind.SIGNED, f"{tag}: {what}", f"{tag} {what}", context)
        if minutes and person.notice_attach_pdf:
            pdf = self._signed_pdf(meeting)
            if pdf:
                section.attachments.append(pdf)
                context["attached"] = True
        return section, ""

    def _owned_actions(self, meeting, person, body_ids) -> list[Action]:
        """The meeting's actions this person owns: the rule of My actions. One query."""
        owned = Action.objects.filter(owned_actions_q(person, body_ids), meeting=meeting)
        return list(
            Action.objects.filter(pk__in=owned.values("pk"))
            .select_related("item")
            .order_by("number")
        )

    def _signed_pdf(self, meeting) -> tuple[str, bytes, str] | None:
        def load():
            if not meeting.signed_pdf or not default_storage.exists(meeting.signed_pdf.name):
                return None
            with default_storage.open(meeting.signed_pdf.name, "rb") as fh:
                data = fh.read()
            name = f"{meeting.body.slug}-minutes-{meeting.date:%Y-%m-%d}-signed.pdf"
            return name, data, "application/pdf"

        return self._once(("pdf", meeting.pk), load)

    # The message -------------------------------------------------------------------------

    def message(self, person: Person, sections: list[Section], connection=None):
        """One e-mail for one person: the sections in the frame, text and HTML."""
        if len(sections) == 1:
            subject = sections[0].subject
        else:
            labels = "; ".join(s.label for s in sections)
            subject = f"Your Minutebook digest, {ukdate(self.today)}: {labels}"
        parts = {"text": [], "html": []}
        for section in sections:
            text, html = section.templates
            context = {**section.context, "today": self.today}
            parts["text"].append(render_to_string(text, context).strip())
            parts["html"].append(render_to_string(html, context))
        frame = {
            "person": person,
            "subject": subject,
            "digest": len(sections) > 1,
            "profile_url": url("profile"),
        }
        body = render_to_string("emails/notices/message.txt", {**frame, "sections": parts["text"]})
        message = EmailMultiAlternatives(
            subject=subject, body=body, to=[person.email], connection=connection
        )
        html = render_to_string("emails/notices/message.html", {**frame, "sections": parts["html"]})
        message.attach_alternative(html, "text/html")
        for name, data, mimetype in (a for s in sections for a in s.attachments):
            message.attach(name, data, mimetype)
        return message


@dataclass(frozen=True)
class Reader:
    """Whom an agenda is written for: a member, or someone on the register who is not one."""

    person_id: int
    member: bool
    on_register: bool


def _item_line(item: AgendaItem, reader: Reader) -> dict:
    papers: list[Paper] = list(item.papers.all())
    return {
        "number": item.number,
        "title": item.title,
        "confidential": item.confidential,
        "purpose": item.get_purpose_display() if item.purpose else "",
        "presenter": item.presenter.display_name if item.presenter else "",
        "papers": [_paper_line(p, reader) for p in papers],
    }


def _paper_line(paper: Paper, reader: Reader) -> dict:
    """A paper's label and link: a member's download (asks the members' rules again), a link of
    their own for someone on the register who is not a member (``meetings.downloads``), or the
    public copy where the public may download it."""
    kind = rules.paper_link(paper, member=reader.member, on_register=reader.on_register)
    if kind == "attendee":
        link = attendee_link_url(paper_id=paper.pk, person_id=reader.person_id)
    else:
        names = {"member": "paper_download", "public": "public_paper_download"}
        link = url(names[kind], paper.pk) if kind else ""
    return {
        "label": " ".join(part for part in (paper.reference, paper.title) if part)
        or paper.original_name,
        "url": link,
        "kind": kind,
    }


def _action_line(action: Action, person: Person, member: bool) -> dict:
    item = action.item
    if item is None:
        origin = ""
    elif rules.may_receive_item(item, member=member):
        origin = f"item {item.number} {item.title}"
    else:
        origin = f"item {item.number} (confidential)"
    return {
        "reference": action.reference,
        "number": action.number,
        "description": action.description,
        "due": ukdate(action.due_date) if action.due_date else action.due_note,
        "origin": origin,
        "link": link_url(action=action, person_id=person.pk),
    }
