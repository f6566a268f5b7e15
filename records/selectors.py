"""The record of one meeting, loaded whole in a fixed number of queries: the meeting page, the
minutes editor's preview, the documents and the fingerprint all read it from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from actions.models import Action
from actions.selectors import actions_with_owners
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    Paper,
)
from meetings.selectors import CATEGORY_ORDER, meetings_base


@dataclass
class ItemNode:
    item: AgendaItem
    children: list[ItemNode] = field(default_factory=list)
    depth: int = 0


@dataclass
class MeetingRecord:
    """Everything a meeting's record holds, loaded in a fixed number of queries."""

    meeting: Meeting
    attendances: list[Attendance]
    items: list[AgendaItem]
    tree: list[ItemNode]
    actions: list[Action]

    def attendance_groups(self) -> list[tuple[str, str, list[Attendance]]]:
        """(category value, label, rows) in the order minutes print them; empty ones left out."""
        labels = dict(Attendance.Category.choices)
        groups = []
        for category in CATEGORY_ORDER:
            rows = [a for a in self.attendances if a.category == category]
            if rows:
                groups.append((category, labels[category], rows))
        return groups

    def flat_items(self) -> list[ItemNode]:
        out: list[ItemNode] = []

        def walk(nodes):
            for node in nodes:
                out.append(node)
                walk(node.children)

        walk(self.tree)
        return out


def meeting_record(*, meeting_id: int, include_confidential: bool = True) -> MeetingRecord | None:
    """The whole record of one meeting: attendance, items (nested) with decisions, papers and
    actions. ``include_confidential=False`` gives what the public may see: confidential items are
    kept (title only) but their minutes, decisions, papers and actions are left out."""
    meeting = meetings_base().filter(pk=meeting_id).first()
    if meeting is None:
        return None
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related(
            "person__organisation", "organisation", "substitute_for", "arrived_during", "left_after"
        )
        .order_by("position", "id")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter__organisation")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "id")),
            Prefetch("papers", queryset=Paper.objects.order_by("position", "id")),
        )
        .order_by("position", "id")
    )
    actions = list(actions_with_owners().filter(meeting=meeting).order_by("number"))
    if not include_confidential:
        hidden = {i.pk for i in items if i.confidential}
        actions = [a for a in actions if a.item_id not in hidden]
        for item in items:
            if item.confidential:
                item.minutes = ""
                item._prefetched_objects_cache["decisions"] = Decision.objects.none()
                item._prefetched_objects_cache["papers"] = Paper.objects.none()
    by_item: dict[int | None, list[Action]] = {}
    for action in actions:
        by_item.setdefault(action.item_id, []).append(action)
    nodes = {item.pk: ItemNode(item=item) for item in items}
    tree: list[ItemNode] = []
    for item in items:
        item.item_actions = by_item.get(item.pk, [])
        node = nodes[item.pk]
        if item.parent_id and item.parent_id in nodes:
            parent = nodes[item.parent_id]
            node.depth = parent.depth + 1
            parent.children.append(node)
        else:
            tree.append(node)
    return MeetingRecord(
        meeting=meeting, attendances=attendances, items=items, tree=tree, actions=actions
    )


def meeting_record_extras(*, meeting: Meeting) -> tuple[list[Declaration], list[MinutesApproval]]:
    """What the record page shows beside the items: declarations of interest and approvals of
    earlier minutes (with corrections). Two queries whatever the meeting's size."""
    declarations = list(
        Declaration.objects.filter(meeting=meeting)
        .select_related("person__organisation", "item")
        .order_by("id")
    )
    approvals = list(
        MinutesApproval.objects.filter(meeting=meeting)
        .select_related("previous_meeting__body")
        .order_by("previous_meeting__date")
    )
    return declarations, approvals
