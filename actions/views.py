"""Pages for actions: My actions, one action, the signed-link update, the body's action log,
the overdue summary, the calendar feed and reminder preferences. Thin: rules decide, services
write, selectors read."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from common.forms import errors_to_form
from partners import rules as partner_rules
from partners.models import Body, Person

from . import calendar, rules, selectors, services, tasks, tokens
from .filters import BodyActionFilter, MyActionsFilter
from .forms import ActionEditForm, ActionUpdateForm, ReminderPreferencesForm
from .models import Action, ActionUpdate

PER_PAGE_CHOICES = (25, 50)


def _per_page(request) -> int:
    try:
        value = int(request.GET.get("per_page", PER_PAGE_CHOICES[0]))
    except ValueError:
        return PER_PAGE_CHOICES[0]
    return value if value in PER_PAGE_CHOICES else PER_PAGE_CHOICES[0]


def _querystring_without(request, *keys) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


# My actions ----------------------------------------------------------------------------------


@login_required
@require_GET
def my_actions(request):
    person = partner_rules.person_for(request.user)
    done = request.GET.get("show") == "done"
    context = {"nav_section": "my_actions", "done": done, "person": person}
    if person is None:
        return render(request, "actions/my_actions.html", context)
    today = timezone.localdate()
    # The user's bodies as the top bar reads them (one query for both, cached on the user).
    body_ids = set(partner_rules.body_roles(request.user))
    bodies = Body.objects.filter(pk__in=body_ids).order_by("name")
    base = selectors.my_actions(person=person, body_ids=body_ids, done=done, today=today)
    filterset = MyActionsFilter(request.GET or None, queryset=base, bodies=bodies, done=done)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    page = Paginator(qs, _per_page(request)).get_page(request.GET.get("page"))
    actions = list(page.object_list)
    context.update(
        {
            "filterset": filterset,
            "page": page,
            "actions": actions,
            "groups": [] if done else selectors.group_by_bucket(actions),
            "held_elsewhere": None if done else selectors.held_elsewhere(person, body_ids),
            "today": today,
            "filter_query": _querystring_without(request, "page"),
            "tab_query": _querystring_without(request, "page", "show", "status"),
            "next_url": request.get_full_path(),
        }
    )
    return render(request, "actions/my_actions.html", context)


# One action ----------------------------------------------------------------------------------


def _action_or_404(request, pk) -> Action:
    action = selectors.action_for_page(pk)
    if action is None or not rules.can_view_action(request.user, action):
        raise Http404
    return action


def _detail_context(request, action, update_form=None, edit_form=None) -> dict:
    can_update = rules.can_update_action(request.user, action)
    can_edit = partner_rules.can_edit_body(request.user, action.meeting.body)
    return {
        "action": action,
        "today": timezone.localdate(),
        "can_update": can_update,
        "can_edit": can_edit,
        "update_form": update_form or (ActionUpdateForm(action=action) if can_update else None),
        "edit_form": edit_form or (ActionEditForm(action=action) if can_edit else None),
        "nav_section": "my_actions",
    }


@login_required
@require_GET
def action_detail(request, pk):
    action = _action_or_404(request, pk)
    return render(request, "actions/action_detail.html", _detail_context(request, action))


@login_required
@require_GET
def action_card_details(request, pk):
    """The update form and history of one card of My actions, loaded when the card is opened."""
    action = _action_or_404(request, pk)
    if rules.can_update_action(request.user, action):
        action.update_form = ActionUpdateForm(action=action, prefix_id=True)
    next_url = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    context = {"action": action, "today": timezone.localdate(), "next_url": next_url}
    return render(request, "actions/_card_details.html", context)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    # Only a path on this site: anything else (a bare word) would be taken for a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def action_update(request, pk):
    action = _action_or_404(request, pk)
    if not rules.can_update_action(request.user, action):
        raise Http404
    form = ActionUpdateForm(request.POST, action=action, prefix_id=bool(request.htmx))
    if form.is_valid():
        try:
            update = services.action_update(
                action=action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                author=partner_rules.person_for(request.user),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            notice = _update_notice(action, update)
            if request.htmx:
                action = selectors.action_for_page(pk)
                action.update_form = ActionUpdateForm(action=action, prefix_id=True)
                return render(
                    request,
                    "actions/_action_card.html",
                    {"action": action, "today": timezone.localdate(), "notice": notice},
                )
            messages.success(request, notice)
            return redirect(_safe_next(request, reverse("action_detail", args=[pk])))
    if request.htmx:
        action.update_form = form
        return render(
            request,
            "actions/_action_card.html",
            {"action": action, "today": timezone.localdate(), "open_form": True},
        )
    messages.error(request, "The update was not saved: see the message beside the field.")
    return render(
        request,
        "actions/action_detail.html",
        _detail_context(request, action, update_form=form),
        status=400,
    )


def _update_notice(action: Action, update: ActionUpdate) -> str:
    if update.status_before != update.status_after:
        return f"Action {action.number} marked “{update.get_status_after_display().lower()}”." + (
            " Your note was recorded." if update.note else ""
        )
    return f"Your note on action {action.number} was recorded."


@login_required
@require_POST
def action_edit(request, pk):
    action = _action_or_404(request, pk)
    if not partner_rules.can_edit_body(request.user, action.meeting.body):
        raise Http404
    form = ActionEditForm(request.POST, action=action)
    if form.is_valid():
        try:
            services.action_edit(
                action=action,
                owners=form.cleaned_data["owners"],
                due_date=form.cleaned_data["due_date"],
                due_note=form.cleaned_data["due_note"],
                author=partner_rules.person_for(request.user),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Action {action.number} saved.")
            return redirect("action_detail", pk=pk)
    messages.error(request, "The changes were not saved: see the message beside the field.")
    action = selectors.action_for_page(pk)
    return render(
        request,
        "actions/action_detail.html",
        _detail_context(request, action, edit_form=form),
        status=400,
    )


# The signed link in reminders -----------------------------------------------------------------


def _link_error(request, message: str, status: int):
    return render(request, "actions/link_invalid.html", {"message": message}, status=status)


def _link_claim(request, token):
    """The action and owner a link names, or the page saying why the link cannot be used:
    ``(action, person, None)`` or ``(None, None, response)``."""
    try:
        claim = tokens.read_token(token)
    except tokens.LinkError as exc:
        return None, None, _link_error(request, str(exc), 404)
    action = selectors.action_for_page(claim.action_id)
    person = Person.objects.filter(pk=claim.person_id).first()
    if action is None or person is None:
        return None, None, _link_error(request, "This action is no longer in Minutebook.", 404)
    if not rules.owned_actions(person).filter(pk=action.pk).exists():
        message = "You no longer own this action, so this link cannot update it."
        return None, None, _link_error(request, message, 403)
    if action.revision != claim.revision:
        message = (
            f"Action {action.number} has been updated since this link was sent, so the link "
            "has been used up. Your next reminder will carry a fresh one; or log in to see it."
        )
        return None, None, _link_error(request, message, 410)
    return action, person, None


def action_link(request, token):
    """Opens one action for one owner, without a login (see ``actions.tokens``)."""
    action, person, refused = _link_claim(request, token)
    if refused is not None:
        return refused
    form = ActionUpdateForm(request.POST or None, action=action)
    if request.method == "POST":
        if form.is_valid():
            try:
                update = services.action_update(
                    action=action,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    author=person,
                    via=ActionUpdate.Via.LINK,
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                action = selectors.action_for_page(action.pk)
                return render(
                    request,
                    "actions/link_done.html",
                    {
                        "action": action,
                        "person": person,
                        "notice": _update_notice(action, update),
                        "today": timezone.localdate(),
                    },
                )
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "actions/link_update.html",
        {"action": action, "person": person, "form": form, "today": timezone.localdate()},
        status=400 if form.is_bound else 200,
    )


# Body action log, CSV and overdue summary ----------------------------------------------------


def _body_or_404(request, slug, check=partner_rules.can_view_body) -> Body:
    return partner_rules.get_or_404(Body.objects.all(), user=request.user, check=check, slug=slug)


def _filtered_log(request, body):
    sort = request.GET.get("sort", selectors.DEFAULT_LOG_SORT)
    if sort not in selectors.LOG_SORTS:
        sort = selectors.DEFAULT_LOG_SORT
    base = selectors.body_action_log(body=body, user=request.user, sort=sort)
    filterset = BodyActionFilter(request.GET or None, queryset=base, body=body)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    return filterset, qs, sort


@login_required
@require_GET
def body_actions(request, slug):
    body = _body_or_404(request, slug)
    filterset, qs, sort = _filtered_log(request, body)
    per_page = _per_page(request)
    page = selectors.body_action_log_page(qs, per_page=per_page, number=request.GET.get("page"))
    columns = [("number", "Action"), ("meeting", "Meeting"), ("due", "Due"), ("status", "Status")]
    return render(
        request,
        "actions/body_actions.html",
        {
            "body": body,
            "filterset": filterset,
            "page": page,
            "sort": sort,
            "per_page": per_page,
            "per_page_choices": PER_PAGE_CHOICES,
            "columns": columns,
            "today": timezone.localdate(),
            "page_query": _querystring_without(request, "page"),
            "sort_query": _querystring_without(request, "page", "sort"),
            "csv_query": _querystring_without(request, "page", "per_page"),
            "can_chase": rules.can_chase_actions(request.user, body),
        },
    )


@login_required
@require_GET
def body_actions_csv(request, slug):
    body = _body_or_404(request, slug)
    _, qs, _ = _filtered_log(request, body)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{body.slug}-actions-{stamp}.csv"'
    response.write("\ufeff")  # so Excel opens it as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "Meeting",
            "Item",
            "Action",
            "Description",
            "Owners",
            "Due",
            "Due (as minuted)",
            "Status",
            "Closed on",
            "Closed at meeting",
            "Latest update",
        ]
    )
    for action in qs:
        latest = action.latest_updates[0].note if action.latest_updates else ""
        writer.writerow(
            [
                action.meeting.date.isoformat(),
                (f"{action.item.number} {action.item.title}".strip() if action.item else ""),
                action.reference,
                _csv_safe(action.description),
                _csv_safe("; ".join(o.label for o in action.owners.all()) or "To be confirmed"),
                action.due_date.isoformat() if action.due_date else "",
                _csv_safe(action.due_note),
                action.get_status_display(),
                action.closed_on.isoformat() if action.closed_on else "",
                action.closed_at_meeting.date.isoformat() if action.closed_at_meeting else "",
                _csv_safe(latest),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; quote them out."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
@require_GET
def body_overdue(request, slug):
    body = _body_or_404(request, slug, check=rules.can_chase_actions)
    summary = selectors.body_overdue_summary(body=body)
    return render(request, "actions/body_overdue.html", {"body": body, **summary})


@login_required
@require_POST
def body_send_reminders(request, slug):
    body = _body_or_404(request, slug, check=rules.can_chase_actions)
    if tasks.publish_now(tasks.send_reminders):
        messages.success(
            request,
            "Reminders are on their way to everyone with something due. "
            "Nobody is sent the same reminder twice.",
        )
    else:
        messages.warning(
            request,
            "The reminder service cannot be reached just now. Nothing is lost: the daily "
            f"sweep at {settings.REMINDER_HOUR:02d}:{settings.REMINDER_MINUTE:02d} sends "
            "everything that is due.",
        )
    return redirect("body_actions", slug=body.slug)


# Calendar feed and profile ---------------------------------------------------------------------


@require_GET
def calendar_feed(request, token):
    person = get_object_or_404(Person, calendar_token=token)
    response = HttpResponse(calendar.person_feed(person), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="minutebook.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def profile(request):
    person = partner_rules.person_for(request.user)
    if person is None:
        raise Http404
    form = ReminderPreferencesForm(request.POST or None, instance=person)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your reminder settings were saved.")
            return redirect("profile")
        messages.error(request, "Your settings were not saved: see the message beside the field.")
    feed_url = settings.SITE_URL + reverse("calendar_feed", args=[person.calendar_token])
    return render(
        request,
        "actions/profile.html",
        {
            "form": form,
            "person": person,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
            "nav_section": "profile",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def profile_calendar_reset(request):
    person = partner_rules.person_for(request.user)
    if person is None:
        raise Http404
    services.person_calendar_token_reset(person=person)
    messages.success(
        request,
        "Your calendar feed has a new address. The old one no longer works: "
        "subscribe again with the address below.",
    )
    return redirect(reverse("profile") + "#calendar")
