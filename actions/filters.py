"""Filters in the query string, so a filtered list can be bookmarked and shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from meetings.models import Meeting
from partners.models import Body, Person

from .models import Action
from .selectors import OUTSTANDING


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
        queryset=Body.objects.none(), field_name="meeting__body", empty_label="All my bodies"
    )
    status = django_filters.ChoiceFilter(empty_label="Any status")

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
        choices=STATUS_CHOICES, method="filter_status", empty_label="Any status"
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Person.objects.none(), method="filter_owner", empty_label="Anyone"
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.none(), empty_label="Any meeting"
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
        self.filters["owner"].queryset = (
            Person.objects.filter(memberships__body=body).distinct().order_by("name")
        )
        self.filters["meeting"].queryset = Meeting.objects.filter(body=body).select_related("body")

    def filter_status(self, queryset, name, value):
        if value == "outstanding":
            return queryset.filter(status__in=OUTSTANDING)
        return queryset.filter(status=value)

    def filter_owner(self, queryset, name, person):
        # The person's own actions, and those of their organisation and their groups here.
        q = Q(owners__person=person) | Q(owners__team__members=person)
        q |= Q(owners__team__everyone=True)
        if person.organisation_id:
            q |= Q(owners__organisation_id=person.organisation_id)
        return queryset.filter(pk__in=Action.objects.filter(q).values("pk"))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OUTSTANDING, due_date__lt=timezone.localdate())
