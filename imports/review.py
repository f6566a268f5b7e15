"""What the review page shows: the source lines, and each proposed element with its fields,
its source lines and, for people, the existing records it matches (with their scores)."""

from __future__ import annotations

from django.http import QueryDict

from . import selectors, services
from .forms import ReviewForm
from .models import MinutesImport

CATEGORY_LABELS = {
    "present": "Present",
    "also_present": "Also present",
    "in_attendance": "In attendance",
    "apologies": "Apologies",
    "absent": "Absent",
}


def _duplicates(proposal: dict) -> set[int]:
    seen, dups = set(), set()
    for i, row in enumerate(proposal["attendance"]):
        key = row["name"].lower()
        if key in seen:
            dups.add(i)
        seen.add(key)
    return dups


def _initial_data(form: ReviewForm) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return data


def review_context(minutes_import: MinutesImport, data) -> dict:
    proposal = minutes_import.proposal
    body = minutes_import.body
    directory = selectors.Directory(body)
    matches = selectors.proposal_matches(proposal, body, directory=directory)
    duplicates = _duplicates(proposal)
    kwargs = {"proposal": proposal, "matches": matches, "duplicates": duplicates}
    form = ReviewForm(data, **kwargs) if data is not None else ReviewForm(**kwargs)
    checked = form if data is not None else ReviewForm(_initial_data(form), **kwargs)
    review = plan = None
    if checked.is_valid():
        review = checked.review(directory.person_by_pk)
        plan = services.plan_entities(review, body, directory)
    lines = minutes_import.source_lines
    return {
        "minutes_import": minutes_import,
        "body": body,
        "form": form,
        "review": review,
        "plan": plan,
        "source": list(enumerate(lines)),
        "attendance": _rows(
            form,
            proposal["attendance"],
            "att",
            ["accept", "name", "category", "organisation", "role", "person"],
            duplicates,
        ),
        "items": _rows(form, proposal["items"], "item", ["accept", "title", "confidential"]),
        "decisions": _rows(form, proposal["decisions"], "dec", ["accept", "text", "verb"]),
        "actions": _rows(form, proposal["actions"], "act", ["accept", "text", "owners", "due"]),
        "proposal": proposal,
        "crumbs": [("Import minutes", "/imports/"), (minutes_import.file_name, "")],
        "nav_section": "drafts",
    }


def _rows(form, rows, prefix, names, duplicates=()):
    out = []
    for i, row in enumerate(rows):
        lines = row.get("lines") or []
        out.append(
            {
                "index": i,
                "id": f"{prefix}-{i}",
                "row": row,
                "fields": {name: form[f"{prefix}-{i}-{name}"] for name in names},
                "first": lines[0] + 1 if lines else None,
                "last": lines[-1] + 1 if lines else None,
                "span": f"{lines[0]}-{lines[-1]}" if lines else "",
                "duplicate": i in duplicates,
                "category": CATEGORY_LABELS.get(row.get("category", ""), ""),
            }
        )
    return out
