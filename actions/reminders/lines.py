"""A reminder line and what it shows of its action: shared by the sweep that claims and sends
lines (``sending``) and the writer that prints them (``writing``), so neither imports the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import ReminderDelivery

Kind = ReminderDelivery.Kind


@dataclass(slots=True)
class LineAction:
    """What a reminder line shows of an action (and its signed link needs), read as plain
    values: building model instances for every line of a sweep costs more than the line."""

    pk: int
    revision: int
    number: int
    description: str
    due_date: dt.date
    meeting_date: dt.date
    body_name: str
    body_short_name: str
    item_number: str | None
    item_title: str | None
    reference: str


LINE_FIELDS = (
    "pk",
    "revision",
    "number",
    "description",
    "due_date",
    "meeting__date",
    "meeting__body__name",
    "meeting__body__short_name",
    "item__number",
    "item__title",
    "reference",
)


@dataclass
class Line:
    action: LineAction
    kind: str
    period: dt.date
