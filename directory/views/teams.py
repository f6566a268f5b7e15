"""A body's groups (teams) that own actions: "Secretariat", "LSP working group", "All"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from common.forms import errors_to_form
from partners import selectors, services
from partners.models import Team

from ..forms import TeamForm
from ._shared import body_context, body_view, message_errors


@body_view
def teams(request, body):
    """The body's groups, and the form to add one (posted here)."""
    form = TeamForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(body=body, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Group “{team.name}” added.")
            return redirect("directory_teams", slug=body.slug)
    context = body_context(body, "teams", teams=list(selectors.body_teams(body)), form=form)
    return render(request, "directory/teams.html", context)


@body_view
def team_edit(request, body, pk):
    team = _team(body, pk)
    initial = {"name": team.name, "everyone": team.everyone, "members": list(team.members.all())}
    form = TeamForm(request.POST or None, initial=initial, body=body, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Group “{team.name}” saved.")
            return redirect("directory_teams", slug=body.slug)
    context = body_context(body, "teams", (team.name, ""), form=form, team=team)
    return render(request, "directory/team_form.html", context)


@body_view
def team_delete(request, body, pk):
    """Ask once, then remove the group (refused while it owns actions)."""
    team = _team(body, pk)
    if request.method == "POST":
        name = team.name
        try:
            services.team_delete(team=team)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, f"Group “{name}” removed.")
        return redirect("directory_teams", slug=body.slug)
    context = body_context(body, "teams", (f"Remove “{team.name}”", ""), team=team)
    return render(request, "directory/team_delete.html", context)


def _team(body, pk) -> Team:
    team = Team.objects.filter(body=body, pk=pk).first()
    if team is None:
        raise Http404
    return team
