"""Filters in the query string, so a filtered list can be bookmarked and shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from meetings.models import Meeting
from partners.models import Body, Membership, Person, Team

from .models import Action, ActionOwner
from .selectors import OUTSTANDING


class QuickSelect(forms.Select):
    """A select whose options are written in Python rather than through a template included
    for each: the action log's lists hold every meeting and member of the body, and rendering
    them through the template engine cost more than the 25 rows of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class StyledFilterSet(django_filters.FilterSet):
    """Bootstrap classes on the filter controls (django-filter renders bare widgets)."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs.setdefault("class", css)
        return form


class MyActionsFilter(StyledFilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.none(),
        field_name="meeting__body",
        empty_label="All my bodies",
        widget=QuickSelect,
    )
    status = django_filters.ChoiceFilter(empty_label="Any status", widget=QuickSelect)

    class Meta:
        model = Action
        fields = ["body", "status"]

    def __init__(self, *args, bodies, done: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = bodies
        closed = [(v, label) for v, label in Action.Status.choices if v in Action.CLOSED]
        open_ = [(v, label) for v, label in Action.Status.choices if v in OUTSTANDING]
        self.filters["status"].extra["choices"] = closed if done else open_


class BodyActionFilter(StyledFilterSet):
    STATUS_CHOICES = [("outstanding", "Outstanding (open or in progress)"), *Action.Status.choices]

    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", empty_label="Any status", widget=QuickSelect
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Person.objects.none(),
        method="filter_owner",
        empty_label="Anyone",
        widget=QuickSelect,
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.none(), empty_label="Any meeting", widget=QuickSelect
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Overdue only",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = ["status", "owner", "meeting", "overdue"]

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the options show (a person's name; a meeting's body and date), and the
        # organisation ``filter_owner`` asks of the chosen person.
        members = Membership.objects.filter(body=body).values("person_id")
        self.filters["owner"].queryset = (
            Person.objects.filter(pk__in=members)
            .only("honorific", "name", "organisation")
            .order_by("name")
        )
        self.filters["meeting"].queryset = (
            Meeting.objects.filter(body=body)
            .select_related("body")
            .only("date", "body__name", "body__short_name")
        )

    def filter_status(self, queryset, name, value):
        if value == "outstanding":
            return queryset.filter(status__in=OUTSTANDING)
        return queryset.filter(status=value)

    def filter_owner(self, queryset, name, person):
        # The person's own actions, and those of their organisation and their groups here:
        # a union of owner rows, so each arm follows its own index (one OR across the joins
        # read every owner row of every body).
        direct = Q(person=person)
        if person.organisation_id:
            direct |= Q(organisation_id=person.organisation_id)
        teams = Team.objects.filter(Q(members=person) | Q(everyone=True)).order_by().values("pk")
        owners = (
            ActionOwner.objects.filter(direct)
            .order_by()
            .values("action_id")
            .union(ActionOwner.objects.filter(team__in=teams).order_by().values("action_id"))
        )
        return queryset.filter(pk__in=owners)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OUTSTANDING, due_date__lt=timezone.localdate())
