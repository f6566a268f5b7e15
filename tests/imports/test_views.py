"""The import pages: upload, review beside the source, import; a message beside the field for
bad input; the same number of queries for a short and a long proposal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.import_quality import seed_cases
from imports.models import MinutesImport
from meetings.models import Meeting
from partners.models import Membership
from tests.conftest import make_login
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db

SEED = {name: source for name, source, _ in seed_cases()}


@pytest.fixture
def siig():
    return BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")


@pytest.fixture
def secretariat(client, siig):
    user = make_login(siig, Membership.Role.SECRETARIAT, name="Sonia Thomson")
    client.force_login(user)
    return user


def _upload(client, siig, name):
    source = SEED[name]
    return client.post(
        reverse("imports_home"),
        {"body": siig.pk, "file": SimpleUploadedFile(source.name, source.read_bytes())},
    )


def test_upload_then_review_then_import(client, siig, secretariat):
    response = _upload(client, siig, "sunderland-siig-2011-11-09")
    minutes_import = MinutesImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("import_review", kwargs={"pk": minutes_import.pk})

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="import-el card') == 1 + 24 + 9 + 1 + 7
    assert '<li id="L5">Jessica May (Chair)</li>' in html
    assert 'href="#L5" data-lines="5-8">lines 6–9</a>' in html
    assert "People: Andrew Copland, Andrew Perkin" in html

    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data.update({"mode": "record", "confirm_new": "on", "item-8-accept": ""})
    done = client.post(response["Location"], data)
    meeting = Meeting.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("meeting_detail", kwargs={"pk": meeting.pk})
    assert (meeting.status, meeting.items.count()) == (Meeting.Status.APPROVED, 8)
    # The meeting says where it came from.
    shown = client.get(done["Location"]).content.decode()
    assert (
        f'Imported from <span class="fw-semibold">{SEED["sunderland-siig-2011-11-09"].name}</span>'
        in shown
    )
    assert ", as the historical record" in shown


def test_bad_file_message_beside_the_field(client, siig, secretariat):
    response = client.post(
        reverse("imports_home"),
        {"body": siig.pk, "file": SimpleUploadedFile("minutes.docx", b"nope")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["This Word document cannot be opened; is it a .docx file?"]
    }
    assert MinutesImport.objects.count() == 0


def test_missing_confirmation_shown_on_the_review_page(client, siig, secretariat):
    response = _upload(client, siig, "iewm-board-2013-02-12")
    page = client.get(response["Location"])
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data["mode"] = "draft"
    again = client.post(response["Location"], data)
    assert again.status_code == 400
    assert again.context["form"].errors == {
        "confirm_new": ["Tick to confirm the new people, organisations and groups listed."]
    }
    assert Meeting.objects.count() == 0


def test_review_page_queries_do_not_grow_with_the_proposal(client, siig, secretariat):
    short = _upload(client, siig, "gloucester-partnership-executive-2010-01-22")["Location"]
    long = _upload(client, siig, "iewm-board-2013-02-12")["Location"]
    counts = []
    for url in (short, long):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_discarded_import_goes_back_to_the_list(client, siig, secretariat):
    url = _upload(client, siig, "iewm-board-2013-02-12")["Location"]
    minutes_import = MinutesImport.objects.get()
    response = client.post(reverse("import_discard", kwargs={"pk": minutes_import.pk}))
    assert response.status_code == 302
    assert MinutesImport.objects.get().status == MinutesImport.Status.DISCARDED
    assert client.get(url)["Location"] == reverse("imports_home")


def test_other_bodies_secretariat_gets_404(client, siig, secretariat):
    url = _upload(client, siig, "iewm-board-2013-02-12")["Location"]
    other = make_login(BodyFactory(), Membership.Role.SECRETARIAT, name="Other Secretary")
    client.logout()
    client.force_login(other)
    assert client.get(url).status_code == 404
