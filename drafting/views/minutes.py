"""The minutes tab: each item's minutes (autosaved, conflict-safe), its decisions and actions
(added and corrected in place), owner suggestions, and progress on earlier meetings' actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from actions.models import Action, ActionUpdate
from actions.selectors import actions_with_owners
from actions.services import action_create, action_update
from actions.services import action_edit as action_edit_service
from meetings import services
from meetings.errors import EditConflict
from meetings.models import AgendaItem, Decision
from meetings.text import clean_html
from partners import rules as partner_rules

from .. import selectors as drafting
from ..forms import (
    ActionForm,
    ApprovalForm,
    DecisionForm,
    DeclarationForm,
    MinutesForm,
    ProgressForm,
)
from ..text import ActionText, due_parse, html_to_text, text_keeps_html
from ._shared import (
    apply_errors,
    base_context,
    drafting_view,
    item_or_404,
    minutes_anchor,
    minutes_url,
    now_text,
    wants_json,
)

# --- The editor page -----------------------------------------------------------------------


def _item_forms(meeting, item) -> None:
    """The item's own forms, blank: its minutes, a decision, an action."""
    item.minutes_form = MinutesForm.for_item(item, auto_id=f"m{item.pk}-%s")
    item.decision_form = DecisionForm(auto_id=f"d{item.pk}-%s")
    item.action_form = ActionForm(meeting=meeting, id_prefix=f"a{item.pk}")


def minutes_context(meeting, bound=None) -> dict:
    """The editor page; ``bound`` is a refused form to show with its errors, as (item pk, name,
    form) for an item's form, or (None, name, form) for the declaration or approval form."""
    data = drafting.minutes_editor_data(meeting)
    record = data.record
    flat = record.flat_items()
    for node in flat:
        node.item.depth = node.depth
        _item_forms(meeting, node.item)
        if bound and bound[0] == node.item.pk:
            setattr(node.item, bound[1], bound[2])
    forms = {
        "declaration_form": DeclarationForm(
            attendances=list(record.attendances),
            items=[n.item for n in flat],
            auto_id="decl-%s",
        ),
        "approval_form": ApprovalForm(
            initial={"outcome": data.approval.outcome, "corrections": data.approval.corrections}
            if data.approval is not None
            else {},
            auto_id="appr-%s",
        ),
    }
    if bound and bound[0] is None and bound[1] in forms:
        forms[bound[1]] = bound[2]
    for action in data.open_actions:
        action.progress_form = ProgressForm(
            initial={"status": action.status}, auto_id=f"pr{action.pk}-%s"
        )
    return base_context(
        meeting,
        "minutes",
        record=record,
        flat=flat,
        data=data,
        progress_statuses=Action.Status.choices,
        **forms,
    )


@drafting_view
@require_GET
def minutes_editor(request, meeting):
    return render(request, "drafting/minutes.html", minutes_context(meeting))


# --- An item's minutes ----------------------------------------------------------------------


def _conflict_response(request, meeting, item, mine, conflict: EditConflict):
    """Someone else saved the item since this editor loaded it: both texts, for the officer
    to reconcile."""
    if wants_json(request):
        return JsonResponse(
            {
                "conflict": True,
                "message": str(conflict),
                "theirs": conflict.current_text,
                "mine": clean_html(mine),
                "revision": conflict.current_revision,
            },
            status=409,
        )
    context = base_context(
        meeting,
        "minutes",
        item=item,
        mine=clean_html(mine),
        mine_raw=mine,
        theirs=conflict.current_text,
        revision=conflict.current_revision,
    )
    return render(request, "drafting/conflict.html", context, status=409)


@drafting_view
@require_POST
def item_minutes_save(request, meeting, item_pk):
    """Autosave target (JSON for the editor) and plain form post (without JavaScript)."""
    item = item_or_404(meeting, item_pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse(
                {"ok": False, "message": "The editor sent an incomplete save."}, status=400
            )
        messages.error(request, "That save was incomplete; please try again.")
        return redirect(minutes_url(meeting, item))
    mine = form.cleaned_data["minutes"]
    try:
        saved = services.item_minutes_save(
            item=item, minutes=mine, base_revision=form.cleaned_data["base_revision"]
        )
    except EditConflict as conflict:
        return _conflict_response(request, meeting, item, mine, conflict)
    if wants_json(request):
        return JsonResponse({"ok": True, "revision": saved.revision, "saved_at": now_text()})
    messages.success(request, f"Minutes of item {item.number} saved.")
    return redirect(minutes_url(meeting, item))


# --- An item's decisions and actions ------------------------------------------------------


def _item_extras_response(request, meeting, item, open_form="", editing=None, **forms):
    """After adding a decision or an action: the item's decisions and actions, fresh.

    ``editing`` is ("decision" or "action", pk, form): that row is shown as its edit form.
    """
    item = drafting.item_with_extras(item)
    item.decision_form = forms.get("decision_form") or DecisionForm(auto_id=f"d{item.pk}-%s")
    item.action_form = forms.get("action_form") or ActionForm(
        meeting=meeting, id_prefix=f"a{item.pk}"
    )
    # Keep the form just used open, so a run of actions is typed without reaching for the mouse.
    item.open_form = open_form
    if editing is not None:
        item.edit_kind, item.edit_pk, item.edit_form = editing
    return render(
        request,
        "drafting/minutes.html#item-extras",
        {"item": item, "meeting": meeting},
    )


def _after_extra(request, meeting, item, name, form, ok_message):
    if form.is_bound and form.errors:
        if request.htmx:
            return _item_extras_response(request, meeting, item, **{name: form})
        return render(
            request,
            "drafting/minutes.html",
            minutes_context(meeting, bound=(item.pk, name, form)),
            status=400,
        )
    if request.htmx:
        return _item_extras_response(
            request, meeting, item, open_form=name.removesuffix("_form") if form.is_bound else ""
        )
    messages.success(request, ok_message)
    return redirect(minutes_url(meeting, item))


def _edit_response(request, meeting, item, kind, obj, form, status):
    """The edit form of one decision or action: in place (htmx) or on a page of its own."""
    if request.htmx:
        return _item_extras_response(request, meeting, item, editing=(kind, obj.pk, form))
    return render(
        request,
        "drafting/extra_edit.html",
        base_context(meeting, "minutes", item=item, kind=kind, obj=obj, form=form),
        status=status,
    )


def _after_edit(request, meeting, item, ok_message):
    if request.htmx:
        return _item_extras_response(request, meeting, item)
    messages.success(request, ok_message)
    return redirect(minutes_url(meeting, item))


@drafting_view
@require_GET
def item_extras(request, meeting, item_pk):
    """The item's decisions and actions as they are: what "Cancel" on an edit form swaps back."""
    item = item_or_404(meeting, item_pk)
    if not request.htmx:
        return redirect(minutes_url(meeting, item))
    return _item_extras_response(request, meeting, item)


def _decision_or_404(meeting, decision_pk) -> Decision:
    decision = (
        Decision.objects.filter(pk=decision_pk, item__meeting=meeting)
        .select_related("item")
        .first()
    )
    if decision is None:
        raise Http404
    decision.item.meeting = meeting
    return decision


@drafting_view
@require_POST
def decision_add(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    form = DecisionForm(request.POST, auto_id=f"d{item.pk}-%s")
    if form.is_valid():
        try:
            services.decision_add(
                item=item, text=form.cleaned_data["text"], verb=form.cleaned_data["verb"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    return _after_extra(
        request,
        meeting,
        item,
        "decision_form",
        form,
        f"Decision recorded under item {item.number}.",
    )


@drafting_view
def decision_edit(request, meeting, decision_pk):
    """Correct a decision's verb or wording in place."""
    decision = _decision_or_404(meeting, decision_pk)
    item = decision.item
    auto_id = f"de{decision.pk}-%s"
    if request.method != "POST":
        text = html_to_text(decision.text)
        form = DecisionForm(initial={"verb": decision.verb, "text": text}, auto_id=auto_id)
        form.drops_formatting = not text_keeps_html(decision.text)
        # Open the box as tall as the wording, so a listed decision is seen whole.
        form.fields["text"].widget.attrs["rows"] = min(12, max(3, text.count("\n") + 2))
        return _edit_response(request, meeting, item, "decision", decision, form, 200)
    form = DecisionForm(request.POST, auto_id=auto_id)
    if form.is_valid():
        try:
            services.decision_update(
                decision=decision, text=form.cleaned_data["text"], verb=form.cleaned_data["verb"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        return _edit_response(request, meeting, item, "decision", decision, form, 400)
    return _after_edit(request, meeting, item, f"Decision under item {item.number} saved.")


@drafting_view
@require_POST
def decision_delete(request, meeting, decision_pk):
    decision = _decision_or_404(meeting, decision_pk)
    services.decision_delete(decision=decision)
    form = DecisionForm()
    return _after_extra(request, meeting, decision.item, "decision_form", form, "Decision removed.")


@drafting_view
@require_POST
def action_add(request, meeting, item_pk):
    """An action arising in the minutes: what, who (names, initials, organisations, groups), when."""
    item = item_or_404(meeting, item_pk)
    form = ActionForm(request.POST, meeting=meeting, id_prefix=f"a{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        owners = due_date = None
        due_note = ""
        try:
            owners = drafting.owners_parse(meeting, data["owners"])
        except ValidationError as exc:
            form.add_error("owners", exc)
        try:
            due_date, due_note = due_parse(meeting, data["due"])
        except ValidationError as exc:
            form.add_error("due", exc)
        if not form.errors:
            try:
                action_create(
                    meeting=meeting,
                    item=item,
                    description=data["description"],
                    owners=owners,
                    # The wording refuses a blank "who": no owners read means "to be confirmed".
                    owner_to_be_confirmed=not owners,
                    due_date=due_date,
                    due_note=due_note,
                )
            except ValidationError as exc:
                apply_errors(form, exc, rename={"due_date": "due"})
    return _after_extra(
        request, meeting, item, "action_form", form, f"Action added to item {item.number}."
    )


@drafting_view
def action_edit(request, meeting, action_pk):
    """Correct an action of this meeting in place: what, who and by when. Which of those the
    officer changed is the service's to tell (see ``actions.services.action_edit``)."""
    action = actions_with_owners().filter(meeting=meeting, pk=action_pk).first()
    if action is None or action.item_id is None:
        raise Http404
    item = item_or_404(meeting, action.item_id)
    action.meeting = meeting
    wording = ActionText(meeting)
    id_prefix = f"ae{action.pk}"
    if request.method != "POST":
        initial = {
            "description": action.description,
            "owners": wording.owners_text(action),
            "due": wording.due_text(action),
        }
        form = ActionForm(initial=initial, meeting=meeting, id_prefix=id_prefix)
        return _edit_response(request, meeting, item, "action", action, form, 200)
    form = ActionForm(request.POST, meeting=meeting, id_prefix=id_prefix)
    if form.is_valid():
        data = form.cleaned_data
        try:
            action_edit_service(
                action=action,
                description=data["description"],
                typed={"owners": data["owners"], "due": data["due"]},
                wording=wording,
                author=partner_rules.person_for(request.user),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        return _edit_response(request, meeting, item, "action", action, form, 400)
    return _after_edit(request, meeting, item, f"Action {action.number} saved.")


@drafting_view
@require_GET
def owner_search(request, meeting):
    """Picker suggestions for action owners: <option>s for the field's datalist."""
    options = drafting.owner_options(
        meeting, request.GET.get("owners", "") or request.GET.get("q", "")
    )
    return render(request, "drafting/owner_options.html", {"options": options})


# --- Matters arising: earlier meetings' actions ------------------------------------------


@drafting_view
@require_POST
def action_progress(request, meeting, action_pk):
    """Matters arising: progress on an earlier meeting's action, reported at this meeting."""
    action = drafting.earlier_action(meeting, action_pk)
    if action is None:
        raise Http404
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            action_update(
                action=action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                author=partner_rules.person_for(request.user),
                meeting=meeting,
                via=ActionUpdate.Via.MEETING,
            )
        except ValidationError as exc:
            messages.error(request, f"Action {action.reference}: " + " ".join(exc.messages))
        else:
            messages.success(request, f"Progress on action {action.reference} recorded.")
    else:
        messages.error(request, f"Action {action.reference}: choose a status.")
    return redirect(minutes_anchor(meeting, AgendaItem.Kind.PREVIOUS_MINUTES))
