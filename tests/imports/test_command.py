"""python manage.py import_minutes PATH --json: the proposal, and nothing written."""

import json

import pytest
from django.core.management import CommandError, call_command

from bench.import_quality import seed_cases
from meetings.models import Meeting
from partners.models import Person
from tests.factories import BodyFactory, PersonFactory

pytestmark = pytest.mark.django_db

SEED = {name: source for name, source, _ in seed_cases()}


def test_json_proposal_and_nothing_written(capsys):
    body = BodyFactory(name="Improvement and Efficiency West Midlands Board", short_name="IEWM")
    PersonFactory(name="Trish Haines")
    people = Person.objects.count()
    call_command("import_minutes", str(SEED["iewm-board-2013-02-12"]), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["body"] == {"slug": body.slug, "name": body.name, "score": 100}
    assert {k: out["meeting"][k] for k in ("title", "date", "start", "end", "venue")} == {
        "title": "NOTES OF BOARD MEETING – 12th February 2013",
        "date": "2013-02-12",
        "start": None,
        "end": None,
        "venue": "The Partnership Centre, Birmingham",
    }
    first = out["attendance"][0]
    assert {
        k: first[k]
        for k in (
            "name",
            "honorific",
            "category",
            "organisation",
            "role",
            "substitute_for",
            "chaired",
        )
    } == {
        "name": "Trish Haines",
        "honorific": None,
        "category": "present",
        "organisation": None,
        "role": "Chair",
        "substitute_for": None,
        "chaired": True,
    }
    assert [m["score"] for m in first["matches"]] == [100]
    assert out["attendance"][1]["honorific"] == "Cllr"
    assert [i["number"] for i in out["items"]][:5] == ["1", "2", "3", "4", "5"]
    assert out["actions"][0]["owners"] == ["Trish Haines", "Mark Rogers", "Jan Britton"]
    assert (Person.objects.count(), Meeting.objects.count()) == (people, 0)


def test_unknown_body_slug():
    with pytest.raises(CommandError, match="No body with the slug 'nope'."):
        call_command(
            "import_minutes", str(SEED["iewm-board-2013-02-12"]), "--body", "nope", "--json"
        )


def test_unreadable_file(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"nope")
    with pytest.raises(CommandError, match="This Word document cannot be opened"):
        call_command("import_minutes", str(path), "--json")
