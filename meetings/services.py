"""Writes for meetings: every change to a meeting's record goes through here (the agenda's
writes are in ``meetings.agenda`` and the register's in ``meetings.register``; both answer to
their names here too)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from partners.models import Body, Person

from .agenda import (  # noqa: F401  (re-exported: the agenda's writes are services too)
    format_number,
    item_add,
    item_delete,
    item_move,
    item_update,
    items_renumber,
    items_reorder,
)
from .errors import EditConflict, RecordLocked
from .guard import meeting_assert_editable
from .models import AgendaItem, Decision, Declaration, Meeting, Paper
from .register import (  # noqa: F401  (re-exported: the register's writes are services too)
    attendance_add_guest,
    attendance_chair_set,
    attendance_copy_from,
    attendance_mark_unmarked,
    attendance_record,
    attendance_remove,
    attendance_update,
    register_start,
)
from .text import clean_html, plain_text

STANDING_ITEMS = [
    (AgendaItem.Kind.APOLOGIES, "Welcome and apologies"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interest"),
    (AgendaItem.Kind.PREVIOUS_MINUTES, "Minutes of the previous meeting and matters arising"),
    (AgendaItem.Kind.AOB, "Any other business"),
    (AgendaItem.Kind.NEXT_MEETING, "Date and time of next meeting"),
]
# Standing items that open the agenda; the rest close it.
OPENING_KINDS = {
    AgendaItem.Kind.APOLOGIES,
    AgendaItem.Kind.DECLARATIONS,
    AgendaItem.Kind.PREVIOUS_MINUTES,
}


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
    title: str = "",
    joint_body: Body | None = None,
    with_register: bool = True,
    with_standing_items: bool = True,
) -> Meeting:
    """Create a draft meeting (at the body's usual venue unless another is given).

    Side effects: the register starts from the body's current membership (everyone
    "expected"), and the body's standing items (``Body.standing_items``) are added in their
    usual order.
    """
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    meeting = Meeting.objects.create(
        body=body,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue or body.default_venue,
        kind=kind,
        title=title,
        joint_body=joint_body,
    )
    if with_register:
        register_start(meeting=meeting, current_on=_current_on(date))
    if with_standing_items:
        for kind_, title_ in body_standing_items(body):
            AgendaItem.objects.create(
                meeting=meeting, kind=kind_, title=title_, position=_standing_position(kind_)
            )
        items_renumber(meeting=meeting)
    return meeting


def body_standing_items(body: Body) -> list[tuple[str, str]]:
    """The standing items (kind, title) a new meeting of ``body`` starts with, in agenda order:
    those its settings tick (``Body.standing_items``; kinds no longer known are passed over)."""
    chosen = set(body.standing_items or [])
    return [(kind, title) for kind, title in STANDING_ITEMS if kind in chosen]


def _standing_position(kind: str) -> int:
    order = [k for k, _ in STANDING_ITEMS]
    index = order.index(kind)
    return index if kind in OPENING_KINDS else 1000 + index


def _current_on(date):
    return (Q(start_date__isnull=True) | Q(start_date__lte=date)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=date)
    )


@transaction.atomic
def item_minutes_save(*, item: AgendaItem, minutes: str, base_revision: int) -> AgendaItem:
    """Save an item's minutes text unless someone else saved since ``base_revision``.

    The conditional UPDATE is the lock: two saves from the same revision cannot both win.
    Raises EditConflict with the other version; each save is kept in the item's history.
    """
    meeting_assert_editable(item.meeting)
    cleaned = clean_html(minutes)
    updated = AgendaItem.objects.filter(pk=item.pk, revision=base_revision).update(
        minutes=cleaned, revision=F("revision") + 1
    )
    fresh = AgendaItem.objects.get(pk=item.pk)
    if not updated:
        if fresh.minutes == cleaned:
            return fresh
        raise EditConflict(current_text=fresh.minutes, current_revision=fresh.revision)
    # Saving the same values again is what makes django-simple-history record the version
    # (an empty update_fields would skip the save and the signal with it).
    fresh.save(update_fields=["minutes", "revision"])
    return fresh


@transaction.atomic
def decision_add(*, item: AgendaItem, text: str, verb: str = Decision.Verb.AGREED) -> Decision:
    meeting_assert_editable(item.meeting)
    cleaned = clean_html(text)
    if not plain_text(cleaned):
        raise ValidationError({"text": "Write what was decided."})
    position = item.decisions.count() + 1
    return Decision.objects.create(item=item, text=cleaned, verb=verb, position=position)


@transaction.atomic
def declaration_add(
    *, meeting: Meeting, person: Person, interest: str, item: AgendaItem | None = None
) -> Declaration:
    meeting_assert_editable(meeting)
    if not interest.strip():
        raise ValidationError({"interest": "Describe the interest declared."})
    if meeting.no_interests_declared:
        Meeting.objects.filter(pk=meeting.pk).update(no_interests_declared=False)
        meeting.no_interests_declared = False
    return Declaration.objects.create(meeting=meeting, person=person, interest=interest, item=item)


HISTORICAL_STATUSES = (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED)


@transaction.atomic
def meeting_mark_historical(
    *, meeting: Meeting, status: str, approved_at: dt.datetime | None = None
) -> Meeting:
    """Set the status of a meeting imported from past minutes (used for importing past minutes).

    Past minutes are loaded through the draft-only services and then given the status they
    already had on paper. Signing is not possible here: a signature needs the chair and the
    fingerprinted PDF, so it goes through the sign-off service.
    Side effect: "approved" stamps approved_at (now, unless given).
    """
    if status not in HISTORICAL_STATUSES:
        raise ValidationError(
            {"status": "Past minutes can be marked circulated or approved, not signed."}
        )
    if meeting.status == Meeting.Status.SIGNED:
        raise RecordLocked("These minutes are signed and can no longer be changed.")
    meeting.status = status
    fields = ["status", "updated_at"]
    if status == Meeting.Status.APPROVED:
        meeting.approved_at = approved_at or meeting.approved_at or timezone.now()
        fields.append("approved_at")
    if meeting.circulated_at is None:
        meeting.circulated_at = meeting.approved_at or timezone.now()
        fields.append("circulated_at")
    meeting.save(update_fields=fields)
    return meeting


# --- Drafting: meeting details, series, papers, minutes extras ----------------------------


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
    title: str = "",
    joint_body: Body | None = None,
) -> Meeting:
    """Change a draft meeting's date, times, venue, kind, title or joint body."""
    meeting_assert_editable(meeting)
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    if joint_body is not None and joint_body.pk == meeting.body_id:
        raise ValidationError({"joint_body": "Choose another body for a joint meeting."})
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.venue, meeting.kind, meeting.title = venue, kind, title
    meeting.joint_body = joint_body
    meeting.save()
    return meeting


@transaction.atomic
def meetings_schedule(
    *,
    body: Body,
    dates: list[dt.date],
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
) -> list[Meeting]:
    """Create a draft meeting on each of ``dates`` (the next meeting, or a year's series).

    Side effects: each meeting gets the register and standing items of ``meeting_create``.
    All or nothing: a date that already has a meeting of the body refuses the whole series.
    """
    if not dates:
        raise ValidationError({"dates": "Give at least one date."})
    if len(set(dates)) != len(dates):
        raise ValidationError({"dates": "A date appears twice."})
    taken = sorted(Meeting.objects.filter(body=body, date__in=dates).values_list("date", flat=True))
    if taken:
        listed = ", ".join(f"{d:%-d %B %Y}" for d in taken)
        raise ValidationError(
            {"dates": f"{body.short_name or body.name} already meets on {listed}."}
        )
    return [
        meeting_create(
            body=body, date=d, start_time=start_time, end_time=end_time, venue=venue, kind=kind
        )
        for d in sorted(dates)
    ]


@transaction.atomic
def paper_add(*, item: AgendaItem, reference: str = "", title: str = "", upload=None):
    """Attach a paper to an item: an uploaded file (already checked by the form) or a reference."""
    meeting_assert_editable(item.meeting)
    reference, title = reference.strip(), title.strip()
    if not reference and upload is None:
        raise ValidationError({"reference": "Give a reference (such as “Paper 3a”) or a file."})
    position = item.papers.count() + 1
    paper = Paper(item=item, reference=reference, title=title, position=position)
    if upload is not None:
        paper.original_name = upload.name[:255]
        paper.size = upload.size
        paper.file.save(upload.name, upload, save=False)
    paper.save()
    return paper


@transaction.atomic
def paper_delete(*, paper) -> None:
    meeting_assert_editable(paper.item.meeting)
    stored = paper.file.name
    storage = paper.file.storage
    paper.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def decision_update(*, decision: Decision, text: str, verb: str) -> Decision:
    """Correct a decision's wording or verb in place (the earlier wording stays in its history)."""
    meeting_assert_editable(decision.item.meeting)
    errors = {}
    cleaned = clean_html(text)
    if not plain_text(cleaned):
        errors["text"] = "Write what was decided."
    if verb not in Decision.Verb.values:
        errors["verb"] = "Choose how the decision is introduced."
    if errors:
        raise ValidationError(errors)
    if (decision.text, decision.verb) != (cleaned, verb):
        decision.text, decision.verb = cleaned, verb
        decision.save(update_fields=["text", "verb"])
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    """Remove a decision and close the gap in the item's order (history keeps the deletion)."""
    meeting_assert_editable(decision.item.meeting)
    item = decision.item
    decision.delete()
    rest = list(item.decisions.order_by("position", "id"))
    for position, other in enumerate(rest, start=1):
        other.position = position
    Decision.objects.bulk_update(rest, ["position"])


@transaction.atomic
def declaration_delete(*, declaration: Declaration) -> None:
    meeting_assert_editable(declaration.meeting)
    declaration.delete()


@transaction.atomic
def meeting_no_interests_set(*, meeting: Meeting, value: bool) -> Meeting:
    """Record "no interests were declared"; refused while declarations are recorded."""
    meeting_assert_editable(meeting)
    if value and meeting.declarations.exists():
        raise ValidationError(
            {"no_interests_declared": "Interests are recorded; remove them first."}
        )
    meeting.no_interests_declared = value
    meeting.save(update_fields=["no_interests_declared", "updated_at"])
    return meeting


@transaction.atomic
def item_minutes_restore(*, item: AgendaItem, history_id: int) -> AgendaItem:
    """Bring back an earlier saved version of an item's minutes, as a new save on top."""
    version = item.history.filter(history_id=history_id).first()
    if version is None:
        raise ValidationError("That version does not belong to this item.")
    current = AgendaItem.objects.get(pk=item.pk)
    return item_minutes_save(item=current, minutes=version.minutes, base_revision=current.revision)
