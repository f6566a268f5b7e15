"""Forms for drafting a meeting. Forms check and shape input; services do the writing."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesApproval
from partners.models import Body, Person

from .selectors import paper_file_check, text_to_html

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
    parent = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Under", choices=()
    )
    purpose = forms.ChoiceField(choices=AgendaItem.Purpose.choices, required=False)
    presenter = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, empty_label="No presenter"
    )
    confidential = forms.BooleanField(
        required=False, label="Confidential (left out of the public version)"
    )

    def __init__(self, *args, items=(), people=None, with_parent=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_parent:
            self.fields["parent"].choices = [("", "Top level")] + [
                (i.pk, f"{i.number} {i.title}") for i in items
            ]
        else:
            del self.fields["parent"]
        if people is not None:
            self.fields["presenter"].queryset = people


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


class MinutesForm(forms.Form):
    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean_minutes(self):
        text = self.cleaned_data.get("minutes", "")
        # Typed without the editor (no JavaScript): blank lines separate paragraphs.
        if text.strip() and "<" not in text:
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            text = "".join(
                "<p>" + "<br>".join(escape(line) for line in p.splitlines()) + "</p>"
                for p in paragraphs
            )
        return text


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
        help_text="Names or initials, an organisation or a group; separate several with commas.",
        error_messages={
            "required": "Name at least one owner: a person, an organisation or a group."
        },
    )
    due = forms.CharField(
        max_length=120,
        required=False,
        label="By when",
        help_text="A date (12/01/2027) or words such as “by the next meeting”.",
    )


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
