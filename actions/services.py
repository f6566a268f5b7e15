"""Writes for actions: creating them from the minutes and recording progress."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from meetings.services import meeting_assert_editable
from partners.models import Body, Organisation, Person, Team

from .models import Action, ActionOwner, ActionUpdate

NOTE_MAX_CHARS = 5000
Owner = Person | Organisation | Team
NO_OWNER_MESSAGE = "Name at least one owner: a person, an organisation or a group."


def _owner_kwargs(owner: Owner) -> dict:
    if isinstance(owner, Person):
        return {"person": owner}
    if isinstance(owner, Organisation):
        return {"organisation": owner}
    if isinstance(owner, Team):
        return {"team": owner}
    raise ValidationError({"owners": f"Unknown owner: {owner!r}"})


def _next_reference(meeting: Meeting) -> str:
    """The body's next action reference for the meeting's year: "SIIG 2011/7".

    The body's row is locked while the count is read, so two officers adding actions to the
    body's meetings at the same moment cannot be given the same reference."""
    body = Body.objects.select_for_update().get(pk=meeting.body_id)
    prefix = f"{body.short_name or body.name} {meeting.date.year}/"
    taken = Action.objects.filter(body_id=body.pk, reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    counts = [int(r.removeprefix(prefix)) for r in taken if r.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(counts, default=0) + 1}"


@transaction.atomic
def action_create(
    *,
    meeting: Meeting,
    description: str,
    owners: list[Owner],
    item: AgendaItem | None = None,
    due_date: dt.date | None = None,
    due_note: str = "",
    number: int | None = None,
    status: str = Action.Status.OPEN,
    owner_to_be_confirmed: bool = False,
) -> Action:
    """Record an action arising at ``meeting`` (from ``item``), owned by one or more owners.

    With ``owner_to_be_confirmed`` and no owners, the minutes name nobody yet ("circulate the
    presentation with the minutes"): the action waits for the secretariat to name its owner.
    Side effect: the action is given the body's next reference ("SIIG 2011/7").
    """
    meeting_assert_editable(meeting)
    errors = {}
    if not description.strip():
        errors["description"] = "Say what is to be done."
    if not owners and not owner_to_be_confirmed:
        errors["owners"] = NO_OWNER_MESSAGE
    if due_date is not None and due_date < meeting.date:
        errors["due_date"] = "The due date cannot be before the meeting the action came from."
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "That item belongs to another meeting."
    if errors:
        raise ValidationError(errors)
    if number is None:
        number = (Action.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
    elif Action.objects.filter(meeting=meeting, number=number).exists():
        raise ValidationError({"number": "That action number is already used in this meeting."})
    action = Action.objects.create(
        meeting=meeting,
        body_id=meeting.body_id,
        reference=_next_reference(meeting),
        item=item,
        number=number,
        description=description.strip(),
        due_date=due_date,
        due_note=due_note.strip(),
        status=status,
    )
    _owners_store(action, owners)
    return action


def _owners_store(action: Action, owners: list[Owner]) -> None:
    seen = set()
    rows = []
    for position, owner in enumerate(owners):
        key = (type(owner).__name__, owner.pk)
        if key in seen:
            continue
        seen.add(key)
        rows.append(ActionOwner(action=action, position=position, **_owner_kwargs(owner)))
    ActionOwner.objects.bulk_create(rows)


@transaction.atomic
def action_update(
    *,
    action: Action,
    status: str,
    note: str = "",
    author: Person | None = None,
    meeting: Meeting | None = None,
    via: str = ActionUpdate.Via.WEB,
) -> ActionUpdate:
    """Record progress on an action: a status (possibly unchanged) and a note.

    Side effects: closing an action (done or dropped) records the date and, when reported at a
    meeting, which meeting closed it.
    """
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose a status."})
    if len(note) > NOTE_MAX_CHARS:
        raise ValidationError(
            {"note": f"Keep the note under {NOTE_MAX_CHARS:,} characters (it has {len(note):,})."}
        )
    if status == action.status and not note.strip():
        raise ValidationError({"note": "Add a note or change the status."})
    locked = Action.objects.select_for_update().get(pk=action.pk)
    update = ActionUpdate.objects.create(
        action=locked,
        author=author,
        note=note.strip(),
        status_before=locked.status,
        status_after=status,
        meeting=meeting,
        via=via,
    )
    locked.status = status
    if status in Action.CLOSED:
        locked.closed_on = locked.closed_on or timezone.localdate()
        locked.closed_at_meeting = meeting or locked.closed_at_meeting
    else:
        locked.closed_on = None
        locked.closed_at_meeting = None
    locked.revision += 1
    locked.save()
    action.refresh_from_db()
    return update


class ActionWording(Protocol):
    """How a page writes an action's owners and due date as text, and reads them back.

    The drafting pages' language (names, initials, groups; "by the next meeting") lives in an
    app above this one, so ``action_edit`` is handed it instead of importing it.
    """

    def owners_text(self, action: Action) -> str: ...

    def owners_parse(self, text: str) -> list[Owner]: ...

    def due_text(self, action: Action) -> str: ...

    def due_parse(self, text: str) -> tuple[dt.date | None, str]: ...


def _typed_owners_and_due(
    *, action: Action, typed: dict[str, str], wording: ActionWording
) -> tuple[list[Owner], dt.date | None, str]:
    """Owners and due date from what was typed. A field typed as it is shown counts as
    unchanged and keeps its stored value: an owner who has since left the body, or a date
    minuted as words, survives an edit of the wording alone. Only a changed field is read."""
    owners = [o.owner for o in action.owners.all()]
    due_date, due_note = action.due_date, action.due_note
    errors = {}
    if typed["owners"].strip() != wording.owners_text(action):
        try:
            owners = wording.owners_parse(typed["owners"])
        except ValidationError as exc:
            errors["owners"] = exc
    if typed["due"].strip() != wording.due_text(action):
        try:
            due_date, due_note = wording.due_parse(typed["due"])
        except ValidationError as exc:
            errors["due"] = exc
    if errors:
        raise ValidationError(errors)
    return owners, due_date, due_note


@transaction.atomic
def action_edit(
    *,
    action: Action,
    owners: list[Owner] | None = None,
    due_date: dt.date | None = None,
    due_note: str = "",
    author: Person | None = None,
    description: str | None = None,
    typed: dict[str, str] | None = None,
    wording: ActionWording | None = None,
    owner_to_be_confirmed: bool = False,
) -> Action:
    """The secretariat's correction of who owns an action and when it is due, and (while its
    meeting's minutes are still a draft) of what it says.

    Owners and due date come either as values (``owners``, ``due_date``, ``due_note``) or as
    typed on a page (``typed`` = {"owners": ..., "due": ...}, read with ``wording``); typed,
    only the fields that changed are read, and complaints about the date are keyed "due".

    No owners is accepted with ``owner_to_be_confirmed`` (or typed as "to be confirmed", which
    ``wording`` reads as no owners): the action waits for the secretariat to name one.

    Side effects: the owners are replaced; a moved due date and changed owners are each noted in
    the action's history (an ``ActionUpdate`` with the status unchanged) so members see why. The
    earlier wording is kept in the action's simple_history.
    """
    if description is not None:
        # The wording is part of the minutes: it changes only while they are a draft.
        meeting_assert_editable(action.meeting)
    if typed is not None:
        owners, due_date, due_note = _typed_owners_and_due(
            action=action, typed=typed, wording=wording
        )
        # The wording refuses a blank "who": no owners read from it means "to be confirmed".
        owner_to_be_confirmed = not owners
    _edit_check(
        action=action,
        owners=owners,
        owner_to_be_confirmed=owner_to_be_confirmed,
        due_date=due_date,
        due_note=due_note,
        description=description,
        typed=typed is not None,
    )
    locked = Action.objects.select_for_update().get(pk=action.pk)
    _changes_note(action=locked, author=author, due_date=due_date, owners=owners)
    locked.due_date = due_date
    locked.due_note = due_note.strip()
    if description is not None:
        locked.description = description.strip()
    locked.revision += 1
    locked.save()
    _owners_replace(locked, owners)
    action.refresh_from_db()
    return locked


def _edit_check(
    *,
    action: Action,
    owners: list[Owner] | None,
    owner_to_be_confirmed: bool,
    due_date: dt.date | None,
    due_note: str,
    description: str | None,
    typed: bool,
) -> None:
    """Refuse an edit with everything wrong with it, by field. Typed on a page, the owners and
    the date are two fields ("owners", "due"), so complaints about the date and its note are
    keyed "due"."""
    date_field, note_field = ("due", "due") if typed else ("due_date", "due_note")
    errors = {}
    if description is not None and not description.strip():
        errors["description"] = "Say what is to be done."
    if not owners and not owner_to_be_confirmed:
        errors["owners"] = NO_OWNER_MESSAGE
    if due_date is not None and due_date < action.meeting.date:
        errors[date_field] = (
            "The due date cannot be before the meeting the action came from "
            f"({action.meeting.date:%-d %B %Y})."
        )
    if len(due_note) > 120:
        errors[note_field] = "Keep this under 120 characters."
    if errors:
        raise ValidationError(errors)


def _changes_note(
    *, action: Action, author: Person | None, due_date: dt.date | None, owners: list[Owner]
) -> None:
    """Note in the action's history (an update with the status unchanged) each change members
    should see the reason for: a moved due date, then changed owners. ``action`` is the
    locked row, still holding the values before the edit."""
    notes = [_due_date_change(action, due_date), _owners_change(action, owners)]
    for note in notes:
        if note:
            ActionUpdate.objects.create(
                action=action,
                author=author,
                note=note,
                status_before=action.status,
                status_after=action.status,
            )


def _due_date_change(action: Action, due_date: dt.date | None) -> str:
    """The note for a moved due date ("Due date changed from ... to ..."), or "" if it stays."""
    if action.due_date == due_date:
        return ""
    before = f"{action.due_date:%-d %B %Y}" if action.due_date else "no date"
    after = f"{due_date:%-d %B %Y}" if due_date else "no date"
    return f"Due date changed from {before} to {after}."


def _owners_change(action: Action, owners: list[Owner]) -> str:
    """The note for changed owners ("Owners changed from ... to ..."), or "" when they stay: the
    same names in the same order, a name given twice counting once as it is stored once."""
    before = [str(o.owner) for o in action.owners.select_related("person", "organisation", "team")]
    after = list(dict.fromkeys(str(o) for o in owners))
    if before == after:
        return ""
    # Owners are rows of their own without history: note the change where members see it.
    return (
        f"Owners changed from {', '.join(before) or 'to be confirmed'} "
        f"to {', '.join(after) or 'to be confirmed'}."
    )


def _owners_replace(action: Action, owners: list[Owner]) -> None:
    ActionOwner.objects.filter(action=action).delete()
    _owners_store(action, owners)


def person_calendar_token_reset(*, person: Person) -> str:
    """Give the person's calendar feed a new secret address; the old one stops working."""
    person.calendar_token = secrets.token_urlsafe(24)
    person.save(update_fields=["calendar_token"])
    return person.calendar_token
