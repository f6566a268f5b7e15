"""Who may reach the drafting pages: the body's secretariat only (members read the record on the
meeting page; the printable agenda is for members too). Everyone else gets 404."""

import datetime as dt

from meetings.models import Declaration
from tests.access.spec import Access
from tests.factories import ActionFactory, MeetingFactory


def _meeting(s):
    return {"pk": s.meeting.pk}


def _item(s):
    return {"pk": s.meeting.pk, "item_pk": s.item.pk}


def _secretariat_only(
    name, kwargs=_meeting, *, method="get", data=None, ok=None, case="", headers=None
):
    ok = ok or (200 if method == "get" else 302)
    return Access(
        name,
        kwargs=kwargs,
        method=method,
        data=data,
        case=case,
        headers=headers,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=ok,
        chair=404,
    )


def _declaration(s):
    declaration = Declaration.objects.create(
        meeting=s.meeting, person=s.member_person, interest="Trustee of an applicant"
    )
    return {"pk": s.meeting.pk, "declaration_pk": declaration.pk}


def _earlier_action(s):
    earlier = MeetingFactory(body=s.body, date=s.meeting.date - dt.timedelta(days=28))
    action = ActionFactory(meeting=earlier, item=None, number=7)
    return {"pk": s.meeting.pk, "action_pk": action.pk}


def _earlier_meeting(s):
    """An earlier meeting of the body, whose register "copy from the last meeting" copies."""
    MeetingFactory(body=s.body, date=s.meeting.date - dt.timedelta(days=28))
    return _meeting(s)


def _decision(s):
    return {"pk": s.meeting.pk, "decision_pk": s.decision.pk}


def _action(s):
    return {"pk": s.meeting.pk, "action_pk": s.action.pk}


def _history(s):
    return {**_item(s), "history_id": s.item.history.first().history_id}


ACCESS = [
    Access("drafts", anonymous=302, outsider=404, member=404, secretariat=200, chair=404),
    _secretariat_only("meeting_create", lambda s: {"slug": s.body.slug}),
    _secretariat_only(
        "meeting_create",
        lambda s: {"slug": s.body.slug},
        method="post",
        data={"date": "2030-01-15", "kind": "ordinary"},
    ),
    _secretariat_only("meeting_schedule", lambda s: {"slug": s.body.slug}),
    _secretariat_only(
        "meeting_schedule",
        lambda s: {"slug": s.body.slug},
        method="post",
        data={"dates": "15/01/2030\n12/02/2030", "kind": "ordinary"},
    ),
    _secretariat_only("draft_details"),
    _secretariat_only(
        "draft_details",
        method="post",
        data=lambda s: {
            "date": s.meeting.date.isoformat(),
            "kind": "ordinary",
            "venue": "Elm Bank",
        },
    ),
    _secretariat_only("draft_agenda"),
    _secretariat_only("draft_agenda", lambda s: {"pk": s.signed_meeting.pk}, ok=302, case="signed"),
    _secretariat_only("draft_item_add", method="post", data={"title": "Innovation fund"}),
    _secretariat_only(
        "draft_items_reorder", method="post", data=lambda s: {"parent": "", "order": [s.item.pk]}
    ),
    _secretariat_only("draft_item", _item),
    _secretariat_only("draft_item", _item, method="post", data={"title": "Innovation fund 2027"}),
    _secretariat_only("draft_item_delete", _item),
    _secretariat_only("draft_item_delete", _item, method="post"),
    _secretariat_only("draft_item_move", _item, method="post", data={"direction": "down"}),
    _secretariat_only("draft_paper_add", _item, method="post", data={"reference": "Paper 2"}),
    _secretariat_only(
        "draft_paper_delete",
        lambda s: {"pk": s.meeting.pk, "paper_pk": s.paper.pk},
        method="post",
    ),
    Access(
        "agenda_print",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=200,
        secretariat=200,
        chair=200,
    ),
    _secretariat_only("draft_register"),
    _secretariat_only(
        "draft_register",
        method="post",
        data=lambda s: {"rows": [s.attendance.pk], f"category-{s.attendance.pk}": "apologies"},
    ),
    _secretariat_only(
        "draft_attendance_add",
        method="post",
        data={"name": "Neil Hayes", "organisation": "EEDA", "category": "present"},
    ),
    _secretariat_only("draft_register_mark_unmarked", method="post", data={"category": "present"}),
    _secretariat_only("draft_register_copy", _earlier_meeting, method="post"),
    _secretariat_only(
        "draft_attendance_remove",
        lambda s: {"pk": s.meeting.pk, "attendance_pk": s.attendance.pk},
        method="post",
    ),
    _secretariat_only("draft_minutes"),
    _secretariat_only(
        "draft_item_minutes",
        _item,
        method="post",
        data={"minutes": "<p>The fund was discussed.</p>", "base_revision": 0},
    ),
    _secretariat_only(
        "draft_decision_add", _item, method="post", data={"verb": "agreed", "text": "Agreed."}
    ),
    _secretariat_only(
        "draft_decision_delete",
        lambda s: {"pk": s.meeting.pk, "decision_pk": s.decision.pk},
        method="post",
    ),
    _secretariat_only("draft_decision_edit", _decision),
    _secretariat_only(
        "draft_decision_edit",
        _decision,
        method="post",
        data={"verb": "resolved", "text": "The fund criteria were resolved."},
    ),
    _secretariat_only("draft_action_edit", _action),
    _secretariat_only(
        "draft_action_edit",
        _action,
        method="post",
        data=lambda s: {
            "description": "Circulate the criteria to partners",
            "owners": "Valerie Hayllor",
            "due": "",
        },
    ),
    _secretariat_only("draft_action_edit", _action, case="htmx", headers={"HX-Request": "true"}),
    # Without htmx the extras fragment redirects to the item in the editor.
    _secretariat_only("draft_item_extras", _item, ok=302),
    _secretariat_only("draft_item_extras", _item, case="htmx", headers={"HX-Request": "true"}),
    _secretariat_only(
        "draft_action_add",
        _item,
        method="post",
        data={"description": "Report back", "owners": "Valerie Hayllor", "due": ""},
    ),
    _secretariat_only("draft_owner_search", _meeting),
    _secretariat_only(
        "draft_declaration_add",
        method="post",
        data=lambda s: {"person": s.member_person.pk, "interest": "Trustee of an applicant"},
    ),
    _secretariat_only("draft_declaration_delete", _declaration, method="post"),
    _secretariat_only("draft_no_interests", method="post", data={"value": "1"}),
    _secretariat_only("draft_approval", method="post", data={"outcome": "approved"}),
    _secretariat_only(
        "draft_action_progress",
        _earlier_action,
        method="post",
        data={"status": "done", "note": "Completed."},
    ),
    _secretariat_only("draft_item_history", _item),
    _secretariat_only("draft_item_restore", _history, method="post"),
    _secretariat_only("draft_preview"),
    _secretariat_only("draft_preview_document"),
]
