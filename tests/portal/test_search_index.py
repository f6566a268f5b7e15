"""The stored search index (portal.search_index): PostgreSQL keeps it in step with every write,
through the services and around them; it holds the vectors search used to compute at query
time; it can be rebuilt, signed minutes included; and it never widens who finds what."""

import datetime as dt
import io

import pytest
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.db import connection
from django.db.models import CharField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse

from actions.models import Action, ActionOwner
from actions.services import action_edit
from meetings.models import AgendaItem, Decision, Meeting
from meetings.services import item_delete, item_minutes_save, item_update
from partners.models import Person
from partners.services import organisation_update, person_update, team_update
from portal.models import SearchEntry
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("search")


def found(client, user, query, kind) -> list[int]:
    """The ids of the ``kind`` listed on the search page for ``query`` (first page)."""
    client.force_login(user)
    response = client.get(URL, {"q": query, "kind": kind})
    assert response.status_code == 200
    return [hit.pk for hit in response.context["results"].page.object_list]


def counts(client, user, query) -> dict[str, int]:
    client.force_login(user)
    return client.get(URL, {"q": query}).context["results"].counts


def entries() -> dict[tuple[str, int], str]:
    rows = SearchEntry.objects.annotate(text=Cast("vector", TextField()))
    return {(e.kind, e.object_id): e.text for e in rows}


@pytest.fixture
def circulated(body):
    return MeetingFactory(body=body, status=Meeting.Status.CIRCULATED, venue="Civic Centre")


@pytest.fixture
def draft(body):
    """Minutes still being written: the secretariat edits them and reads them in search."""
    return MeetingFactory(body=body, status=Meeting.Status.DRAFT)


# --- The index follows edits ------------------------------------------------------------------


def test_index_item_edited_after_indexing_is_found_by_its_new_words_only(
    client, secretariat_user, draft
):
    item = AgendaItemFactory(
        meeting=draft, title="Tenders", minutes="<p>The tenders were scored.</p>"
    )
    decision = DecisionFactory(item=item, text="<p>The contract was awarded.</p>")
    before = (
        found(client, secretariat_user, "scored", "items"),
        found(client, secretariat_user, "tenders", "decisions"),
    )

    # The minutes editor saves with a conditional update(), which sends no signal.
    item_minutes_save(
        item=item, minutes="<p>The bids were ranked.</p>", base_revision=item.revision
    )
    item_update(item=AgendaItem.objects.get(pk=item.pk), title="Procurement")

    after = {
        (kind, word): found(client, secretariat_user, word, kind)
        for kind, word in (
            ("items", "scored"),
            ("items", "ranked"),
            ("items", "tenders"),
            ("decisions", "tenders"),
            ("decisions", "procurement"),
        )
    }
    assert before == ([item.pk], [decision.pk])
    assert after == {
        ("items", "scored"): [],
        ("items", "ranked"): [item.pk],
        ("items", "tenders"): [],
        ("decisions", "tenders"): [],
        ("decisions", "procurement"): [decision.pk],
    }


def test_index_actions_follow_their_owners_names(client, member_user, circulated, body):
    person = PersonFactory(name="Valerie Hayllor", initials="VH")
    organisation = OrganisationFactory(name="Gateshead Council", acronym="GC")
    team = TeamFactory(body=body, name="Finance working group")
    by_person, by_organisation, by_team = (
        ActionFactory(meeting=circulated, description=f"Report back {n}") for n in range(3)
    )
    ActionOwnerFactory(action=by_person, person=person)
    ActionOwnerFactory(action=by_organisation, person=None, organisation=organisation)
    ActionOwnerFactory(action=by_team, person=None, team=team)

    person_update(person=person, name="Valerie Smith", initials="")
    organisation_update(
        organisation=organisation, name="Newcastle Council", acronym="NCC", sector="other"
    )
    team_update(team=team, name="Audit working group", everyone=False)

    search = {
        word: found(client, member_user, word, "actions")
        for word in ("hayllor", "smith", "gateshead", "newcastle", "ncc", "finance", "audit")
    }
    assert search == {
        "hayllor": [],
        "smith": [by_person.pk],
        "gateshead": [],
        "newcastle": [by_organisation.pk],
        "ncc": [by_organisation.pk],
        "finance": [],
        "audit": [by_team.pk],
    }


def test_index_actions_follow_owners_replaced(client, member_user, circulated):
    action = ActionFactory(meeting=circulated, description="Circulate the paper")
    ActionOwnerFactory(action=action, person=PersonFactory(name="Ann Archer"))
    newcomer = PersonFactory(name="Bob Brewer")

    # The owners are written with bulk_create, which sends no signal.
    action_edit(action=action, owners=[newcomer], due_date=None, due_note="")

    assert found(client, member_user, "archer", "actions") == []
    assert found(client, member_user, "brewer", "actions") == [action.pk]


def test_index_meetings_and_people_follow_their_body_and_organisation(
    client, member_user, circulated, body
):
    person = PersonFactory(name="Carol Cole", job_title="Treasurer")
    MembershipFactory(person=person, body=body)
    body.name = "Tyne and Wear Partnership"
    body.save()
    person.organisation.name = "Durham County Council"
    person.organisation.save()

    assert found(client, member_user, "tyne", "meetings") == [circulated.pk]
    assert found(client, member_user, "sunderland", "meetings") == []
    assert found(client, member_user, "durham", "people") == [person.pk]


def test_index_forgets_deleted_rows(draft):
    item = AgendaItemFactory(meeting=draft, title="Tenders")
    decision = DecisionFactory(item=item)
    kept = AgendaItemFactory(meeting=draft, title="Housing")

    item_delete(item=item)

    assert set(entries()) == {("meetings", draft.pk), ("items", kept.pk)}
    assert not SearchEntry.objects.filter(kind="decisions", object_id=decision.pk).exists()


def test_index_signed_minutes_are_indexed_and_follow_a_renamed_owner(client, member_user, body):
    meeting, item, action, owner = signed_record(body)

    person_update(person=owner, name="Valerie Smith", initials="")
    SearchEntry.objects.filter(kind="items").delete()
    call_command("search_index", stdout=io.StringIO())

    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SIGNED
    assert found(client, member_user, "hayllor", "actions") == []
    assert found(client, member_user, "smith", "actions") == [action.pk]
    assert found(client, member_user, "budget", "items") == [item.pk]


def signed_record(body):
    """A meeting with an item, a decision and an owned action, then signed: from here the
    database refuses every change to those rows (records.triggers)."""
    meeting = MeetingFactory(body=body, status=Meeting.Status.APPROVED)
    item = AgendaItemFactory(meeting=meeting, title="Budget", minutes="<p>The budget gap.</p>")
    DecisionFactory(item=item)
    action = ActionFactory(meeting=meeting, item=item, description="Circulate the paper")
    owner = PersonFactory(name="Valerie Hayllor")
    ActionOwnerFactory(action=action, person=owner)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.SIGNED,
        signed_by=owner,
        signed_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
        fingerprint="0" * 64,
    )
    return meeting, item, action, owner


# --- What the index holds ---------------------------------------------------------------------


def test_index_holds_the_vectors_search_computed_at_query_time(circulated, body):
    """The vectors of the search before #13, computed here as it did: same matches, same ranks."""
    item = AgendaItemFactory(meeting=circulated, title="Budget 2012/13", minutes="<p>Savings</p>")
    DecisionFactory(item=item, text="<p>The budget was <b>approved</b>.</p>")
    action = ActionFactory(meeting=circulated, item=item, description="Write to partners")
    ActionOwnerFactory(action=action, person=PersonFactory(name="Ann Archer", initials="AA"))
    ActionOwnerFactory(
        action=action, person=None, organisation=OrganisationFactory(name="NHS", acronym="NHSE")
    )
    ActionOwnerFactory(action=action, person=None, team=TeamFactory(body=body, name="Finance"))
    ActionFactory(meeting=circulated, item=None, description="No owner yet")
    PersonFactory(name="Carol Cole", job_title="Treasurer", organisation=None)

    def vector(*weighted):
        parts = [SearchVector(name, weight=weight, config="english") for name, weight in weighted]
        combined = parts[0]
        for part in parts[1:]:
            combined += part
        return Cast(combined, TextField())

    label = Concat(
        Coalesce("person__name", Value("")),
        Value(" "),
        Coalesce("person__initials", Value("")),
        Value(" "),
        Coalesce("organisation__name", Value("")),
        Value(" "),
        Coalesce("organisation__acronym", Value("")),
        Value(" "),
        Coalesce("team__name", Value("")),
        output_field=CharField(),
    )
    owners = (
        ActionOwner.objects.filter(action_id=OuterRef("pk"))
        .values("action_id")
        .annotate(names=StringAgg(label, delimiter=" ", order_by=("position", "id")))
        .values("names")
    )
    expected = {}
    for kind, queryset, weighted in (
        ("decisions", Decision.objects.all(), [("text", "A"), ("item__title", "B")]),
        ("items", AgendaItem.objects.all(), [("title", "A"), ("minutes", "B")]),
        (
            "actions",
            Action.objects.annotate(owners_text=Subquery(owners, output_field=CharField())),
            [("description", "A"), ("owners_text", "B")],
        ),
        (
            "meetings",
            Meeting.objects.all(),
            [("body__name", "A"), ("body__short_name", "A"), ("title", "A"), ("venue", "B")],
        ),
        (
            "people",
            Person.objects.all(),
            [
                ("name", "A"),
                ("initials", "A"),
                ("job_title", "B"),
                ("organisation__name", "B"),
                ("organisation__acronym", "B"),
            ],
        ),
    ):
        for pk, text in queryset.annotate(document=vector(*weighted)).values_list("pk", "document"):
            expected[(kind, pk)] = text

    assert entries() == expected
    assert expected[("actions", action.pk)] == (
        "'aa':6B 'ann':4B 'archer':5B 'financ':9B 'nhs':7B 'nhse':8B 'partner':3A 'write':1A"
    )


def test_index_rebuild_takes_in_rows_written_with_triggers_off(client, member_user, circulated):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # as bench.data does
        item = AgendaItemFactory(meeting=circulated, title="Allotments")
        cursor.execute("SET LOCAL session_replication_role = origin")
    missing = found(client, member_user, "allotments", "items")

    out = io.StringIO()
    call_command("search_index", stdout=out)

    assert (missing, found(client, member_user, "allotments", "items")) == ([], [item.pk])
    assert out.getvalue() == (
        "Search index rebuilt: 0 decisions, 1 items, 0 actions, 1 meetings, 1 people.\n"
    )


# --- It never widens who finds what ----------------------------------------------------------


def test_index_draft_minutes_are_found_by_secretariat_and_chair_only(
    client, body, member_user, secretariat_user, chair_user
):
    draft = MeetingFactory(body=body, status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=draft, title="Zeppelin hangar", minutes="<p>Zeppelin.</p>")
    DecisionFactory(item=item, text="<p>The zeppelin was agreed.</p>")
    ActionFactory(meeting=draft, item=item, description="Moor the zeppelin")

    by_role = {
        "member": counts(client, member_user, "zeppelin"),
        "secretariat": counts(client, secretariat_user, "zeppelin"),
        "chair": counts(client, chair_user, "zeppelin"),
    }

    nothing = {"decisions": 0, "items": 0, "actions": 0, "meetings": 0, "people": 0}
    everything = {"decisions": 1, "items": 1, "actions": 1, "meetings": 0, "people": 0}
    assert by_role == {"member": nothing, "secretariat": everything, "chair": everything}


def test_index_confidential_item_is_not_found_outside_its_body(
    client, circulated, member_user, outsider_user
):
    secret = AgendaItemFactory(
        meeting=circulated, title="Land disposal", minutes="<p>Sale.</p>", confidential=True
    )
    DecisionFactory(item=secret, text="<p>The land sale was approved.</p>")
    ActionFactory(meeting=circulated, item=secret, description="Instruct the land agent")
    SearchEntry.objects.get(kind="items", object_id=secret.pk)  # indexed all the same

    assert counts(client, outsider_user, "land") == {
        "decisions": 0,
        "items": 0,
        "actions": 0,
        "meetings": 0,
        "people": 0,
    }
    assert counts(client, member_user, "land") == {
        "decisions": 1,
        "items": 1,
        "actions": 1,
        "meetings": 0,
        "people": 0,
    }


# --- Ranking and pages ------------------------------------------------------------------------


def test_search_ranks_a_title_above_an_older_mention_in_the_minutes(client, body, member_user):
    newer = MeetingFactory(body=body, status=Meeting.Status.CIRCULATED, date=dt.date(2012, 1, 11))
    older = MeetingFactory(body=body, status=Meeting.Status.CIRCULATED, date=dt.date(2011, 1, 12))
    mentioned = AgendaItemFactory(meeting=newer, title="Other business", minutes="<p>Grants.</p>")
    titled = AgendaItemFactory(meeting=older, title="Grants", minutes="<p>Agreed.</p>")

    assert found(client, member_user, "grants", "items") == [titled.pk, mentioned.pk]


@pytest.mark.parametrize(("page", "shown"), [("2", 2), ("9", 2), ("0", 2), ("x", 1)])
def test_search_page_past_the_end_shows_the_last_page(client, circulated, member_user, page, shown):
    items = [AgendaItemFactory(meeting=circulated, title="Grants") for _ in range(27)]
    client.force_login(member_user)

    result = client.get(URL, {"q": "grants", "kind": "items", "page": page}).context["results"]

    ordered = sorted(items, key=lambda i: (i.position, i.pk))
    expected = ordered[25:] if shown == 2 else ordered[:25]
    assert (result.page.number, result.counts["items"]) == (shown, 27)
    assert [hit.pk for hit in result.page.object_list] == [i.pk for i in expected]
