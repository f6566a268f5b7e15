"""The signed-minutes guard: once a meeting is signed, no row of its record is written again.

Services refuse first (``meeting_assert_editable``) with a friendly message; these receivers are
the last line for every other path: admin, shell, a form that forgot to ask, ``Model.save()``
and cascading deletes. Bulk ``update()``/``delete()`` are refused by the querysets in
``querysets.py``. Each check reads the status from the database, not from the instance in
hand, so a stale object cannot slip a change past it.

What the signed record of an action is: its meeting, item, number, description, due date and
note, and its owners. Its status, closing meeting and date are progress that later meetings
report, so they may still change (``Action.PROGRESS_FIELDS``); ``ActionUpdate`` rows are never
part of the record.
"""

from __future__ import annotations

from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from actions.models import Action, ActionOwner
from meetings.errors import RecordLocked
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    Movement,
    Paper,
)
from meetings.querysets import LOCKED_MESSAGE, SIGNED, guard_is_lifted

from .models import Addendum, SignedRecord

ADDENDUM_MESSAGE = "An addendum is part of the signed record and cannot be changed or removed."


def _is_signed(meeting_id) -> bool:
    if meeting_id is None:
        return False
    return (
        Meeting._base_manager.filter(pk=meeting_id, status=SIGNED).exists()  # noqa: SLF001
    )


def _meeting_of_item(item_id) -> int | None:
    if item_id is None:
        return None
    return AgendaItem._base_manager.filter(pk=item_id).values_list("meeting_id", flat=True).first()


def _stored(model, pk):
    if pk is None:
        return None
    return model._base_manager.filter(pk=pk).first()


def _refuse_if_signed(*meeting_ids) -> None:
    if guard_is_lifted():
        return
    if any(_is_signed(m) for m in set(meeting_ids) if m is not None):
        raise RecordLocked(LOCKED_MESSAGE)


@receiver(pre_save, sender=Meeting)
def meeting_guard_save(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures writes rows as they were
        return
    _refuse_if_signed(instance.pk)


@receiver(pre_delete, sender=Meeting)
def meeting_guard_delete(sender, instance, **kwargs):
    _refuse_if_signed(instance.pk)


def _guard_meeting_row(sender, instance, raw=False, **kwargs):
    """For rows that point at their meeting directly: old and new meeting must both be open."""
    if raw:
        return
    old = _stored(sender, instance.pk)
    _refuse_if_signed(instance.meeting_id, old.meeting_id if old else None)


def _guard_meeting_row_delete(sender, instance, **kwargs):
    _refuse_if_signed(instance.meeting_id)


def _guard_item_row(sender, instance, raw=False, **kwargs):
    """For rows that hang off an agenda item (decisions, papers)."""
    if raw:
        return
    old = _stored(sender, instance.pk)
    _refuse_if_signed(
        _meeting_of_item(instance.item_id), _meeting_of_item(old.item_id) if old else None
    )


def _guard_item_row_delete(sender, instance, **kwargs):
    _refuse_if_signed(_meeting_of_item(instance.item_id))


for _model in (AgendaItem, Attendance, Declaration, MinutesApproval):
    pre_save.connect(
        _guard_meeting_row, sender=_model, dispatch_uid=f"signed-save-{_model.__name__}"
    )
    pre_delete.connect(
        _guard_meeting_row_delete, sender=_model, dispatch_uid=f"signed-delete-{_model.__name__}"
    )
for _model in (Decision, Paper):
    pre_save.connect(_guard_item_row, sender=_model, dispatch_uid=f"signed-save-{_model.__name__}")
    pre_delete.connect(
        _guard_item_row_delete, sender=_model, dispatch_uid=f"signed-delete-{_model.__name__}"
    )

ACTION_RECORD_FIELDS = (
    "meeting_id",
    "item_id",
    "number",
    "reference",
    "description",
    "due_date",
    "due_note",
)


def _attendance_meeting(attendance_id) -> int | None:
    if attendance_id is None:
        return None
    return (
        Attendance._base_manager.filter(pk=attendance_id)
        .values_list("meeting_id", flat=True)
        .first()
    )


@receiver(pre_save, sender=Movement)
def movement_guard_save(sender, instance, raw=False, **kwargs):
    """Arrivals and departures hang off a register row (and an item) of the meeting."""
    if raw:
        return
    old = _stored(Movement, instance.pk)
    _refuse_if_signed(
        _attendance_meeting(instance.attendance_id),
        _meeting_of_item(instance.item_id),
        _attendance_meeting(old.attendance_id) if old else None,
    )


@receiver(pre_delete, sender=Movement)
def movement_guard_delete(sender, instance, **kwargs):
    _refuse_if_signed(_attendance_meeting(instance.attendance_id))


@receiver(pre_save, sender=Action)
def action_guard_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = _stored(Action, instance.pk)
    if old is None:
        _refuse_if_signed(instance.meeting_id)
        return
    changed = [f for f in ACTION_RECORD_FIELDS if getattr(old, f) != getattr(instance, f)]
    if changed:
        _refuse_if_signed(old.meeting_id, instance.meeting_id)


@receiver(pre_delete, sender=Action)
def action_guard_delete(sender, instance, **kwargs):
    _refuse_if_signed(instance.meeting_id)


def _action_meeting(action_id) -> int | None:
    return Action._base_manager.filter(pk=action_id).values_list("meeting_id", flat=True).first()


@receiver(pre_save, sender=ActionOwner)
def action_owner_guard_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = _stored(ActionOwner, instance.pk)
    _refuse_if_signed(
        _action_meeting(instance.action_id), _action_meeting(old.action_id) if old else None
    )


@receiver(pre_delete, sender=ActionOwner)
def action_owner_guard_delete(sender, instance, **kwargs):
    _refuse_if_signed(_action_meeting(instance.action_id))


@receiver(pre_save, sender=Addendum)
def addendum_guard_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if guard_is_lifted():
        return
    if instance.pk is not None and Addendum._base_manager.filter(pk=instance.pk).exists():
        raise RecordLocked(ADDENDUM_MESSAGE)


@receiver(pre_delete, sender=Addendum)
def addendum_guard_delete(sender, instance, **kwargs):
    if not guard_is_lifted():
        raise RecordLocked(ADDENDUM_MESSAGE)


@receiver(pre_save, sender=SignedRecord)
def snapshot_guard_save(sender, instance, raw=False, **kwargs):
    if raw or guard_is_lifted():
        return
    if instance.pk is not None or _is_signed(instance.meeting_id):
        raise RecordLocked(LOCKED_MESSAGE)


@receiver(pre_delete, sender=SignedRecord)
def snapshot_guard_delete(sender, instance, **kwargs):
    if not guard_is_lifted():
        raise RecordLocked(LOCKED_MESSAGE)
