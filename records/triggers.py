"""The signed-record guard in PostgreSQL itself: triggers (django-pgtrigger) that refuse
INSERT, UPDATE and DELETE of the signed parts of a signed meeting, whatever the path: the ORM,
``bulk_create`` and upserts, ``_base_manager``, the admin, a shell, raw SQL.

What they hold, table by table:

- the meeting's row, once signed: no update, no delete;
- its items, attendance, declarations and approvals given (by ``meeting_id``), decisions and
  papers (through their item), arrivals and departures (through their register row and their
  item), action owners (through their action): no insert, update or delete while the meeting is
  signed;
- actions: inserted into or deleted from a signed meeting, or their signed wording changed
  (meeting, item, number, reference, description, due date and note); progress (status,
  closing) stays free, as in ``Action.PROGRESS_FIELDS``;
- approvals of signed minutes recorded at later meetings: never "not approved" or corrected,
  and never removed (the signed record cites them);
- the frozen snapshot, the signed public copy, addenda and the record of signed PDFs made again
  from the snapshot (``Rerender``): never updated or deleted.

The triggers are registered here, beside the rest of the guard (``signals.py``), on the models of
the lower apps; their DDL lives in the migrations of the apps that own the tables. SQLite
(``make run``) has none of this: there the services, the model signals and the querysets hold.
"""

from __future__ import annotations

import contextlib

import pgtrigger

from actions.models import Action, ActionOwner
from meetings import querysets
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

from .models import Addendum, RenderJob, Rerender, SignedRecord

# The sentence every refusal starts with; the operation and table follow it.
LOCKED = "These minutes are signed and can no longer be changed"


def _raise(message: str = LOCKED) -> str:
    return (
        "RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = format("
        f"'{message} (%s on %s). Add an addendum for a correction.', TG_OP, TG_TABLE_NAME);"
    )


def _signed(meeting_id_sql: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM meetings_meeting WHERE id = {meeting_id_sql} AND status = 'signed')"
    )


def _via_item(column: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM meetings_agendaitem i JOIN meetings_meeting m "
        f"ON m.id = i.meeting_id WHERE i.id = {column} AND m.status = 'signed')"
    )


def _via_action(column: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM actions_action a JOIN meetings_meeting m "
        f"ON m.id = a.meeting_id WHERE a.id = {column} AND m.status = 'signed')"
    )


def _via_attendance(column: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM meetings_attendance a JOIN meetings_meeting m "
        f"ON m.id = a.meeting_id WHERE a.id = {column} AND m.status = 'signed')"
    )


def _old_or_new(check) -> str:
    """Refuse when the row's old or new parent is signed (checks ``check(OLD.x)`` etc.)."""
    return f"""
        IF TG_OP <> 'INSERT' THEN
            IF {check("OLD")} THEN {_raise()} END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            IF {check("NEW")} THEN {_raise()} END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    """


def _row_guard(name: str, check) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=_old_or_new(check),
    )


def _frozen(name: str, condition=None) -> pgtrigger.Trigger:
    """Rows that are never updated or deleted (when ``condition`` holds)."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Update | pgtrigger.Delete,
        condition=condition,
        func=_raise(),
    )


APPROVAL_MESSAGE = (
    "These minutes are signed: they cannot be rejected or corrected, and the approval they "
    "cite cannot be removed"
)
ACTION_WORDING = (
    "meeting_id",
    "item_id",
    "number",
    "reference",
    "description",
    "due_date",
    "due_note",
)

TRIGGERS = {
    Meeting: [_frozen("signed_meeting_frozen", pgtrigger.Q(old__status="signed"))],
    AgendaItem: [_row_guard("signed_items", lambda r: _signed(f"{r}.meeting_id"))],
    Attendance: [_row_guard("signed_attendance", lambda r: _signed(f"{r}.meeting_id"))],
    Declaration: [_row_guard("signed_declarations", lambda r: _signed(f"{r}.meeting_id"))],
    Decision: [_row_guard("signed_decisions", lambda r: _via_item(f"{r}.item_id"))],
    Paper: [_row_guard("signed_papers", lambda r: _via_item(f"{r}.item_id"))],
    Movement: [
        _row_guard(
            "signed_movements",
            lambda r: f"({_via_attendance(f'{r}.attendance_id')} OR {_via_item(f'{r}.item_id')})",
        )
    ],
    ActionOwner: [_row_guard("signed_action_owners", lambda r: _via_action(f"{r}.action_id"))],
    MinutesApproval: [
        _row_guard("signed_approvals_given", lambda r: _signed(f"{r}.meeting_id")),
        pgtrigger.Trigger(
            name="signed_approvals_received",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
            func=f"""
                IF TG_OP <> 'INSERT' AND {_signed("OLD.previous_meeting_id")} AND (
                    TG_OP = 'DELETE' OR NEW.outcome <> 'approved'
                    OR NEW.corrections IS DISTINCT FROM OLD.corrections
                    OR NEW.previous_meeting_id <> OLD.previous_meeting_id
                ) THEN {_raise(APPROVAL_MESSAGE)} END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                IF {_signed("NEW.previous_meeting_id")} AND NEW.outcome <> 'approved' THEN
                    {_raise(APPROVAL_MESSAGE)}
                END IF;
                RETURN NEW;
            """,
        ),
    ],
    Action: [
        pgtrigger.Trigger(
            name="signed_actions",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
            func=f"""
                IF TG_OP = 'INSERT' THEN
                    IF {_signed("NEW.meeting_id")} THEN {_raise()} END IF;
                    RETURN NEW;
                END IF;
                IF TG_OP = 'DELETE' THEN
                    IF {_signed("OLD.meeting_id")} THEN {_raise()} END IF;
                    RETURN OLD;
                END IF;
                IF ({", ".join(f"OLD.{c}" for c in ACTION_WORDING)})
                    IS DISTINCT FROM ({", ".join(f"NEW.{c}" for c in ACTION_WORDING)})
                    AND ({_signed("OLD.meeting_id")} OR {_signed("NEW.meeting_id")})
                THEN {_raise()} END IF;
                RETURN NEW;
            """,
        )
    ],
    SignedRecord: [
        _frozen("signed_record_frozen"),
        pgtrigger.Trigger(
            name="signed_record_once",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert,
            func=f"IF {_signed('NEW.meeting_id')} THEN {_raise()} END IF; RETURN NEW;",
        ),
    ],
    RenderJob: [_frozen("signed_copy_frozen", pgtrigger.Q(old__signed_copy=True))],
    Addendum: [_frozen("addendum_frozen")],
    Rerender: [_frozen("rerender_frozen")],
}


def register() -> None:
    """Attach the triggers to their models (called once, from ``RecordsConfig.ready``)."""
    for model, triggers in TRIGGERS.items():
        pgtrigger.register(*triggers)(model)


def uris() -> list[str]:
    return [trigger.get_uri(model) for model, triggers in TRIGGERS.items() for trigger in triggers]


@contextlib.contextmanager
def signed_guard_lifted():
    """Lift the whole guard (querysets, signals and, on PostgreSQL, the triggers) for the block.

    For two uses only: removing the demo, which ``load_demo`` refuses in production; and tests
    that play the tamperer, to show that ``verify_signed`` catches what they change."""
    with querysets.guard_lifted(), pgtrigger.ignore(*uris()):
        yield
