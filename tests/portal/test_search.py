"""Search: who finds what, confidential marks, safe snippets, kinds, bodies, pages, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Membership, Organisation
from portal.search import PAGE_SIZE, _sources
from portal.search_backend import Backend
from portal.search_text import date_range, highlight, render_marked, search_terms
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from tests.html import by_class, texts

pytestmark = pytest.mark.django_db
CIRCULATED = Meeting.Status.CIRCULATED

URL = reverse("search")
NOTHING = {"decisions": 0, "items": 0, "actions": 0, "meetings": 0, "people": 0}


def build_record(body, *, copies=1, word="budget"):
    """A meeting of ``body`` with ``copies`` of each kind mentioning ``word``."""
    meeting = MeetingFactory(
        body=body,
        date=dt.date(2011, 11, 9),
        venue="Corporate Training Centre, Elm Bank",
        status=CIRCULATED,  # members read minutes once circulated (draft ones: see below)
    )
    council, _ = Organisation.objects.get_or_create(
        name="Sunderland City Council", defaults={"acronym": "SCC"}
    )
    owner = PersonFactory(name="Valerie Hayllor", organisation=council, job_title="Treasurer")
    MembershipFactory(person=owner, body=body, role=Membership.Role.MEMBER)
    items, decisions, actions = [], [], []
    for n in range(copies):
        item = AgendaItemFactory(
            meeting=meeting,
            title=f"The {word} for 2012/13 (part {n})",
            minutes=f"<p>The group discussed the {word} gap and the savings it needs.</p>",
        )
        items.append(item)
        decisions.append(DecisionFactory(item=item, text=f"<p>The {word} was approved.</p>"))
        action = ActionFactory(
            meeting=meeting, item=item, description=f"Circulate the {word} paper to partners"
        )
        ActionOwnerFactory(action=action, person=owner)
        actions.append(action)
    return meeting, items, decisions, actions


def pks(objects):
    return [o.pk for o in objects]


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


# --- Who sees what ----------------------------------------------------------------------------


def test_search_anonymous_is_sent_to_login(client):
    response = client.get(URL, {"q": "budget"})

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}%3Fq%3Dbudget"


def test_search_member_finds_every_kind_of_their_body(client, body, member_user):
    meeting, items, decisions, actions = build_record(body)

    results = get(client, member_user, q="budget").context["results"]

    assert results.counts == {"decisions": 1, "items": 1, "actions": 1, "meetings": 0, "people": 0}
    groups = {g.kind.key: pks(g.hits) for g in results.shown_groups}
    assert groups == {"decisions": pks(decisions), "items": pks(items), "actions": pks(actions)}


def test_search_outsider_finds_nothing_of_a_body_they_do_not_sit_on(client, body, outsider_user):
    build_record(body)

    response = get(client, outsider_user, q="budget")

    assert response.context["results"].counts == NOTHING
    assert "Nothing found for “budget”." in response.content.decode()


def test_search_outsider_finds_their_own_body_only(client, body, outsider_user):
    build_record(body)
    own_body = outsider_user.person.memberships.get().body
    _, own_items, _, _ = build_record(own_body)

    results = get(client, outsider_user, q="budget", kind="items").context["results"]

    assert pks(results.page.object_list) == pks(own_items)


def test_search_secretariat_and_chair_find_their_body(client, body, secretariat_user, chair_user):
    _, items, _, _ = build_record(body)

    for user in (secretariat_user, chair_user):
        results = get(client, user, q="budget", kind="items").context["results"]
        assert pks(results.page.object_list) == pks(items)


def test_search_former_member_finds_nothing(client, body):
    user = UserFactory()
    person = PersonFactory(user=user)
    MembershipFactory(
        person=person, body=body, start_date=dt.date(2010, 1, 1), end_date=dt.date(2011, 1, 1)
    )
    build_record(body)

    assert get(client, user, q="budget").context["results"].counts == NOTHING


def test_search_admin_finds_every_body(client, body):
    admin = UserFactory(is_superuser=True, is_staff=True)
    _, items, _, _ = build_record(body)
    _, other_items, _, _ = build_record(BodyFactory())

    results = get(client, admin, q="budget", kind="items").context["results"]

    assert sorted(pks(results.page.object_list)) == sorted(pks(items + other_items))


def test_search_people_are_members_of_the_users_bodies(client, body, member_user):
    build_record(body)
    stranger = PersonFactory(name="Valerie Hayllor-Smith")
    MembershipFactory(person=stranger, body=BodyFactory())

    results = get(client, member_user, q="Hayllor", kind="people").context["results"]

    assert [p.name for p in results.page.object_list] == ["Valerie Hayllor"]
    assert [(m.body_id, m.role) for m in results.page.object_list[0].found_in] == [
        (body.pk, Membership.Role.MEMBER)
    ]


def test_search_actions_found_by_owner_name(client, body, member_user):
    _, _, _, actions = build_record(body)

    results = get(client, member_user, q="Hayllor", kind="actions").context["results"]

    assert pks(results.page.object_list) == pks(actions)
    assert results.page.object_list[0].owners_html == "Valerie <mark>Hayllor</mark>"


def test_search_meetings_found_by_venue_and_by_date(client, body, member_user):
    meeting, _, _, _ = build_record(body)
    MeetingFactory(body=body, date=dt.date(2011, 12, 7), venue="Civic Centre", status=CIRCULATED)

    by_venue = get(client, member_user, q="Elm Bank", kind="meetings").context["results"]
    by_day = get(client, member_user, q="9 November 2011", kind="meetings").context["results"]
    by_month = get(client, member_user, q="November 2011", kind="meetings").context["results"]

    assert pks(by_venue.page.object_list) == [meeting.pk]
    assert pks(by_day.page.object_list) == [meeting.pk]
    assert pks(by_month.page.object_list) == [meeting.pk]


# --- Confidential items and links -------------------------------------------------------------


def test_search_confidential_item_is_found_and_marked(client, body, member_user):
    meeting = MeetingFactory(body=body, status=CIRCULATED)
    open_item = AgendaItemFactory(meeting=meeting, number="1", title="Housing allocations")
    secret = AgendaItemFactory(
        meeting=meeting, number="2", title="Housing land disposal", confidential=True
    )
    DecisionFactory(item=secret, text="<p>The housing site sale was approved.</p>")

    response = get(client, member_user, q="housing")
    results = response.context["results"]
    html = response.content.decode()

    assert results.counts == {"decisions": 1, "items": 2, "actions": 0, "meetings": 0, "people": 0}
    by_kind = {g.kind.key: [(h.pk, h.confidential) for h in g.hits] for g in results.shown_groups}
    assert by_kind == {
        "decisions": [(secret.decisions.get().pk, True)],
        "items": [(open_item.pk, False), (secret.pk, True)],
    }
    assert (
        html.count('<span class="badge status-badge status-confidential">Confidential</span>') == 2
    )
    assert f'href="/meetings/{meeting.pk}/?tab=minutes#item-{secret.pk}"' in html


def test_search_results_link_to_their_place(client, body, member_user):
    meeting, items, _, actions = build_record(body)

    html = get(client, member_user, q="budget").content.decode()

    assert f'href="/meetings/{meeting.pk}/?tab=minutes#item-{items[0].pk}"' in html
    assert f'href="/actions/{actions[0].pk}/"' in html
    people_html = get(client, member_user, q="Hayllor").content.decode()
    assert f'href="/bodies/{body.slug}/"' in people_html


def test_search_dates_are_uk_form(client, body, member_user):
    build_record(body)

    html = get(client, member_user, q="budget", kind="items").content.decode()

    assert "Wed 9 November 2011" in html


# --- Snippets ---------------------------------------------------------------------------------


def test_search_snippet_of_minutes_with_a_script_tag_is_inert(client, body, member_user):
    meeting = MeetingFactory(body=body, status=CIRCULATED)
    # Written past the sanitiser on purpose: the search page must be safe on its own.
    item = AgendaItemFactory(
        meeting=meeting,
        title="Tenders",
        minutes="<p>Tenders <script>alert('owned')</script> were opened &amp; scored.</p>"
        "<p>Typed by the minute-taker: &lt;script&gt;alert(1)&lt;/script&gt; tenders.</p>",
    )

    response = get(client, member_user, q="tenders", kind="items")
    hit = response.context["results"].page.object_list[0]
    html = response.content.decode()

    assert hit.pk == item.pk
    assert hit.snippet == (
        "<mark>Tenders</mark> alert(&#x27;owned&#x27;) were opened &amp; scored. Typed by the "
        "minute-taker: &lt;script&gt;alert(1)&lt;/script&gt; <mark>tenders</mark>"
    )
    assert "<script>alert" not in html
    assert "&amp;lt;" not in html


def test_search_snippet_markup_in_a_title_is_escaped(client, body, member_user):
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, status=CIRCULATED), title="<b>Budget</b> & <i>plans</i>"
    )

    hit = get(client, member_user, q="budget", kind="items").context["results"].page[0]

    assert hit.title_html == "&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; &amp; &lt;i&gt;plans&lt;/i&gt;"


def test_search_snippet_highlights_stemmed_words(client, body, member_user):
    item = AgendaItemFactory(
        meeting=MeetingFactory(body=body, status=CIRCULATED),
        title="Partnership",
        minutes="<p>Partners agreed the meetings would move to the <em>Civic Centre</em>.</p>",
    )

    hit = get(client, member_user, q="meeting", kind="items").context["results"].page[0]

    assert hit.pk == item.pk
    assert hit.snippet == (
        "Partners agreed the <mark>meetings</mark> would move to the Civic Centre"
    )


def test_render_marked_escapes_everything_but_balanced_marks():
    assert render_marked("\ue000<img src=x>\ue001\ue001 & \ue000open") == (
        "<mark>&lt;img src=x&gt;</mark> &amp; <mark>open</mark>"
    )
    assert render_marked("a &lt;b&gt; &amp; c", from_html=True) == "a &lt;b&gt; &amp; c"


def test_highlight_marks_word_starts_only():
    assert highlight("Budget setting and rebudgeting", ["budget"]) == (
        "<mark>Budget</mark> setting and rebudgeting"
    )


def test_search_terms_follow_web_search_syntax():
    assert search_terms('"community budget" or grants -housing') == [
        "community",
        "budget",
        "grants",
    ]


def test_date_range_understands_days_and_months():
    assert date_range("9th November, 2011") == (dt.date(2011, 11, 9), dt.date(2011, 11, 9))
    assert date_range("9/11/2011") == (dt.date(2011, 11, 9), dt.date(2011, 11, 9))
    assert date_range("Feb 2012") == (dt.date(2012, 2, 1), dt.date(2012, 2, 29))
    assert date_range("budget 2012") is None


# --- Kinds, bodies, pages, empty states -------------------------------------------------------


def test_search_kind_filter_lists_only_that_kind_with_all_counts(client, body, member_user):
    _, _, _, actions = build_record(body, copies=2)

    response = get(client, member_user, q="budget", kind="actions")
    results = response.context["results"]

    assert results.kind == "actions"
    assert results.counts == {"decisions": 2, "items": 2, "actions": 2, "meetings": 0, "people": 0}
    assert sorted(pks(results.page.object_list)) == sorted(pks(actions))
    assert results.shown_groups == [results.groups[2]]
    assert '<input type="hidden" name="kind" value="actions">' in response.content.decode()


def test_search_unknown_kind_shows_everything(client, body, member_user):
    build_record(body)

    results = get(client, member_user, q="budget", kind="secrets").context["results"]

    assert (results.kind, results.page, results.total) == (None, None, 3)


def test_search_body_filter_narrows_to_one_of_the_users_bodies(client, body, member_user):
    other = BodyFactory(name="IEWM Board", short_name="IEWM")
    MembershipFactory(person=member_user.person, body=other)
    _, items, _, _ = build_record(body)
    _, other_items, _, _ = build_record(other)

    everywhere = get(client, member_user, q="budget", kind="items").context["results"]
    narrowed = get(client, member_user, q="budget", kind="items", body=other.slug)

    assert sorted(pks(everywhere.page.object_list)) == sorted(pks(items + other_items))
    assert pks(narrowed.context["results"].page.object_list) == pks(other_items)
    assert narrowed.context["results"].body == other
    assert f'<option value="{other.slug}" selected>IEWM Board</option>' in (
        narrowed.content.decode()
    )


def test_search_body_filter_on_a_body_the_user_cannot_see_is_ignored(client, body, member_user):
    _, items, _, _ = build_record(body)
    hidden = BodyFactory()
    build_record(hidden)

    results = get(client, member_user, q="budget", kind="items", body=hidden.slug).context[
        "results"
    ]

    assert (results.body, pks(results.page.object_list)) == (None, pks(items))


def test_search_paginates_by_25(client, body, member_user):
    build_record(body, copies=PAGE_SIZE + 5)

    first = get(client, member_user, q="budget", kind="items").context["results"].page
    second = get(client, member_user, q="budget", kind="items", page=2).context["results"].page

    assert (first.paginator.count, len(first), len(second), first.paginator.num_pages) == (
        30,
        25,
        5,
        2,
    )
    assert not set(pks(first)) & set(pks(second))


def test_search_overview_shows_five_per_kind_and_a_link_to_the_rest(client, body, member_user):
    build_record(body, copies=7)

    response = get(client, member_user, q="budget")
    items = next(g for g in response.context["results"].groups if g.kind.key == "items")

    assert (items.count, len(items.hits), items.more) == (7, 5, 2)
    assert 'href="?q=budget&amp;kind=items">See all 7 items</a>' in response.content.decode()


def test_search_empty_query_explains_what_can_be_searched(client, member_user):
    response = get(client, member_user, q="  ")

    html = response.content.decode()
    assert response.context["results"].groups == []
    assert "What you can search" in html
    assert "members of your bodies by name, job title or organisation" in html


def test_search_no_results_suggests_removing_filters(client, body, member_user):
    build_record(body)

    response = get(client, member_user, q="zeppelin", kind="items", body=body.slug)

    html = response.content.decode()
    assert "Nothing found for “zeppelin” in Sunderland Innovation and Improvement Group." in html
    assert 'Try <a href="?q=zeppelin">removing the filters</a>' in html


def test_search_box_in_the_top_bar_keeps_the_query(client, member_user):
    html = get(client, member_user, q="budget plans").content.decode()

    assert '<form class="d-flex nav-search my-2 my-lg-0 me-lg-3" role="search"' in html
    assert 'id="nav-search-q" name="q" value="budget plans"' in html


def test_search_only_stop_words_finds_nothing_without_error(client, body, member_user):
    build_record(body)

    response = get(client, member_user, q="the and")

    assert (response.status_code, response.context["results"].counts) == (200, NOTHING)


# --- Query counts -----------------------------------------------------------------------------


# Hits listed for 2, then 20 copies of the record: all kinds preview 5 of each of decisions,
# items and actions; one kind lists a page of 25; each record adds one "Valerie Hayllor".
SEARCH_HITS = {None: (6, 15), "items": (2, 20), "actions": (2, 20), "people": (1, 2)}


@pytest.mark.parametrize("kind", [None, "items", "actions", "people"])
def test_search_query_count_is_fixed(client, body, member_user, kind):
    def count(copies, word):
        build_record(body, copies=copies, word=word)
        client.force_login(member_user)
        params = {"q": "Hayllor" if kind == "people" else word}
        if kind:
            params["kind"] = kind
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, params)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(texts(response, by_class("search-hit", "li")))

    small_count, small_hits = count(2, "budget")
    large_count, large_hits = count(20, "grants")

    assert (small_count, (small_hits, large_hits)) == (large_count, SEARCH_HITS[kind])


# --- The SQLite fallback (make run), exercised here on PostgreSQL: icontains works on both ------


def fallback(query, key, body_ids=None):
    backend = Backend(query)
    backend.postgres = False
    sources = _sources(body_ids, query)
    found = backend.scan(sources, {key: (0, PAGE_SIZE)})[key]
    return backend, sources[key], found.rows


def test_fallback_requires_every_word_in_some_field(body):
    _, items, _, actions = build_record(body)
    AgendaItemFactory(meeting=items[0].meeting, title="Budget only")

    _, _, found_items = fallback("budget savings", "items", {body.pk})
    _, _, found_actions = fallback("budget valerie", "actions", {body.pk})
    _, _, elsewhere = fallback("budget", "items", {BodyFactory().pk})

    assert (pks(found_items), pks(found_actions), elsewhere) == (pks(items), pks(actions), [])


def test_fallback_snippet_is_cut_around_the_word_and_escaped(body):
    words = " ".join(f"word{n}" for n in range(60))
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, status=CIRCULATED),
        title="Long minutes",
        minutes=f"<p>{words} the <b>budget</b> &amp; &lt;script&gt; {words}</p>",
    )

    backend, source, (item,) = fallback("budget", "items", {body.pk})

    assert backend.snippet(item, source) == (
        "… word51 word52 word53 word54 word55 word56 word57 word58 word59 the "
        "<mark>budget</mark> &amp; &lt;script&gt; word0 word1 word2 word3 word4 word5 word6 "
        "word7 word8 word9 word10 word11 word12 word13 word14 word15 word16 …"
    )
