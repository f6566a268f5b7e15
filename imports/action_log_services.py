"""Writes for importing an action log: read the spreadsheet into rows for a preview, then add
every action to its meeting in one transaction, or none.

A row's meeting is the body's meeting on that date. A meeting still in draft takes the actions
as it is; a date with no meeting gets a minimal historical record (no register, no items,
approved, "Imported from <file name>"), as the demo does for meetings its minutes refer to.
A meeting past draft refuses new actions (its record is circulated or signed), so the whole
import is refused with the row that needs it, rather than half-done.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from actions.models import Action
from actions.services import action_create
from meetings import services as meeting_services
from meetings.models import Meeting
from partners.models import Body
from partners.rules import can_edit_body

from .action_log import read_action_log
from .models import MinutesImport
from .reader import ReadError
from .services import Plan, Review, _create_entities, plan_entities


@transaction.atomic
def action_log_read(*, user, body: Body, upload) -> MinutesImport:
    """Read the spreadsheet for a preview. Raises ValidationError on ``file``."""
    if not can_edit_body(user, body):
        raise PermissionDenied
    try:
        rows = read_action_log(upload.name, upload.read(), max_bytes=settings.IMPORT_MAX_BYTES)
    except ReadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    return MinutesImport.objects.create(
        kind=MinutesImport.Kind.ACTION_LOG,
        body=body,
        created_by=user,
        file_name=upload.name[:255],
        source_kind=upload.name.rsplit(".", 1)[-1].lower()[:10],
        source_text="",
        proposal={"rows": [row.to_dict() for row in rows]},
    )


def action_log_plan(log_import: MinutesImport) -> tuple[Plan, list[str]]:
    """The owners matched (or new), and every problem that stops the import."""
    rows = log_import.proposal["rows"]
    review = Review(title="", date=dt.date.today(), start=None, end=None, venue="", as_record=True)
    review.actions = [{"owners": row["owners"]} for row in rows]
    plan = plan_entities(review, log_import.body)
    problems = [f"Row {row['row']}: {error}" for row in rows for error in row["errors"]]
    dates = sorted({row["meeting"] for row in rows if row["meeting"]})
    meetings = {
        m.date.isoformat(): m for m in Meeting.objects.filter(body=log_import.body, date__in=dates)
    }
    for row in rows:
        meeting = meetings.get(row["meeting"] or "")
        if meeting is not None and meeting.status != Meeting.Status.DRAFT:
            problems.append(
                f"Row {row['row']}: the meeting of {meeting.date:%-d %B %Y} is "
                f"{meeting.get_status_display().lower()}, so actions cannot be added to it."
            )
    return plan, problems


@transaction.atomic
def action_log_commit(*, log_import: MinutesImport, user, confirmed_new: bool) -> list[Action]:
    """Add every row's action to its meeting. Side effects: creates the minimal historical
    meetings and (when ``confirmed_new``) the new owners listed in the preview."""
    body = log_import.body
    if not can_edit_body(user, body):
        raise PermissionDenied
    locked = MinutesImport.objects.select_for_update().get(pk=log_import.pk)
    if locked.status != MinutesImport.Status.PENDING:
        raise ValidationError("This import has already been dealt with.")
    plan, problems = action_log_plan(locked)
    if problems:
        raise ValidationError(problems)
    if plan.creates_anything and not confirmed_new:
        raise ValidationError({"confirm_new": "Tick to confirm the new owners listed."})
    review = Review(title="", date=dt.date.today(), start=None, end=None, venue="", as_record=True)
    people, orgs, teams = _create_entities(plan, review, body)
    rows = locked.proposal["rows"]
    created: dict[str, Meeting] = {}
    actions = []
    for row in rows:
        date = dt.date.fromisoformat(row["meeting"])
        meeting = Meeting.objects.filter(body=body, date=date).first() or created.get(
            row["meeting"]
        )
        if meeting is None:
            meeting = meeting_services.meeting_create(
                body=body, date=date, with_register=False, with_standing_items=False
            )
            created[row["meeting"]] = meeting
        owners = [people.get(o) or teams.get(o) or orgs.get(o) for o in row["owners"]]
        due_date, due_note = _due(row, date)
        number = row["number"]
        if number is not None and Action.objects.filter(meeting=meeting, number=number).exists():
            number = None
        actions.append(
            action_create(
                meeting=meeting,
                description=row["text"],
                owners=[o for o in owners if o is not None],
                due_date=due_date,
                due_note=due_note,
                number=number,
                status=row["status"],
            )
        )
    for meeting in created.values():
        meeting_services.meeting_mark_historical(meeting=meeting, status=Meeting.Status.APPROVED)
        update_change_reason(meeting, f"Imported from {locked.file_name}")
    locked.status = MinutesImport.Status.IMPORTED
    locked.imported_at = timezone.now()
    locked.save(update_fields=["status", "imported_at"])
    return actions


def _due(row: dict, meeting_date: dt.date) -> tuple[dt.date | None, str]:
    if row.get("due"):
        try:
            due = dt.date.fromisoformat(row["due"])
        except ValueError:
            return None, (row.get("due_note") or row["due"])[:120]
        if due >= meeting_date:
            return due, (row.get("due_note") or "")[:120]
    return None, (row.get("due_note") or "")[:120]
