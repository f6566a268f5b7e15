"""The register for speed: everyone marked at once, the last meeting's people copied, several
arrivals and departures per person, labels saved without redrawing, and a refused row that is
also the chair answered with its message (it was a 500)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Movement
from tests.factories import AttendanceFactory, MeetingFactory, PersonFactory

from .conftest import HTMX, JSON

pytestmark = pytest.mark.django_db
EXPECTED, PRESENT = Attendance.Category.EXPECTED, Attendance.Category.PRESENT


def _categories(meeting):
    return list(meeting.attendances.order_by("position").values_list("person__name", "category"))


def _url(name, meeting, **kwargs):
    return reverse(name, kwargs={"pk": meeting.pk, **kwargs})


# --- Everyone not yet marked, marked at once ------------------------------------------------


def test_mark_unmarked_marks_only_those_still_expected(draft):
    reed = draft.attendances.get(person__name="Sarah Reed")
    services.attendance_update(attendance=reed, category=Attendance.Category.APOLOGIES)

    count = services.attendance_mark_unmarked(meeting=draft, category=PRESENT)

    assert (count, _categories(draft)) == (
        2,
        [("Jessica May", "present"), ("Sarah Reed", "apologies"), ("Valerie Hayllor", "present")],
    )
    may = draft.attendances.get(person__name="Jessica May")
    assert [h.category for h in may.history.order_by("history_id")] == ["expected", "present"]


def test_mark_unmarked_refuses_expected_as_the_category(draft):
    with pytest.raises(ValidationError) as exc:
        services.attendance_mark_unmarked(meeting=draft, category=EXPECTED)
    assert exc.value.message_dict == {"category": ["Choose a category."]}


def test_mark_unmarked_with_htmx_redraws_the_register_focused_on_the_first_row(officer, draft):
    response = officer.post(
        _url("draft_register_mark_unmarked", draft), {"category": "present"}, **HTMX
    )
    html = response.content.decode()
    first = draft.attendances.order_by("position").first()
    assert (response.status_code, [c for _, c in _categories(draft)]) == (200, ["present"] * 3)
    assert (
        html.count("3 people marked “Present”."),
        html.count(f'data-focus="row-{first.pk}"'),
    ) == (
        1,
        1,
    )
    # Nobody is left unmarked, so the button is gone.
    assert html.count('form="mark-unmarked"') == 0


def test_mark_unmarked_without_javascript_redirects_with_a_message(officer, draft):
    response = officer.post(_url("draft_register_mark_unmarked", draft), {"category": "present"})
    assert (response.status_code, response.url) == (302, _url("draft_register", draft))
    page = officer.get(response.url).content.decode()
    assert page.count("3 people marked “Present”.") == 1


def test_register_offers_mark_everyone_then_the_rest(officer, draft):
    html = officer.get(_url("draft_register", draft)).content.decode()
    assert html.count(">Mark everyone present</button>") == 1
    row = draft.attendances.get(person__name="Sarah Reed")
    services.attendance_update(attendance=row, category=Attendance.Category.APOLOGIES)
    html = officer.get(_url("draft_register", draft)).content.decode()
    assert html.count(">Mark the 2 not yet marked present</button>") == 1


# --- Copy from the last meeting ---------------------------------------------------------------


@pytest.fixture
def last_meeting(body, draft, members):
    last = MeetingFactory(body=body, date=draft.date - dt.timedelta(days=28))
    guest = PersonFactory(name="Neil Hayes")
    deputy = PersonFactory(name="Dee Puty")
    AttendanceFactory(meeting=last, person=members["Jessica May"], position=0)
    AttendanceFactory(
        meeting=last,
        person=guest,
        category=Attendance.Category.IN_ATTENDANCE,
        group_label="Officers",
        role_label="Minutes",
        position=1,
    )
    AttendanceFactory(meeting=last, person=deputy, substitute_for=members["Sarah Reed"], position=2)
    return last


def test_copy_from_adds_the_missing_people_with_their_labels_unmarked(draft, last_meeting):
    added = services.attendance_copy_from(meeting=draft, source=last_meeting)
    rows = list(
        draft.attendances.order_by("position").values_list(
            "person__name", "category", "group_label", "role_label", "position"
        )
    )
    assert ([a.person.name for a in added], rows) == (
        ["Neil Hayes"],
        [
            ("Jessica May", "expected", "", "Chair", 0),
            ("Sarah Reed", "expected", "", "", 1),
            ("Valerie Hayllor", "expected", "", "", 2),
            ("Neil Hayes", "expected", "Officers", "Minutes", 3),
        ],
    )


def test_copy_from_refuses_a_meeting_of_another_body(draft):
    other = MeetingFactory(date=draft.date - dt.timedelta(days=7))
    with pytest.raises(ValidationError) as exc:
        services.attendance_copy_from(meeting=draft, source=other)
    assert exc.value.messages == ["Copy the register of an earlier meeting of the same body."]


def test_copy_view_copies_from_the_last_meeting(officer, draft, last_meeting):
    page = officer.get(_url("draft_register", draft)).content.decode()
    assert page.count(">Copy 1 person from the meeting of 18 December 2026</button>") == 1

    response = officer.post(_url("draft_register_copy", draft), **HTMX)

    html = response.content.decode()
    assert (
        response.status_code,
        html.count("1 person added from the meeting of 18 December 2026."),
    ) == (
        200,
        1,
    )
    assert draft.attendances.filter(person__name="Neil Hayes").count() == 1
    assert html.count('form="copy-register"') == 0


def test_copy_view_without_an_earlier_meeting_is_not_found(officer, draft):
    response = officer.post(_url("draft_register_copy", draft))
    assert response.status_code == 404


# --- Several arrivals and departures per person -------------------------------------------------


def test_a_person_can_leave_and_come_back(draft, fund, bids):
    welcome = draft.items.get(kind="apologies")
    row = draft.attendances.get(person__name="Valerie Hayllor")

    services.attendance_update(attendance=row, arrivals=[welcome, bids], departures=[fund])

    row.refresh_from_db()
    moves = list(row.movements.order_by("item__position").values_list("kind", "item__number"))
    assert (sorted(moves), row.arrived_during, row.left_after) == (
        [("joined", "1"), ("joined", "5"), ("left", "4")],
        welcome,
        None,
    )


def test_first_arrival_and_final_departure_are_kept_for_single_value_readers(draft, fund, bids):
    welcome = draft.items.get(kind="apologies")
    row = draft.attendances.get(person__name="Valerie Hayllor")
    # Joined during 1, out after 4, back during 5 and gone for good after 5.
    services.attendance_update(attendance=row, arrivals=[welcome, bids], departures=[fund, bids])
    row.refresh_from_db()
    assert (row.arrived_during, row.left_after, row.movements.count()) == (welcome, bids, 4)


def test_two_arrivals_without_a_departure_between_are_refused(draft, fund, bids):
    row = draft.attendances.get(person__name="Valerie Hayllor")
    with pytest.raises(ValidationError) as exc:
        services.attendance_update(attendance=row, arrivals=[fund, bids], note="On the phone")
    row.refresh_from_db()
    assert exc.value.message_dict == {
        "arrivals": [
            "Joined during item 4 and again during item 5 without leaving in between: say "
            "after which item they left."
        ]
    }
    assert (row.note, row.movements.count()) == ("", 0)


def test_two_departures_without_a_return_between_are_refused(draft, fund, bids):
    row = draft.attendances.get(person__name="Valerie Hayllor")
    with pytest.raises(ValidationError) as exc:
        services.attendance_update(attendance=row, departures=[fund, bids])
    assert exc.value.message_dict == {
        "departures": [
            "Left after item 4 and again after item 5 without coming back in between: say "
            "during which item they rejoined."
        ]
    }


def test_register_post_records_several_movements_and_keeps_them_when_omitted(
    officer, draft, fund, bids
):
    welcome = draft.items.get(kind="apologies")
    row = draft.attendances.get(person__name="Valerie Hayllor")
    response = officer.post(
        _url("draft_register", draft),
        {
            "rows": [row.pk],
            f"category-{row.pk}": "present",
            f"arrived-{row.pk}": [str(welcome.pk), str(bids.pk), ""],
            f"left-{row.pk}": [str(fund.pk), ""],
        },
        **JSON,
    )
    assert response.status_code == 200
    officer.post(
        _url("draft_register", draft),
        {"rows": [row.pk], f"category-{row.pk}": "present"},
        **JSON,
    )
    row.refresh_from_db()
    assert sorted(row.movements.values_list("kind", "item__number")) == [
        ("joined", "1"),
        ("joined", "5"),
        ("left", "4"),
    ]
    # Posting only blank boxes clears them.
    officer.post(
        _url("draft_register", draft),
        {"rows": [row.pk], f"arrived-{row.pk}": "", f"left-{row.pk}": ""},
        **JSON,
    )
    row.refresh_from_db()
    assert (row.movements.count(), row.arrived_during, row.left_after) == (0, None, None)


def test_register_page_shows_a_box_per_movement_and_one_more(officer, draft, fund, bids):
    row = draft.attendances.get(person__name="Valerie Hayllor")
    services.attendance_update(attendance=row, arrivals=[fund], departures=[bids])
    html = officer.get(_url("draft_register", draft)).content.decode()
    assert (
        html.count(f'name="arrived-{row.pk}"'),
        html.count(f'name="left-{row.pk}"'),
        html.count(f'<option value="{fund.pk}" selected>'),
        html.count(f'<option value="{bids.pk}" selected>'),
        html.count(">Joined again during…</option>"),
        html.count(">Left again after…</option>"),
    ) == (2, 2, 1, 1, 1, 1)


def test_movements_of_a_deleted_item_go_with_it(draft, fund):
    row = draft.attendances.get(person__name="Valerie Hayllor")
    services.attendance_update(attendance=row, arrivals=[fund])
    services.item_delete(item=fund)
    row.refresh_from_db()
    assert (Movement.objects.filter(attendance=row).count(), row.arrived_during) == (0, None)


# --- Labels, and a refused row ---------------------------------------------------------------


def test_saving_labels_answers_with_the_tidied_labels_for_the_page(officer, draft):
    row = draft.attendances.get(person__name="Sarah Reed")
    response = officer.post(
        _url("draft_register", draft),
        {
            "rows": [row.pk],
            f"group-{row.pk}": "  Executive   Members ",
            f"role-{row.pk}": " Vice  Chair",
            f"note-{row.pk}": " By phone ",
        },
        **JSON,
    )
    data = response.json()
    assert (response.status_code, data["ok"], data["rows"]) == (
        200,
        True,
        {str(row.pk): {"group": "Executive Members", "role": "Vice Chair", "note": "By phone"}},
    )


def test_refused_row_that_is_also_the_chair_is_answered_not_a_500(officer, draft):
    may = draft.attendances.get(person__name="Jessica May")
    response = officer.post(
        _url("draft_register", draft),
        {
            "rows": [may.pk],
            f"category-{may.pk}": "present",
            f"note-{may.pk}": "x" * 201,
            "chaired": str(may.pk),
        },
        **JSON,
    )
    may.refresh_from_db()
    assert (response.status_code, response.json()) == (
        400,
        {"ok": False, "errors": {str(may.pk): "Keep the note under 200 characters."}},
    )
    # The row is untouched; who chaired is a separate fact and is recorded.
    assert (may.category, may.note, may.chaired) == ("expected", "", True)


def test_refused_update_leaves_the_row_in_hand_unchanged(draft):
    row = draft.attendances.get(person__name="Sarah Reed")
    with pytest.raises(ValidationError):
        services.attendance_update(
            attendance=row, category="present", role_label="Vice Chair", group_label="g" * 81
        )
    assert (row.category, row.role_label, row.group_label) == ("expected", "", "")


# --- The page --------------------------------------------------------------------------------


def _register_queries(client, meeting):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url("draft_register", meeting))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_register_page_query_count_does_not_grow_with_the_register(officer, body, draft):
    """Both meetings follow ``draft``, so both offer "copy from the last meeting". Session,
    user, meeting, roles, items, register and its movements, members to add, last meeting and
    who to copy, the savepoint pair of ATOMIC_REQUESTS..."""
    sizes = {}
    for month, guests in ((2, 1), (3, 30)):
        meeting = services.meeting_create(body=body, date=dt.date(2027, month, 1))
        item = services.item_add(meeting=meeting, title="Innovation fund")
        for n in range(guests):
            services.attendance_add_guest(meeting=meeting, name=f"Guest {n}", category="present")
        for row in meeting.attendances.all()[: guests // 3 + 1]:
            services.attendance_update(attendance=row, arrivals=[item])
        sizes[guests] = _register_queries(officer, meeting)
    assert sizes == {1: 14, 30: 14}
