"""Forms for drafting a meeting. Forms check and shape input; services do the writing."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesApproval
from partners.models import Body, Person

from .text import html_to_text, paper_file_check, text_keeps_html, text_to_html

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.Form):
    date = forms.DateField(
        widget=DATE_WIDGET, error_messages={"required": "Give the date of the meeting."}
    )
    start_time = forms.TimeField(label="Starts", required=False, widget=TIME_WIDGET)
    end_time = forms.TimeField(label="Ends", required=False, widget=TIME_WIDGET)
    venue = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=Meeting.Kind.choices, initial=Meeting.Kind.ORDINARY)
    title = forms.CharField(
        max_length=200,
        required=False,
        label="Heading",
        help_text="Leave blank to use the kind, or write e.g. “Notes of Board Meeting”.",
    )
    joint_body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label="Joint meeting with",
        empty_label="Not a joint meeting",
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_body"].queryset = Body.objects.exclude(pk=body.pk).order_by("name")
        self.fields["venue"].widget.attrs["placeholder"] = body.default_venue or ""

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The meeting must end after it starts.")
        return data


class ScheduleForm(forms.Form):
    """The next meeting, or a series: listed dates, or every N weeks a number of times."""

    dates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Dates",
        help_text="One per line, such as 12/01/2027 or 12 January 2027.",
    )
    first_date = forms.DateField(required=False, widget=DATE_WIDGET, label="Or: first meeting on")
    every_weeks = forms.IntegerField(
        required=False, min_value=1, max_value=52, label="then every (weeks)"
    )
    count = forms.IntegerField(
        required=False, min_value=1, max_value=24, label="number of meetings"
    )
    start_time = forms.TimeField(label="Starts", required=False, widget=TIME_WIDGET)
    end_time = forms.TimeField(label="Ends", required=False, widget=TIME_WIDGET)
    venue = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=Meeting.Kind.choices, initial=Meeting.Kind.ORDINARY)

    INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "Meetings must end after they start.")
        dates: list[dt.date] = []
        for line in (data.get("dates") or "").splitlines():
            text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(line.split()))
            if not text:
                continue
            for fmt in self.INPUT_FORMATS:
                try:
                    dates.append(dt.datetime.strptime(text, fmt).date())
                    break
                except ValueError:
                    continue
            else:
                self.add_error("dates", f"“{line.strip()}” is not a date I understand.")
        first = data.get("first_date")
        if first:
            count = data.get("count") or 1
            every = data.get("every_weeks")
            if count > 1 and not every:
                self.add_error("every_weeks", "Say how many weeks apart the meetings are.")
            else:
                dates += [first + dt.timedelta(weeks=(every or 0) * n) for n in range(count)]
        if not dates and not self.errors:
            self.add_error("dates", "Give at least one date, or a first date and how often.")
        data["all_dates"] = sorted(dates)
        return data


class ItemForm(forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Give the item a title."})
    number = forms.CharField(
        max_length=12,
        required=False,
        help_text="Leave blank to number it automatically, or type the body's own number "
        "(such as 45/11 or 3a).",
    )
    parent = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Under", choices=()
    )
    purpose = forms.ChoiceField(choices=AgendaItem.Purpose.choices, required=False)
    presenter = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        empty_label="No presenter",
        help_text="Members of the body and anyone on the register: add a guest or a substitute "
        "to the register to choose them here.",
    )
    confidential = forms.BooleanField(
        required=False, label="Confidential (left out of the public version)"
    )
    exempt_paragraph = forms.TypedChoiceField(
        choices=[("", "Not a council item")] + AgendaItem.ExemptParagraph.choices,
        coerce=int,
        empty_value=None,
        required=False,
        label="Exempt under Schedule 12A, paragraph",
        help_text="Councils: the paragraph of Schedule 12A to the Local Government Act 1972.",
    )
    exempt_reason = forms.CharField(
        max_length=200,
        required=False,
        label="Or why it is exempt",
        help_text="Any other body: the reason the public version gives, such as “Commercially "
        "sensitive”.",
    )

    def __init__(self, *args, items=(), people=None, with_parent=True, parent=None, **kwargs):
        """``items``: the meeting's items, to choose a parent from (the add form); ``parent``:
        the item's own parent (the edit form), whose reason a confidential sub-item inherits."""
        # "item-": the item page also holds the paper form, whose title is another field.
        kwargs.setdefault("auto_id", "item-%s")
        super().__init__(*args, **kwargs)
        self.items, self.parent = list(items), parent
        if with_parent:
            self.fields["parent"].choices = [("", "Top level")] + [
                (i.pk, f"{i.number} {i.title}") for i in self.items
            ]
        else:
            del self.fields["parent"]
        if people is not None:
            self.fields["presenter"].queryset = people

    def _parent(self):
        if "parent" not in self.fields:
            return self.parent
        chosen = self.cleaned_data.get("parent")
        return next((i for i in self.items if i.pk == chosen), None)

    def clean(self):
        """A confidential item says why it is exempt: a paragraph or a reason, not both. A
        sub-item of a confidential item may leave both blank: it carries its parent's."""
        data = super().clean()
        paragraph, reason = data.get("exempt_paragraph"), (data.get("exempt_reason") or "").strip()
        parent = self._parent()
        inherits = parent is not None and parent.confidential
        if not (data.get("confidential") or inherits):
            data["exempt_paragraph"], data["exempt_reason"] = None, ""
        elif paragraph is not None and reason:
            self.add_error(
                "exempt_reason", "Give a paragraph of Schedule 12A or a reason, not both."
            )
        elif (
            paragraph is None and not reason and not inherits and "exempt_reason" not in self.errors
        ):
            self.add_error(
                "exempt_paragraph",
                "Say why this item is exempt: choose a paragraph of Schedule 12A or give a reason.",
            )
        return data


class PaperForm(forms.Form):
    reference = forms.CharField(
        max_length=40, required=False, help_text="Such as “Paper 3a”.", label="Reference"
    )
    title = forms.CharField(max_length=200, required=False)
    file = forms.FileField(
        required=False,
        help_text="PDF, Word, Excel or PowerPoint.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "paper-%s")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            paper_file_check(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("reference", "").strip() and not data.get("file"):
            self.add_error("reference", "Give a reference (such as “Paper 3a”) or choose a file.")
        return data


class GuestForm(forms.Form):
    """Someone joining the register on the fly: a guest, presenter, officer or substitute."""

    name = forms.CharField(max_length=200, error_messages={"required": "Give the person's name."})
    organisation = forms.CharField(
        max_length=200, required=False, help_text="Created if it is new."
    )
    category = forms.ChoiceField(
        choices=[c for c in Attendance.Category.choices if c[0] != Attendance.Category.EXPECTED],
        initial=Attendance.Category.IN_ATTENDANCE,
    )
    substitute_for = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Deputising for",
        empty_label="Nobody",
    )
    role_label = forms.CharField(
        max_length=80,
        required=False,
        label="Shown after the name",
        help_text="Such as “Vice Chair” or “Minutes”.",
        widget=forms.TextInput(attrs={"list": "role-suggestions", "autocomplete": "off"}),
    )
    group_label = forms.CharField(
        max_length=80,
        required=False,
        label="Group",
        help_text="Such as “Executive Members”.",
        widget=forms.TextInput(attrs={"list": "group-suggestions", "autocomplete": "off"}),
    )
    took_minutes = forms.BooleanField(required=False, label="Took the minutes")

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["substitute_for"].queryset = members


class RegisterRowForm(forms.Form):
    """One row of the register as the page posts it: each field is named "<name>-<row id>"
    (the page's keyboard script and autosave send them so). A person may join and leave more
    than once: "arrived-<id>" and "left-<id>" may each come several times."""

    POSTED_AS = {
        "category": "category",
        "took_minutes": "minutes",
        "arrivals": "arrived",
        "departures": "left",
        "group_label": "group",
        "role_label": "role",
        "note": "note",
    }
    # Left out of a post, these stay as they are (the service reads None as "unchanged").
    KEPT_WHEN_OMITTED = ("category", "group_label", "role_label", "note")
    MOVEMENTS = ("arrivals", "departures")

    category = forms.ChoiceField(
        choices=Attendance.Category.choices,
        required=False,
        error_messages={"invalid_choice": "Choose a category."},
    )
    took_minutes = forms.BooleanField(required=False)
    arrivals = forms.Field(required=False, widget=forms.SelectMultiple)
    departures = forms.Field(required=False, widget=forms.SelectMultiple)
    # Lengths are the service's to check, so its message is the one shown.
    group_label = forms.CharField(required=False)
    role_label = forms.CharField(required=False)
    note = forms.CharField(required=False)

    def __init__(self, data, *, attendance: Attendance, items: list[AgendaItem]):
        super().__init__(data, prefix=str(attendance.pk))
        self.attendance = attendance
        self.items = {str(i.pk): i for i in items}

    def add_prefix(self, field_name):
        if field_name not in self.POSTED_AS:  # Django asks this of ids too
            return super().add_prefix(field_name)
        return f"{self.POSTED_AS[field_name]}-{self.prefix}"

    def clean(self):
        data = super().clean()
        for name in self.KEPT_WHEN_OMITTED:
            widget = self.fields[name].widget
            if widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name)):
                data[name] = None
        # Blank choices are the "add another" boxes; an item deleted since the page was drawn
        # reads as none, as the stored row now does. Not posted at all: unchanged.
        for name in self.MOVEMENTS:
            key = self.add_prefix(name)
            posted = self.data.getlist(key) if key in self.data else None
            data[name] = (
                None
                if posted is None
                else [self.items[v] for v in dict.fromkeys(posted) if v in self.items]
            )
        return data


class RegisterForm(forms.Form):
    """The whole register as posted: a row form for each row listed in "rows", and who chaired
    (posted empty: nobody; left out: unchanged)."""

    chaired = forms.IntegerField(required=False)

    def __init__(self, data, *, rows: list[Attendance], items: list[AgendaItem]):
        super().__init__(data)
        self.rows = {a.pk: a for a in rows}
        posted = [int(v) for v in data.getlist("rows") if v.isdecimal() and v.isascii()]
        # A row removed meanwhile (from another tab) is skipped, as is one of another meeting.
        self.row_forms = [
            RegisterRowForm(data, attendance=self.rows[pk], items=items)
            for pk in posted
            if pk in self.rows
        ]

    @property
    def chair_posted(self) -> bool:
        return "chaired" in self.data

    def clean_chaired(self) -> Attendance | None:
        return self.rows.get(self.cleaned_data["chaired"])

    def row_errors(self) -> dict[int, str]:
        """Each refused row's complaints as one line, by row id."""
        return {
            form.attendance.pk: " ".join(m for messages in form.errors.values() for m in messages)
            for form in self.row_forms
            if form.errors
        }


class MinutesForm(forms.Form):
    """An item's minutes. The page's editor sends HTML; without JavaScript the box holds plain
    text (as in a decision's box), or the HTML itself when the minutes carry formatting the
    box cannot write, so that nothing is lost either way."""

    HTML, TEXT = "html", "text"

    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    # The page's editor says "html"; a post that does not say is read as HTML if it holds tags.
    format = forms.ChoiceField(
        choices=[(HTML, HTML), (TEXT, TEXT)], required=False, widget=forms.HiddenInput
    )

    @classmethod
    def for_item(cls, item: AgendaItem, **kwargs) -> MinutesForm:
        kind = cls.TEXT if text_keeps_html(item.minutes) else cls.HTML
        shown = html_to_text(item.minutes) if kind == cls.TEXT else item.minutes
        form = cls(
            initial={"minutes": shown, "base_revision": item.revision, "format": kind}, **kwargs
        )
        # The editor starts from the HTML whatever the box shows.
        form.fields["minutes"].widget.attrs["data-html"] = item.minutes
        return form

    def clean_minutes(self):
        text = self.cleaned_data.get("minutes", "")
        kind = self.data.get("format") or (self.HTML if "<" in text else self.TEXT)
        return text_to_html(text) if kind == self.TEXT else text


class DecisionForm(forms.Form):
    verb = forms.ChoiceField(choices=Decision.Verb.choices, initial=Decision.Verb.AGREED)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Decision",
        error_messages={"required": "Write what was decided."},
        help_text="A blank line starts a paragraph; “- ”, “1.” or “a)” at a line’s start makes "
        "a list; **words** are bold.",
    )

    def clean_text(self):
        return text_to_html(self.cleaned_data.get("text", ""))


class ActionForm(forms.Form):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Action",
        error_messages={"required": "Say what is to be done."},
    )
    owners = forms.CharField(
        max_length=400,
        label="Who",
        help_text="Names or initials, an organisation or a group; separate several with commas. "
        "Nobody named yet: “to be confirmed”.",
        error_messages={
            "required": "Name at least one owner: a person, an organisation or a group, or "
            "write “to be confirmed”."
        },
    )
    due = forms.CharField(
        max_length=120,
        required=False,
        label="By when",
        help_text="A date (12/01/2027) or words such as “by the next meeting”.",
    )

    def __init__(self, *args, meeting: Meeting, id_prefix: str, **kwargs):
        super().__init__(*args, auto_id=f"{id_prefix}-%s", **kwargs)
        # The owner field asks the picker's search for suggestions as the officer types.
        self.list_id = f"owners-list-{id_prefix}"
        self.fields["owners"].widget.attrs.update(
            {
                "list": self.list_id,
                "autocomplete": "off",
                "hx-get": reverse("draft_owner_search", kwargs={"pk": meeting.pk}),
                "hx-trigger": "input changed delay:150ms",
                "hx-target": f"#{self.list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        self.fields["due"].widget.attrs.update({"list": "due-suggestions", "autocomplete": "off"})


class DeclarationForm(forms.Form):
    person = forms.TypedChoiceField(coerce=int, label="Who", choices=())
    item = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="On item", choices=()
    )
    interest = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Interest declared",
        error_messages={"required": "Describe the interest declared."},
    )

    def __init__(self, *args, attendances=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose…")] + [
            (a.person_id, a.person.display_name) for a in attendances
        ]
        self.fields["item"].choices = [("", "Not a particular item")] + [
            (i.pk, f"{i.number} {i.title}") for i in items
        ]


class ApprovalForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=MinutesApproval.Outcome.choices,
        initial=MinutesApproval.Outcome.APPROVED,
        widget=forms.RadioSelect,
    )
    corrections = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Corrections"
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == MinutesApproval.Outcome.CORRECTED
            and not (data.get("corrections") or "").strip()
        ):
            self.add_error("corrections", "Record the corrections made.")
        return data


class ProgressForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices)
    note = forms.CharField(required=False, max_length=5000, label="Progress reported")


def first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)
