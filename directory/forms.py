"""Forms of the directory pages. They check and shape input; ``partners.services`` writes."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from partners import selectors
from partners.models import Body, Membership, Organisation, Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PersonLabelMixin:
    """People are told apart by organisation: "Cllr Ashley Green (SCC)"."""

    def label_from_instance(self, person):
        org = person.organisation
        return f"{person.display_name} ({org.short_name})" if org else person.display_name


class PersonChoiceField(PersonLabelMixin, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PersonLabelMixin, forms.ModelMultipleChoiceField):
    pass


def organisation_field(**kwargs):
    return forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), required=False, **kwargs
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="In full, e.g. “Sunderland City Council”.")
    acronym = forms.CharField(max_length=30, required=False, help_text="For example SCC.")
    sector = forms.ChoiceField(label="Kind", choices=Organisation.Sector.choices)


class PersonForm(forms.Form):
    honorific = forms.CharField(max_length=30, required=False, help_text="For example Cllr, Dr.")
    name = forms.CharField(max_length=200, help_text="Full name as it appears in minutes.")
    job_title = forms.CharField(max_length=200, required=False)
    organisation = organisation_field(empty_label="No organisation")
    initials = forms.CharField(
        max_length=10,
        required=False,
        help_text="As the minutes use them, e.g. JM. Leave blank to take them from the name.",
    )
    email = forms.EmailField(label="E-mail", required=False)

    def __init__(self, *args, admin_flag: bool = False, invite_option: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if admin_flag:
            self.fields["is_administrator"] = forms.BooleanField(
                label="Administrator",
                required=False,
                help_text="Manages organisations, people and bodies across every partnership.",
            )
        if invite_option:
            self.fields["invite"] = forms.BooleanField(
                label="E-mail an invitation to log in",
                required=False,
                help_text="They choose their own password from a link that works for 14 days.",
            )

    def clean(self):
        data = super().clean()
        if data.get("invite") and not data.get("email"):
            self.add_error("email", "Give an e-mail address to send the invitation to.")
        return data


class BodyForm(forms.Form):
    name = forms.CharField(max_length=200)
    short_name = forms.CharField(
        label="Acronym", max_length=40, required=False, help_text="For example SIIG."
    )
    parent = forms.ModelChoiceField(
        label="Reports to",
        queryset=Body.objects.order_by("name"),
        required=False,
        empty_label="No parent body",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    numbering = forms.ChoiceField(
        label="Item numbering", choices=Body.Numbering.choices, widget=forms.RadioSelect
    )
    minutes_title = forms.CharField(
        label="The record is called",
        max_length=60,
        initial="Minutes",
        help_text="“Minutes” or “Notes”, as this body heads its record.",
    )
    standing_items = forms.MultipleChoiceField(
        choices=Body.StandingItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The standing items this body's agendas carry.",
    )
    default_venue = forms.CharField(label="Usual venue", max_length=200, required=False)
    default_start_time = forms.TimeField(label="Usually starts", required=False, widget=TIME_WIDGET)
    default_end_time = forms.TimeField(label="Usually ends", required=False, widget=TIME_WIDGET)
    reminder_notice_days = forms.IntegerField(
        label="Remind action owners (days before due)", min_value=0, max_value=60, initial=7
    )
    publishes = forms.BooleanField(
        label="Publish this body's record on the public portal",
        required=False,
        help_text="Public agendas and papers, signed minutes (public version), decisions and "
        "attendance, the open data API and a public calendar. Confidential items never are.",
    )
    agenda_notice_days = forms.IntegerField(
        label="Publish agendas this many clear days before the meeting",
        min_value=0,
        max_value=60,
        initial=5,
        help_text="Councils must publish at least 5 clear days before.",
    )

    def __init__(self, *args, body: Body | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:
            self.fields["parent"].queryset = Body.objects.exclude(pk=body.pk).order_by("name")


class MembershipForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    organisation = organisation_field(
        label="Represents", empty_label="Their own organisation", help_text=""
    )
    start_date = forms.DateField(label="Member since", required=False, widget=DATE_WIDGET)
    end_date = forms.DateField(label="Until", required=False, widget=DATE_WIDGET)
    deputy = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        empty_label="No named deputy",
        help_text="Who usually attends in this member's place.",
    )
    note = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = selectors.people_choices()


class MemberAddForm(MembershipForm):
    """A membership for someone already in the directory, or for a new person in one go."""

    person = PersonChoiceField(
        label="Person", queryset=Person.objects.none(), required=False, empty_label="Someone new"
    )
    new_name = forms.CharField(label="Name", max_length=200, required=False)
    new_honorific = forms.CharField(label="Honorific", max_length=30, required=False)
    new_job_title = forms.CharField(label="Job title", max_length=200, required=False)
    # Typed, not chosen: a list of new people often brings new organisations with it, and
    # stopping to add each one on its own page first is what made setting up slow.
    new_organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        help_text="Choose from the list, or type a new one: it is added to the directory.",
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off"}),
    )
    new_email = forms.EmailField(label="E-mail", required=False)

    field_order = ["person", "new_name", "new_honorific", "new_job_title", "new_organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.people_choices()

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("new_name"):
            self.add_error("person", "Choose someone, or give the name of someone new.")
        return data


class EndMembershipForm(forms.Form):
    end_date = forms.DateField(label="Last day as a member", widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"end_date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class TeamForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        help_text="As the minutes name the owner: “Secretariat”, “LSP working group”.",
    )
    everyone = forms.BooleanField(label="Stands for every current member (“All”)", required=False)
    members = PeopleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Current members of the body, and anyone already in the group.",
    )

    def __init__(self, *args, body: Body, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.team_member_choices(body, team)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Membership list",
        help_text="CSV or Excel (.xlsx), a heading row then one person a row: Name, "
        "Organisation, Role, E-mail; optionally Honorific, Job title, Initials, Start, End.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class MergeForm(forms.Form):
    duplicate = PersonChoiceField(
        label="The other record of this person",
        queryset=Person.objects.none(),
        empty_label="Choose…",
    )

    def __init__(self, *args, keep: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = selectors.people_choices().exclude(pk=keep.pk)
