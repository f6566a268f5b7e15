"""The contract for the URL access walk.

Every named URL of the project is classified by an ``Access`` entry in a module under
``tests/access/expectations/`` (one module per feature, each exporting ``ACCESS``). The walk in
``test_url_access.py`` logs in as each role, requests the URL and asserts the status code.

``kwargs`` and ``data`` are callables taking the scenario ``s`` (see ``build_scenario``) so an
entry can point at objects of the scenario or create its own with the factories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from meetings.models import Attendance, Meeting, Paper
from partners.models import Membership
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

ROLES = ("anonymous", "outsider", "member", "secretariat", "chair")

Factory = Callable[[SimpleNamespace], Any] | dict | None


class Access:
    """Expected HTTP status per role for one request to one named URL.

    ``Access("name", kwargs=..., method="get", data=None, anonymous=..., outsider=...,
    member=..., secretariat=..., chair=...)``: every role's status must be given.
    302 for ``anonymous`` means "redirected to the login page" and is checked as such, unless
    ``anonymous_to_login=False`` (a public page that redirects elsewhere).
    ``case`` tells apart several entries for the same URL name and method in test ids.
    ``headers`` are extra request headers, e.g. ``{"HX-Request": "true"}``.
    """

    OPTIONAL = {
        "kwargs": None,
        "method": "get",
        "data": None,
        "headers": None,
        "case": "",
        "anonymous_to_login": True,
    }

    def __init__(self, name: str, /, **fields):
        unknown = set(fields) - set(ROLES) - set(self.OPTIONAL)
        if unknown:
            raise TypeError(f"Access({name!r}): unknown fields {sorted(unknown)}")
        missing = [role for role in ROLES if role not in fields]
        if missing:
            raise TypeError(f"Access({name!r}): give the expected status for {missing}")
        self.name = name
        for key, default in self.OPTIONAL.items():
            setattr(self, key, fields.get(key, default))
        for role in ROLES:
            setattr(self, role, fields[role])
        self.method = self.method.lower()
        self.headers = dict(self.headers or {})

    def __repr__(self):
        return f"Access({self.label!r})"

    def expected(self, role: str) -> int:
        return getattr(self, role)

    def resolve_kwargs(self, s) -> dict:
        return _resolve(self.kwargs, s)

    def resolve_data(self, s) -> dict:
        return _resolve(self.data, s)

    @property
    def label(self) -> str:
        parts = [self.name]
        if self.method != "get":
            parts.append(self.method)
        if self.case:
            parts.append(self.case)
        return ":".join(parts)


def _resolve(value: Factory, s) -> dict:
    if value is None:
        return {}
    if callable(value):
        return value(s) or {}
    return dict(value)


def build_scenario() -> SimpleNamespace:
    """One body with a draft meeting and a signed one, and a person with a login per role.

    - ``s.meeting`` (draft) has ``s.item`` with ``s.decision``, ``s.paper`` and ``s.action``
      (owned by ``s.member_person``), and ``s.attendance`` (the member, present).
    - ``s.issued_action``, also the member's, is of a meeting whose minutes are circulated.
    - ``s.signed_meeting`` is another meeting of the body, signed by the chair.
    - ``s.outsider_person`` is a member of another body (``s.other_body``), not of ``s.body``.
    - ``s.users[role]`` is the user for each logged-in role.
    """
    body = BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")
    other_body = BodyFactory(name="Elsewhere Board", short_name="EB")

    def login_person(name, role, on_body):
        person = PersonFactory(name=name, user=UserFactory())
        MembershipFactory(person=person, body=on_body, role=role)
        return person

    member_person = login_person("Valerie Hayllor", Membership.Role.MEMBER, body)
    secretariat_person = login_person("Sonia Thomson", Membership.Role.SECRETARIAT, body)
    chair_person = login_person("Jessica May", Membership.Role.CHAIR, body)
    outsider_person = login_person("Otto Outsider", Membership.Role.MEMBER, other_body)

    meeting = MeetingFactory(body=body, date=timezone.localdate() + dt.timedelta(days=14))
    item = AgendaItemFactory(meeting=meeting, title="Innovation fund", position=1, number="1")
    attendance = AttendanceFactory(
        meeting=meeting, person=member_person, category=Attendance.Category.PRESENT
    )
    decision = DecisionFactory(item=item, text="<p>The innovation fund criteria were agreed.</p>")
    paper = Paper.objects.create(item=item, reference="Paper 1", title="Innovation fund criteria")
    action = ActionFactory(meeting=meeting, item=item, number=1, description="Circulate criteria")
    ActionOwnerFactory(action=action, person=member_person)

    # Minutes circulated: their action is issued, so its owner sees it (``s.action`` above is
    # still in the draft, the secretariat's and the chair's only).
    circulated_meeting = MeetingFactory(
        body=body,
        date=timezone.localdate() - dt.timedelta(days=20),
        status=Meeting.Status.CIRCULATED,
    )
    issued_action = ActionFactory(
        meeting=circulated_meeting,
        item=AgendaItemFactory(meeting=circulated_meeting, title="Bids", position=1, number="1"),
        number=1,
        description="Publish the bids",
    )
    ActionOwnerFactory(action=issued_action, person=member_person)

    # The record is written while a draft, then signed: signed records refuse writes.
    signed_meeting = MeetingFactory(body=body, date=timezone.localdate() - dt.timedelta(days=60))
    signed_item = AgendaItemFactory(meeting=signed_meeting, title="Welcome", position=1, number="1")
    signed_meeting.status = Meeting.Status.SIGNED
    signed_meeting.signed_by = chair_person
    signed_meeting.signed_at = timezone.now() - dt.timedelta(days=30)
    signed_meeting.fingerprint = "ab" * 32
    signed_meeting.save()

    return SimpleNamespace(
        body=body,
        other_body=other_body,
        meeting=meeting,
        item=item,
        attendance=attendance,
        decision=decision,
        paper=paper,
        action=action,
        issued_action=issued_action,
        signed_meeting=signed_meeting,
        signed_item=signed_item,
        member_person=member_person,
        secretariat_person=secretariat_person,
        chair_person=chair_person,
        outsider_person=outsider_person,
        users={
            "member": member_person.user,
            "secretariat": secretariat_person.user,
            "chair": chair_person.user,
            "outsider": outsider_person.user,
        },
    )
