"""Forms for recording progress on actions and for the secretariat's corrections."""

from __future__ import annotations

from django import forms

from partners.models import Membership, Organisation, Person, Team

from .models import Action
from .services import NOTE_MAX_CHARS

STATUS_MESSAGE = "Choose a status: open, in progress, done or dropped."


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        choices=Action.Status.choices,
        error_messages={"invalid_choice": STATUS_MESSAGE, "required": STATUS_MESSAGE},
    )
    note = forms.CharField(
        label="Progress note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What has been done, or why it was dropped. Shown at the next meeting.",
    )

    def __init__(self, *args, action: Action, prefix_id: bool = False, **kwargs):
        if prefix_id:
            kwargs.setdefault("auto_id", f"id_a{action.pk}_%s")
        kwargs.setdefault("initial", {"status": action.status})
        super().__init__(*args, **kwargs)
        self.action = action

    def clean_note(self):
        note = self.cleaned_data["note"]
        if len(note) > NOTE_MAX_CHARS:
            raise forms.ValidationError(
                f"Keep the note under {NOTE_MAX_CHARS:,} characters (it has {len(note):,})."
            )
        return note

    def clean(self):
        data = super().clean()
        unchanged = "status" in data and data["status"] == self.action.status
        if unchanged and "note" in data and not data["note"].strip():
            self.add_error("note", "Add a note or change the status.")
        return data


def owner_choices(body) -> list[tuple[str, list[tuple[str, str]]]]:
    """Everyone who can own an action of ``body``, keyed "p:<id>", "t:<id>", "o:<id>"."""
    people = (
        Person.objects.filter(memberships__body=body)
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )
    teams = Team.objects.filter(body=body).order_by("name")
    orgs = (
        Organisation.objects.filter(
            pk__in=Membership.objects.filter(body=body).values("person__organisation")
        )
        .distinct()
        .order_by("name")
    )
    return [
        ("People", [(f"p:{p.pk}", p.display_name) for p in people]),
        ("Groups", [(f"t:{t.pk}", t.name) for t in teams]),
        ("Organisations", [(f"o:{o.pk}", o.name) for o in orgs]),
    ]


class ActionEditForm(forms.Form):
    """The secretariat's corrections to an action: who owns it and when it is due."""

    owners = forms.MultipleChoiceField(
        error_messages={
            "invalid_choice": "%(value)s is not a known owner here: choose people, groups "
            "or organisations of this body.",
            "required": "Name at least one owner: a person, an organisation or a group.",
        },
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl (or Cmd) to choose several.",
    )
    due_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date such as 9/11/2026."},
    )
    due_note = forms.CharField(
        label="Due (as minuted)", required=False, max_length=120, help_text='E.g. "in June"'
    )

    def __init__(self, *args, action: Action, **kwargs):
        initial = {
            "owners": [
                f"p:{o.person_id}"
                if o.person_id
                else f"t:{o.team_id}"
                if o.team_id
                else f"o:{o.organisation_id}"
                for o in action.owners.all()
            ],
            "due_date": action.due_date,
            "due_note": action.due_note,
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["owners"].choices = owner_choices(action.meeting.body)

    def clean_owners(self):
        keys = self.cleaned_data["owners"]
        models = {"p": Person, "t": Team, "o": Organisation}
        found = []
        for key in keys:
            kind, _, pk = key.partition(":")
            found.append(models[kind].objects.get(pk=int(pk)))
        return found


class ReminderPreferencesForm(forms.ModelForm):
    """Reminders of actions, and how meeting notices come (the ``notices`` app reads those)."""

    NOTICE_FIELDS = ("notice_timing", "notice_attach_pdf")

    class Meta:
        model = Person
        fields = ["reminder_timing", "remind_before_due", "notice_timing", "notice_attach_pdf"]
        labels = {
            "reminder_timing": "When to send reminders",
            "remind_before_due": "Remind me before actions fall due",
            "notice_timing": "Draft and signed minutes",
            "notice_attach_pdf": "Attach the PDF of signed minutes",
        }
        help_texts = {
            "remind_before_due": "Untick to hear only about overdue actions "
            "(those are repeated once a week until done).",
            "notice_timing": "Agendas, and requests to the chair, always come at once.",
            "notice_attach_pdf": "The message always links to them; this adds the file itself.",
        }
        widgets = {"reminder_timing": forms.RadioSelect, "notice_timing": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A post without it (a bookmarked older form) keeps the person's choice.
        self.fields["notice_timing"].required = False

    def clean_notice_timing(self):
        return self.cleaned_data.get("notice_timing") or self.instance.notice_timing
