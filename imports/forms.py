"""The upload form, and the review form built from a proposal: one row of fields per proposed
element (accept, and the fields that can be corrected)."""

from __future__ import annotations

import datetime as dt

from django import forms

from meetings.models import Attendance, Decision

from .services import Review

CATEGORIES = [(v, label) for v, label in Attendance.Category.choices if v != "expected"]
VERBS = Decision.Verb.choices
MODES = [
    ("record", "Historical record: approved, as the source minutes were"),
    ("draft", "Draft: to finish and circulate in Minutebook"),
]


class UploadForm(forms.Form):
    body = forms.ModelChoiceField(queryset=None, empty_label=None, label="Body")
    file = forms.FileField(
        required=False,
        label="Minutes file",
        help_text="A Word document (.docx), a PDF with a text layer, or a text file.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )
    text = forms.CharField(
        required=False,
        label="Or paste the text of the minutes",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("file", "Choose a file, or paste the text of the minutes.")
        return data


class ActionLogForm(forms.Form):
    body = forms.ModelChoiceField(queryset=None, empty_label=None, label="Body")
    file = forms.FileField(
        label="Action log",
        help_text="A spreadsheet (.xlsx) or CSV file whose first row names the columns: number, "
        "action, owner, due, status, meeting date.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ReviewForm(forms.Form):
    """Fields named by element and position: ``att-3-name``, ``item-0-title``, ``act-2-owners``."""

    title = forms.CharField(max_length=200, required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(max_length=200, required=False)
    mode = forms.ChoiceField(choices=MODES, widget=forms.RadioSelect, initial="record")
    confirm_new = forms.BooleanField(required=False)

    def __init__(self, *args, proposal: dict, matches: dict, duplicates: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        meeting = proposal["meeting"]
        for name in ("title", "date", "start", "end", "venue"):
            self.fields[name].initial = meeting.get(name)
        for i, row in enumerate(proposal["attendance"]):
            self._attendance_fields(i, row, matches["people"].get(i) or [], i not in duplicates)
        for i, row in enumerate(proposal["items"]):
            self.fields[f"item-{i}-accept"] = forms.BooleanField(required=False, initial=True)
            self.fields[f"item-{i}-title"] = forms.CharField(max_length=300, initial=row["title"])
            self.fields[f"item-{i}-confidential"] = forms.BooleanField(
                required=False, initial=bool(row.get("confidential"))
            )
        for i, row in enumerate(proposal["decisions"]):
            self._decision_fields(i, row)
        for i, row in enumerate(proposal["actions"]):
            self._action_fields(i, row)

    def _attendance_fields(self, i: int, row: dict, people: list, accept: bool) -> None:
        """A person on the register: accepted unless they appear twice, and matched to a known
        person when the best match is close (90% or more), else offered as a new person."""
        self.fields[f"att-{i}-accept"] = forms.BooleanField(required=False, initial=accept)
        self.fields[f"att-{i}-name"] = forms.CharField(max_length=200, initial=row["name"])
        self.fields[f"att-{i}-category"] = forms.ChoiceField(
            choices=CATEGORIES, initial=row["category"]
        )
        self.fields[f"att-{i}-organisation"] = forms.CharField(
            max_length=200, required=False, initial=row.get("organisation") or ""
        )
        self.fields[f"att-{i}-role"] = forms.CharField(
            max_length=80, required=False, initial=row.get("role") or ""
        )
        choices = [("new", f"New person: {row['name']}")] + [
            (str(m.pk), f"{m.label} (match {m.score}%)") for m in people
        ]
        self.fields[f"att-{i}-person"] = forms.ChoiceField(
            choices=choices,
            initial=str(people[0].pk) if people and people[0].score >= 90 else "new",
        )

    def _decision_fields(self, i: int, row: dict) -> None:
        self.fields[f"dec-{i}-accept"] = forms.BooleanField(required=False, initial=True)
        self.fields[f"dec-{i}-text"] = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 2}), initial=row["text"]
        )
        self.fields[f"dec-{i}-verb"] = forms.ChoiceField(
            choices=VERBS, initial=row.get("verb") or "agreed"
        )

    def _action_fields(self, i: int, row: dict) -> None:
        """An action: accepted when it names an owner and is not one carried forward."""
        self.fields[f"act-{i}-accept"] = forms.BooleanField(
            required=False, initial=bool(row["owners"]) and not row.get("carried_forward")
        )
        self.fields[f"act-{i}-text"] = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 2}), initial=row["text"]
        )
        self.fields[f"act-{i}-owners"] = forms.CharField(
            max_length=300, required=False, initial="; ".join(row["owners"])
        )
        self.fields[f"act-{i}-due"] = forms.CharField(
            max_length=120, required=False, initial=row.get("due") or ""
        )

    def bound_rows(self, prefix: str, count: int, names: list[str]) -> list[dict]:
        return [{name: self[f"{prefix}-{i}-{name}"] for name in names} for i in range(count)]

    def clean(self):
        data = super().clean()
        chairs = [
            i
            for i, row in enumerate(self.proposal["attendance"])
            if row.get("chaired") and data.get(f"att-{i}-accept")
        ]
        if len(chairs) > 1:
            raise forms.ValidationError("Only one person can be recorded as chairing.")
        for i, _row in enumerate(self.proposal["actions"]):
            if data.get(f"act-{i}-accept") and not _owners(data.get(f"act-{i}-owners", "")):
                self.add_error(f"act-{i}-owners", "Give at least one owner, or reject the action.")
        return data

    def review(self, people_by_pk: dict) -> Review:
        """The accepted and corrected proposal, ready for ``minutes_import_commit``."""
        data = self.cleaned_data
        p = self.proposal
        accepted_items = {
            row["key"] for i, row in enumerate(p["items"]) if data.get(f"item-{i}-accept")
        }
        attendance, names = self._reviewed_attendance(people_by_pk)
        previous = p.get("previous_minutes")
        if previous and previous.get("item_key") not in accepted_items:
            previous = None
        return Review(
            title=data.get("title") or "",
            date=data["date"],
            start=data.get("start"),
            end=data.get("end"),
            venue=data.get("venue") or "",
            as_record=data["mode"] == "record",
            attendance=attendance,
            items=self._reviewed_items(accepted_items),
            decisions=self._reviewed_decisions(accepted_items),
            actions=self._reviewed_actions(accepted_items, names),
            previous=previous,
            no_interests=bool(p.get("no_interests_declared")),
            confirmed_new=bool(data.get("confirm_new")),
        )

    def _reviewed_items(self, accepted: set[int]) -> list[dict]:
        """The accepted items, retitled; a sub-item whose parent was rejected stands alone."""
        data = self.cleaned_data
        items = []
        for i, row in enumerate(self.proposal["items"]):
            if row["key"] not in accepted:
                continue
            parent = row.get("parent_key")
            items.append(
                {
                    **row,
                    "title": data[f"item-{i}-title"],
                    "parent_key": parent if parent in accepted else None,
                    **_exemption(row, ticked=bool(data.get(f"item-{i}-confidential"))),
                }
            )
        return items

    def _reviewed_attendance(self, people_by_pk: dict) -> tuple[list[dict], dict[str, str]]:
        """The accepted register, corrected, each row with its chosen person (None: a new one);
        and each proposed name -> the name as corrected, which deputies and owners follow."""
        data = self.cleaned_data
        attendance = []
        names = {}
        for i, row in enumerate(self.proposal["attendance"]):
            if not data.get(f"att-{i}-accept"):
                continue
            choice = data[f"att-{i}-person"]
            name = " ".join(data[f"att-{i}-name"].split())
            names[row["name"]] = name
            attendance.append(
                {
                    **row,
                    "name": name,
                    "category": data[f"att-{i}-category"],
                    "organisation": data[f"att-{i}-organisation"].strip(),
                    "role": data[f"att-{i}-role"].strip(),
                    "person": people_by_pk.get(int(choice)) if choice != "new" else None,
                }
            )
        for row in attendance:
            if row.get("substitute_for"):
                row["substitute_for"] = names.get(row["substitute_for"], row["substitute_for"])
        return attendance, names

    def _reviewed_decisions(self, accepted: set[int]) -> list[dict]:
        """The accepted decisions of accepted items."""
        data = self.cleaned_data
        return [
            {
                "item_key": row["item_key"],
                "text": data[f"dec-{i}-text"],
                "verb": data[f"dec-{i}-verb"],
            }
            for i, row in enumerate(self.proposal["decisions"])
            if data.get(f"dec-{i}-accept") and row["item_key"] in accepted
        ]

    def _reviewed_actions(self, accepted: set[int], names: dict[str, str]) -> list[dict]:
        """The accepted actions; one of a rejected item is kept, tied to no item."""
        data = self.cleaned_data
        return [
            {
                "item_key": row["item_key"] if row["item_key"] in accepted else None,
                "text": data[f"act-{i}-text"],
                "owners": [names.get(o, o) for o in _owners(data[f"act-{i}-owners"])],
                "due": data[f"act-{i}-due"].strip() or None,
                "due_note": row.get("due_note") or "",
                "ref": row.get("ref"),
            }
            for i, row in enumerate(self.proposal["actions"])
            if data.get(f"act-{i}-accept")
        ]


def _owners(text: str) -> list[str]:
    return [o.strip() for o in (text or "").replace("/", ";").split(";") if o.strip()]


def parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


MARKED_ON_REVIEW = "Marked confidential when the minutes were imported"


def _exemption(row: dict, *, ticked: bool) -> dict:
    """An item's exemption as reviewed: as the minutes gave it when the tick was kept, a reason
    saying so when the secretariat ticked it themselves, nothing when they cleared it."""
    if not ticked:
        return {"confidential": False, "exempt_paragraph": None, "exempt_reason": ""}
    paragraph = row.get("exempt_paragraph") if row.get("confidential") else None
    reason = (row.get("exempt_reason") or "") if row.get("confidential") else ""
    return {
        "confidential": True,
        "exempt_paragraph": paragraph,
        "exempt_reason": "" if paragraph else (reason or MARKED_ON_REVIEW),
    }
