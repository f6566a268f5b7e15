"""Who may reach the import pages: the body's secretariat only. Everyone else gets 404 (the
list page too: a person who edits no body has nothing to import into)."""

from imports.models import MinutesImport
from tests.access.spec import Access

MINUTES = """Sunderland Innovation and Improvement Group
Minutes of meeting held Wednesday 9th November, 2011 at 1pm

Present:
Jessica May (Chair)
Sunderland Partnership

1.0 Welcome
JM welcomed the group.
"""


def _import(s):
    from imports.parser import parse_minutes

    minutes_import = MinutesImport.objects.create(
        body=s.body,
        file_name="siig.txt",
        source_kind="txt",
        source_text=MINUTES,
        proposal=parse_minutes(MINUTES.split("\n")).to_dict(),
    )
    return {"pk": minutes_import.pk}


def _log_import(s):
    minutes_import = MinutesImport.objects.create(
        kind=MinutesImport.Kind.ACTION_LOG,
        body=s.body,
        file_name="actions.csv",
        source_kind="csv",
        source_text="",
        proposal={
            "rows": [
                {
                    "row": 2,
                    "number": 3,
                    "text": "Circulate the criteria",
                    "owners": [s.member_person.name],
                    "due": None,
                    "due_note": "",
                    "status": "open",
                    "meeting": "2011-11-09",
                    "errors": [],
                }
            ]
        },
    )
    return {"pk": minutes_import.pk}


def _secretariat_only(name, kwargs=None, *, method="get", data=None, ok=200, case=""):
    return Access(
        name,
        kwargs=kwargs,
        method=method,
        data=data,
        case=case,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=ok,
        chair=404,
    )


ACCESS = [
    _secretariat_only("imports_home"),
    # No file and no text: the form answers beside the field.
    _secretariat_only("imports_home", method="post", data=lambda s: {"body": s.body.pk}, ok=400),
    _secretariat_only("import_review", _import),
    _secretariat_only("import_review", _import, method="post", data={}, ok=400),
    _secretariat_only("import_discard", _import, method="post", ok=302),
    _secretariat_only("action_log_upload"),
    _secretariat_only(
        "action_log_upload", method="post", data=lambda s: {"body": s.body.pk}, ok=400
    ),
    _secretariat_only("action_log_review", _log_import),
    _secretariat_only("action_log_review", _log_import, method="post", ok=302),
]
