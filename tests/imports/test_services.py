"""Importing minutes through the services: all or nothing, nothing created unconfirmed, only
the body's secretariat, and clear messages for input that is not minutes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from actions.models import Action
from bench.import_quality import seed_cases
from bench.import_speed import forty_pages_docx
from imports import services
from imports.models import MinutesImport
from imports.review import review_context
from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesApproval
from partners.models import Membership, Organisation, Person, Team
from tests.conftest import make_login
from tests.factories import BodyFactory, MeetingFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

SEED = {name: source for name, source, _ in seed_cases()}


def _upload(name):
    source = SEED[name]
    return SimpleUploadedFile(source.name, source.read_bytes(), content_type="text/plain")


@pytest.fixture
def siig():
    return BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")


@pytest.fixture
def sonia(siig):
    return make_login(siig, Membership.Role.SECRETARIAT, name="Sonia Thomson")


def _review(minutes_import, *, mode="record", confirm=True, changes=None):
    """The review as the page would post it untouched (plus ``changes``)."""
    context = review_context(minutes_import, None)
    form = context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data["mode"] = mode
    if confirm:
        data["confirm_new"] = "on"
    data.update(changes or {})
    bound = review_context(minutes_import, data)
    assert bound["form"].is_valid(), bound["form"].errors
    return bound["review"]


def test_import_sunderland_as_historical_record(siig, sonia):
    jessica = PersonFactory(name="Jessica May")
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("sunderland-siig-2011-11-09")
    )
    review = _review(minutes_import)
    meeting = services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=review
    )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.date, meeting.start_time, meeting.venue) == (
        Meeting.Status.APPROVED,
        dt.date(2011, 11, 9),
        dt.time(13, 0),
        "St Thomas St, Sunderland",
    )
    assert (
        meeting.history.first().history_change_reason
        == "Imported from sunderland-siig-2011-11-09.txt"
    )
    counts = {
        category: Attendance.objects.filter(meeting=meeting, category=category).count()
        for category in ("present", "also_present", "in_attendance", "apologies")
    }
    # Neil Revely is listed twice in the source: once on the register, with a note.
    assert counts == {"present": 15, "also_present": 1, "in_attendance": 4, "apologies": 3}
    chair = Attendance.objects.get(meeting=meeting, chaired=True)
    assert chair.person == jessica
    assert list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("number", "title")
    )[:2] == [
        ("1.0", "Sunderland Strategy Co-ordination Group"),
        ("2.0", "Welcome and Introductions"),
    ]
    assert Decision.objects.filter(item__meeting=meeting).count() == 1
    assert Action.objects.filter(meeting=meeting).count() == 7
    all_team = Team.objects.get(body=siig, name="All")
    assert all_team.everyone is True
    first = Action.objects.filter(meeting=meeting).order_by("number").first()
    assert (first.due_date, list(first.owners.values_list("team__name", flat=True))) == (
        dt.date(2011, 12, 7),
        ["All"],
    )
    carol = Attendance.objects.get(meeting=meeting, person__name="Carol Harries")
    assert carol.arrived_during.number == "2.0"
    minutes_import.refresh_from_db()
    assert (minutes_import.status, minutes_import.meeting, minutes_import.imported_as) == (
        MinutesImport.Status.IMPORTED,
        meeting,
        "record",
    )


def test_import_as_draft_stays_draft(siig, sonia):
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("iewm-board-2013-02-12")
    )
    meeting = services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=_review(minutes_import, mode="draft")
    )
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.DRAFT
    assert AgendaItem.objects.filter(meeting=meeting).count() == 16
    assert Attendance.objects.get(meeting=meeting, took_minutes=True).person.name == "Sonia Thomson"


def test_previous_minutes_approval_recorded_when_that_meeting_exists(siig, sonia):
    earlier = MeetingFactory(
        body=siig, date=dt.date(2009, 11, 20), status=Meeting.Status.CIRCULATED
    )
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("gloucester-partnership-executive-2010-01-22")
    )
    meeting = services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=_review(minutes_import)
    )
    approval = MinutesApproval.objects.get(meeting=meeting)
    assert (approval.previous_meeting, approval.outcome, approval.item.number) == (
        earlier,
        MinutesApproval.Outcome.APPROVED,
        "2",
    )
    earlier.refresh_from_db()
    assert earlier.status == Meeting.Status.APPROVED


def test_new_people_need_confirming(siig, sonia):
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("sunderland-siig-2011-11-09")
    )
    people_before = Person.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.minutes_import_commit(
            minutes_import=minutes_import, user=sonia, review=_review(minutes_import, confirm=False)
        )
    assert caught.value.message_dict == {
        "confirm_new": ["Tick to confirm the new people, organisations and groups listed."]
    }
    assert (Person.objects.count(), Meeting.objects.count()) == (people_before, 0)


def test_existing_people_and_organisations_are_matched_not_duplicated(siig, sonia):
    council = OrganisationFactory(name="Sunderland City Council")
    PersonFactory(name="Beverley Scanlon", organisation=council)
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("sunderland-siig-2011-11-09")
    )
    services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=_review(minutes_import)
    )
    assert Person.objects.filter(name="Beverley Scanlon").count() == 1
    assert Organisation.objects.filter(name="Sunderland City Council").count() == 1


def test_failure_half_way_leaves_nothing(siig, sonia):
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("sunderland-siig-2011-11-09")
    )
    review = _review(minutes_import)
    review.actions[-1]["owners"] = []  # the last write refuses: after people, items and decisions
    people_before = Person.objects.count()
    with pytest.raises(ValidationError):
        services.minutes_import_commit(minutes_import=minutes_import, user=sonia, review=review)
    assert (Meeting.objects.count(), Person.objects.count(), Team.objects.count()) == (
        0,
        people_before,
        0,
    )
    assert MinutesImport.objects.get(pk=minutes_import.pk).status == MinutesImport.Status.PENDING


def test_a_second_meeting_on_the_same_date_is_refused(siig, sonia):
    MeetingFactory(body=siig, date=dt.date(2011, 11, 9))
    minutes_import = services.minutes_import_create(
        user=sonia, body=siig, upload=_upload("sunderland-siig-2011-11-09")
    )
    with pytest.raises(ValidationError) as caught:
        services.minutes_import_commit(
            minutes_import=minutes_import, user=sonia, review=_review(minutes_import)
        )
    assert caught.value.message_dict == {"date": ["SIIG already has a meeting on 9 November 2011."]}


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.CHAIR])
def test_only_the_secretariat_imports(siig, role):
    user = make_login(siig, role, name="Not Secretariat")
    with pytest.raises(PermissionDenied):
        services.minutes_import_create(
            user=user, body=siig, upload=_upload("iewm-board-2013-02-12")
        )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"", "The file is empty."),
        ("notes.txt", b"   \n\n  ", "The file is empty."),
        (
            "minutes.xls",
            b"abc",
            "Upload the minutes as a Word document (.docx), a PDF or a text file.",
        ),
        (
            "minutes.docx",
            b"not a zip file at all",
            "This Word document cannot be opened; is it a .docx file?",
        ),
        (
            "minutes.pdf",
            b"%PDF-1.4 broken",
            "This PDF cannot be opened; is it damaged or password-protected?",
        ),
        ("minutes.pdf", b"hello", "This PDF cannot be opened; is it a PDF file?"),
        (
            "letter.txt",
            b"Dear Sue,\n\nThank you for your letter.\n",
            "This does not look like minutes: no list of who attended and no numbered items were found.",
        ),
    ],
)
def test_bad_files_get_a_message_beside_the_field(siig, sonia, name, data, message):
    with pytest.raises(ValidationError) as caught:
        services.minutes_import_create(user=sonia, body=siig, upload=SimpleUploadedFile(name, data))
    assert caught.value.message_dict == {"file": [message]}
    assert MinutesImport.objects.count() == 0


@override_settings(IMPORT_MAX_BYTES=1000)
def test_oversized_file_refused(siig, sonia):
    with pytest.raises(ValidationError) as caught:
        services.minutes_import_create(
            user=sonia, body=siig, upload=_upload("iewm-board-2013-02-12")
        )
    assert caught.value.message_dict == {
        "file": ["The file is too large (0.0 MB); the limit is 0.0 MB."]
    }


def test_scanned_pdf_without_text_layer_refused(siig, sonia):
    from weasyprint import HTML

    pdf = HTML(string="<p></p>").write_pdf()
    with pytest.raises(ValidationError) as caught:
        services.minutes_import_create(
            user=sonia, body=siig, upload=SimpleUploadedFile("scan.pdf", pdf)
        )
    assert caught.value.message_dict == {
        "file": [
            "This PDF has no text layer (it is probably a scan). Upload the Word original, or "
            "paste the text."
        ]
    }


def test_pasted_text_is_read(siig, sonia):
    text = SEED["iewm-board-2013-02-12"].read_text()
    minutes_import = services.minutes_import_create(user=sonia, body=siig, text=text)
    assert (
        minutes_import.file_name,
        minutes_import.source_kind,
        len(minutes_import.proposal["items"]),
    ) == (
        "pasted text",
        "text",
        16,
    )


def test_forty_pages_import_keeps_every_item_and_decision(siig, sonia):
    """IEWM's register, then its long item 3 (prose, lists, an "Agreed" block, commitments)
    sixteen times over: about 21,000 words, some 40 pages of a Word document. How long it takes
    is measured by ``make bench BENCH_ARGS="import"`` (target: under 10 s)."""
    data, words = forty_pages_docx()
    upload = SimpleUploadedFile("long.docx", data)
    minutes_import = services.minutes_import_create(user=sonia, body=siig, upload=upload)
    meeting = services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=_review(minutes_import)
    )
    assert words > 20000
    assert AgendaItem.objects.filter(meeting=meeting, parent=None).count() == 18
    assert Decision.objects.filter(item__meeting=meeting).count() == 1 + 16 * 6


def test_exempt_items_are_imported_confidential_with_their_paragraph_and_can_be_corrected(
    siig, sonia
):
    from tests.imports.test_parser import EXEMPT_MINUTES

    minutes_import = services.minutes_import_create(user=sonia, body=siig, text=EXEMPT_MINUTES)
    # The secretariat clears the mark on item 3 and marks item 2 themselves.
    review = _review(
        minutes_import, changes={"item-2-confidential": "", "item-1-confidential": "on"}
    )

    meeting = services.minutes_import_commit(
        minutes_import=minutes_import, user=sonia, review=review
    )

    assert {
        i.number: (i.confidential, i.exempt_paragraph, i.exempt_reason) for i in meeting.items.all()
    } == {
        "1": (False, None, ""),
        "2": (True, None, "Marked confidential when the minutes were imported"),
        "3": (False, None, ""),
        "4": (False, None, ""),
        "5": (True, 3, ""),
        "5.1": (True, 3, ""),
        "6": (False, None, ""),
    }
