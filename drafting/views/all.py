"""Drafting pages for the secretariat: set up meetings, build the agenda, take the register,
write the minutes (autosaved, conflict-safe, with history) and preview them.

Every page answers 404 to anyone who is not the body's secretariat (members read the record on
the meeting page instead). Once a meeting has left draft, the services raise RecordLocked and
the officer is sent to the meeting page with its message.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from actions.models import Action, ActionUpdate
from actions.selectors import actions_with_owners
from actions.services import action_create, action_update
from actions.services import action_edit as action_edit_service
from meetings import rules as meeting_rules
from meetings import services
from meetings.errors import EditConflict, RecordLocked
from meetings.models import AgendaItem, Attendance, Decision, Declaration, Meeting, Paper
from meetings.selectors import meetings_base
from meetings.text import clean_html
from partners import rules as partner_rules
from partners.models import Body, Person
from records import services as lifecycle
from records.documents import agenda_context, minutes_context
from records.selectors import meeting_record

from .. import selectors as drafting
from ..forms import (
    ActionForm,
    ApprovalForm,
    DecisionForm,
    DeclarationForm,
    GuestForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
    ProgressForm,
    ScheduleForm,
)

TABS = [
    ("details", "Details", "draft_details"),
    ("agenda", "Agenda", "draft_agenda"),
    ("register", "Register", "draft_register"),
    ("minutes", "Minutes", "draft_minutes"),
    ("preview", "Preview", "draft_preview"),
]


def meeting_page_url(meeting: Meeting) -> str:
    """The read-only meeting page, where a meeting that has left draft is looked at."""
    try:
        return reverse("meeting_detail", kwargs={"pk": meeting.pk})
    except NoReverseMatch:  # the record pages may not be installed in a trimmed deployment
        return reverse("drafts")


def drafting_view(view):
    """Look the meeting up for its secretariat (404 for anyone else) and turn a locked record
    into a message on the meeting page, never an error page."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        meeting = partner_rules.get_or_404(
            meetings_base(), user=request.user, check=meeting_rules.can_manage_meeting, pk=pk
        )
        try:
            if not meeting.is_editable:
                services.meeting_assert_editable(meeting)
            return view(request, meeting, *args, **kwargs)
        except RecordLocked as exc:
            message = " ".join(exc.messages)
            if _wants_json(request):
                return JsonResponse({"locked": True, "message": message}, status=423)
            messages.error(request, message)
            return redirect(meeting_page_url(meeting))

    return wrapper


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _item_or_404(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).select_related("meeting").first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


def _apply_errors(form, exc: ValidationError) -> None:
    """Put a service's complaint beside the field it concerns (or on top of the form).

    RecordLocked is not a form error: it goes on up to ``draft_view``, which sends the officer
    to the meeting page with the reason."""
    if isinstance(exc, RecordLocked):
        raise exc
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _message_errors(request, exc: ValidationError) -> None:
    """A service's complaint as a page message, for actions without a form of their own."""
    if isinstance(exc, RecordLocked):
        raise exc
    messages.error(request, " ".join(exc.messages))


def _base_context(meeting: Meeting, tab: str, **extra) -> dict:
    crumbs = [
        (meeting.body.short_name or meeting.body.name, _body_url(meeting.body)),
        (f"{meeting.heading}, {meeting.date:%-d %B %Y}", meeting_page_url(meeting)),
        (dict((t[0], t[1]) for t in TABS)[tab], ""),
    ]
    return {
        "meeting": meeting,
        "tab": tab,
        "tabs": TABS,
        "crumbs": crumbs,
        "nav_section": "drafts",
        **extra,
    }


def _body_url(body: Body) -> str:
    try:
        return reverse("body_detail", kwargs={"slug": body.slug})
    except NoReverseMatch:
        return reverse("drafts")


# --- Meetings to draft, new meeting, series ------------------------------------------------


@login_required
@require_GET
def drafts(request):
    bodies = list(drafting.editable_bodies(request.user))
    if not bodies:
        raise Http404
    return render(
        request,
        "drafting/drafts.html",
        {
            "meetings": list(drafting.drafts_for_user(request.user)),
            "bodies": bodies,
            "nav_section": "drafts",
            "crumbs": [("Meetings to draft", "")],
        },
    )


def _editable_body(request, slug) -> Body:
    return partner_rules.get_or_404(
        Body.objects.all(), user=request.user, check=partner_rules.can_edit_body, slug=slug
    )


@login_required
def meeting_create(request, slug):
    body = _editable_body(request, slug)
    form = MeetingForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(body=body, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"Meeting of {meeting.date:%-d %B %Y} set up with the register and standing items.",
            )
            return redirect("draft_agenda", pk=meeting.pk)
    crumbs = [(body.short_name or body.name, _body_url(body)), ("New meeting", "")]
    return render(
        request,
        "drafting/meeting_form.html",
        {"form": form, "body": body, "crumbs": crumbs, "nav_section": "drafts", "creating": True},
    )


@login_required
def meeting_schedule(request, slug):
    body = _editable_body(request, slug)
    last = Meeting.objects.filter(body=body).order_by("-date", "-start_time").first()
    initial = {}
    if last is not None:
        initial = {
            "start_time": last.start_time,
            "end_time": last.end_time,
            "venue": last.venue,
            "kind": Meeting.Kind.ORDINARY,
        }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.meetings_schedule(
                body=body,
                dates=data["all_dates"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                venue=data["venue"],
                kind=data["kind"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            listed = ", ".join(f"{m.date:%-d %B %Y}" for m in created)
            noun = "meeting" if len(created) == 1 else "meetings"
            messages.success(request, f"{len(created)} {noun} scheduled: {listed}.")
            return redirect("drafts")
    crumbs = [(body.short_name or body.name, _body_url(body)), ("Schedule meetings", "")]
    return render(
        request,
        "drafting/schedule_form.html",
        {"form": form, "body": body, "crumbs": crumbs, "nav_section": "drafts", "last": last},
    )


@drafting_view
def meeting_edit(request, meeting):
    initial = {
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "venue": meeting.venue,
        "kind": meeting.kind,
        "title": meeting.title,
        "joint_body": meeting.joint_body,
    }
    form = MeetingForm(request.POST or None, body=meeting.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect("draft_details", pk=meeting.pk)
    return render(
        request,
        "drafting/details.html",
        _base_context(meeting, "details", form=form, body=meeting.body),
    )


# --- Agenda builder -------------------------------------------------------------------------


def _agenda_context(meeting, add_form=None):
    record = meeting_record(meeting_id=meeting.pk)
    flat = record.flat_items()
    people = Person.objects.filter(memberships__body_id=meeting.body_id).distinct().order_by("name")
    add_form = add_form or ItemForm(items=[n.item for n in flat], people=people)
    return _base_context(meeting, "agenda", record=record, tree=record.tree, add_form=add_form)


def _agenda_response(request, meeting, add_form=None, status=200):
    context = _agenda_context(meeting, add_form)
    template = "drafting/agenda.html"
    if request.htmx:
        template += "#agenda-builder"
    return render(request, template, context, status=status)


@drafting_view
def agenda(request, meeting):
    return _agenda_response(request, meeting)


@drafting_view
@require_POST
def item_add(request, meeting):
    items = drafting.meeting_items(meeting)
    people = Person.objects.filter(memberships__body_id=meeting.body_id).distinct().order_by("name")
    form = ItemForm(request.POST, items=items, people=people)
    if form.is_valid():
        data = form.cleaned_data
        parent = next((i for i in items if i.pk == data["parent"]), None)
        try:
            item = services.item_add(
                meeting=meeting,
                title=data["title"],
                parent=parent,
                purpose=data["purpose"],
                presenter=data["presenter"],
                confidential=data["confidential"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, f"Item {item.number} added.")
                return redirect(reverse("draft_agenda", kwargs={"pk": meeting.pk}) + "#add-item")
            return _agenda_response(request, meeting)
    return _agenda_response(request, meeting, add_form=form, status=200 if request.htmx else 400)


@drafting_view
def item_edit(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    people = Person.objects.filter(memberships__body_id=meeting.body_id).distinct().order_by("name")
    initial = {
        "title": item.title,
        "purpose": item.purpose,
        "presenter": item.presenter_id,
        "confidential": item.confidential,
    }
    form = ItemForm(request.POST or None, initial=initial, people=people, with_parent=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_update(
                item=item,
                title=data["title"],
                purpose=data["purpose"],
                presenter=data["presenter"],
                confidential=data["confidential"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(
                reverse("draft_agenda", kwargs={"pk": meeting.pk}) + f"#agenda-item-{item.pk}"
            )
    papers = list(item.papers.order_by("position", "id"))
    return render(
        request,
        "drafting/item_form.html",
        _base_context(
            meeting, "agenda", item=item, form=form, papers=papers, paper_form=PaperForm()
        ),
    )


@drafting_view
def item_delete(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    if request.method == "POST":
        number = item.number
        try:
            services.item_delete(item=item)
        except ValidationError as exc:
            _message_errors(request, exc)
        else:
            messages.success(
                request, f"Item {number} “{item.title}” deleted; the agenda is renumbered."
            )
        return redirect("draft_agenda", pk=meeting.pk)
    descendants = AgendaItem.objects.filter(parent=item).count()
    return render(
        request,
        "drafting/item_delete.html",
        _base_context(meeting, "agenda", item=item, descendants=descendants),
    )


@drafting_view
@require_POST
def item_move(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    try:
        services.item_move(item=item, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        _message_errors(request, exc)
    if request.htmx:
        return _agenda_response(request, meeting)
    return redirect(reverse("draft_agenda", kwargs={"pk": meeting.pk}) + f"#agenda-item-{item.pk}")


@drafting_view
@require_POST
def items_reorder(request, meeting):
    parent = None
    if request.POST.get("parent"):
        parent = _item_or_404(meeting, _int(request.POST["parent"]))
    ids = [_int(v) for v in request.POST.getlist("order")]
    try:
        services.items_reorder(meeting=meeting, parent=parent, ordered_ids=ids)
    except ValidationError as exc:
        _message_errors(request, exc)
    if request.htmx:
        return _agenda_response(request, meeting)
    return redirect("draft_agenda", pk=meeting.pk)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


@drafting_view
@require_POST
def paper_add(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            paper = services.paper_add(
                item=item, reference=data["reference"], title=data["title"], upload=data["file"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Paper “{paper}” added to item {item.number}.")
            return redirect("draft_item", pk=meeting.pk, item_pk=item.pk)
    papers = list(item.papers.order_by("position", "id"))
    people = Person.objects.filter(memberships__body_id=meeting.body_id).distinct().order_by("name")
    item_form = ItemForm(
        initial={
            "title": item.title,
            "purpose": item.purpose,
            "presenter": item.presenter_id,
            "confidential": item.confidential,
        },
        people=people,
        with_parent=False,
    )
    return render(
        request,
        "drafting/item_form.html",
        _base_context(meeting, "agenda", item=item, form=item_form, papers=papers, paper_form=form),
        status=400,
    )


@drafting_view
@require_POST
def paper_delete(request, meeting, paper_pk):
    paper = Paper.objects.filter(pk=paper_pk, item__meeting=meeting).select_related("item").first()
    if paper is None:
        raise Http404
    paper.item.meeting = meeting
    services.paper_delete(paper=paper)
    messages.success(request, f"Paper “{paper}” removed.")
    return redirect("draft_item", pk=meeting.pk, item_pk=paper.item_id)


@login_required
@require_GET
def agenda_print(request, pk):
    """The agenda for circulation, as a clean printable page (members may print it too)."""

    meeting = partner_rules.get_or_404(
        meetings_base(), user=request.user, check=meeting_rules.can_view_meeting, pk=pk
    )
    context = agenda_context(meeting)
    context["issued_on"] = timezone.localdate()
    return render(request, "pdf/agenda.html", context)


# --- Register -------------------------------------------------------------------------------


def _register_context(meeting, guest_form=None, errors=None, notice="", focus=""):
    rows = drafting.register_rows(meeting)
    items = drafting.meeting_items(meeting)
    members = Person.objects.filter(attendances__meeting=meeting).order_by("name")
    return _base_context(
        meeting,
        "register",
        rows=rows,
        groups=drafting.register_groups(rows),
        grouped=any(r.group_label for r in rows),
        group_suggestions=drafting.group_suggestions(rows),
        notice=notice,
        focus=focus,
        items=items,
        categories=[c for c in Attendance.Category.choices],
        keys=drafting.REGISTER_KEYS,
        key_for={c: k for k, c in drafting.REGISTER_KEYS},
        guest_form=guest_form or GuestForm(members=members),
        row_errors=errors or {},
        missing_members=list(drafting.body_members_not_on_register(meeting)),
    )


def _register_response(request, meeting, status=200, **extra):
    """The register page, or (htmx) just its area: the table and the add form."""
    template = "drafting/register.html"
    if request.htmx:
        template += "#register-area"
    return render(request, template, _register_context(meeting, **extra), status=status)


@drafting_view
def register(request, meeting):
    if request.method != "POST":
        return _register_response(request, meeting)
    rows = {a.pk: a for a in drafting.register_rows(meeting)}
    items = {i.pk: i for i in drafting.meeting_items(meeting)}
    row_ids = [_int(v) for v in request.POST.getlist("rows")]
    errors: dict[int, str] = {}
    for row_id in row_ids:
        attendance = rows.get(row_id)
        if attendance is None:
            continue
        attendance.meeting = meeting
        try:
            services.attendance_update(
                attendance=attendance,
                category=request.POST.get(f"category-{row_id}", attendance.category),
                took_minutes=request.POST.get(f"minutes-{row_id}") == "on",
                arrived_during=items.get(_int(request.POST.get(f"arrived-{row_id}") or 0)),
                left_after=items.get(_int(request.POST.get(f"left-{row_id}") or 0)),
                group_label=request.POST.get(f"group-{row_id}"),
                role_label=request.POST.get(f"role-{row_id}"),
                note=request.POST.get(f"note-{row_id}"),
            )
        except ValidationError as exc:
            if isinstance(exc, RecordLocked):
                raise
            errors[row_id] = " ".join(exc.messages)
    if "chaired" in request.POST:
        chair = rows.get(_int(request.POST.get("chaired") or 0))
        services.attendance_chair_set(meeting=meeting, attendance=chair)
    if errors:
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": errors}, status=400)
        return render(
            request,
            "drafting/register.html",
            _register_context(meeting, errors=errors),
            status=400,
        )
    if _wants_json(request):
        return JsonResponse({"ok": True, "saved_at": _now_text()})
    messages.success(request, "Register saved.")
    return redirect("draft_register", pk=meeting.pk)


def _now_text() -> str:
    return timezone.localtime().strftime("%H:%M")


@drafting_view
@require_POST
def attendance_add(request, meeting):
    members = Person.objects.filter(attendances__meeting=meeting).order_by("name")
    form = GuestForm(request.POST, members=members)
    existing_person = None
    if request.POST.get("person"):
        existing_person = (
            drafting.body_members_not_on_register(meeting)
            .filter(pk=_int(request.POST["person"]))
            .first()
        )
        if existing_person is not None:
            form = GuestForm({**request.POST.dict(), "name": existing_person.name}, members=members)
    if form.is_valid():
        data = form.cleaned_data
        try:
            attendance = services.attendance_add_guest(
                meeting=meeting,
                name=data["name"],
                person=existing_person,
                organisation_name=data["organisation"],
                category=data["category"],
                substitute_for=data["substitute_for"],
                role_label=data["role_label"],
                group_label=data["group_label"],
                took_minutes=data["took_minutes"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            notice = (
                f"{attendance.person.display_name} added as “{attendance.get_category_display()}”."
            )
            if request.htmx:
                return _register_response(
                    request, meeting, notice=notice, focus=f"row-{attendance.pk}"
                )
            messages.success(request, notice)
            return redirect(reverse("draft_register", kwargs={"pk": meeting.pk}) + "#add-person")
    # htmx swaps only a 200 answer: the refused form comes back with its messages either way.
    return _register_response(
        request, meeting, status=200 if request.htmx else 400, guest_form=form, focus="add-person"
    )


@drafting_view
@require_POST
def attendance_remove(request, meeting, attendance_pk):
    attendance = (
        Attendance.objects.filter(meeting=meeting, pk=attendance_pk)
        .select_related("person")
        .first()
    )
    if attendance is None:
        raise Http404
    attendance.meeting = meeting
    services.attendance_remove(attendance=attendance)
    notice = f"{attendance.person.display_name} taken off the register."
    if request.htmx:
        return _register_response(request, meeting, notice=notice, focus="register-heading")
    messages.success(request, notice)
    return redirect("draft_register", pk=meeting.pk)


# --- Minutes editor -------------------------------------------------------------------------


def _minutes_context(meeting, bound=None):
    """The editor page; ``bound`` holds a form with errors for one item: (item pk, name, form)."""
    data = drafting.minutes_editor_data(meeting)
    record = data.record
    attendances = [a for a in record.attendances]
    flat = record.flat_items()
    items = [n.item for n in flat]
    for node in flat:
        item = node.item
        item.depth = node.depth
        item.minutes_form = MinutesForm(
            initial={"minutes": item.minutes, "base_revision": item.revision},
            auto_id=f"m{item.pk}-%s",
        )
        item.decision_form = DecisionForm(auto_id=f"d{item.pk}-%s")
        item.action_form = _action_form(meeting, item)
        if bound and bound[0] == item.pk:
            setattr(item, bound[1], bound[2])
    declaration_form = DeclarationForm(attendances=attendances, items=items, auto_id="decl-%s")
    approval_initial = {}
    if data.approval is not None:
        approval_initial = {
            "outcome": data.approval.outcome,
            "corrections": data.approval.corrections,
        }
    approval_form = ApprovalForm(initial=approval_initial, auto_id="appr-%s")
    if bound and bound[0] is None:
        if bound[1] == "declaration_form":
            declaration_form = bound[2]
        elif bound[1] == "approval_form":
            approval_form = bound[2]
    for action in data.open_actions:
        action.progress_form = ProgressForm(
            initial={"status": action.status}, auto_id=f"pr{action.pk}-%s"
        )
    return _base_context(
        meeting,
        "minutes",
        record=record,
        flat=flat,
        data=data,
        declaration_form=declaration_form,
        approval_form=approval_form,
        progress_statuses=Action.Status.choices,
    )


@drafting_view
@require_GET
def minutes_editor(request, meeting):
    return render(request, "drafting/minutes.html", _minutes_context(meeting))


@drafting_view
@require_POST
def item_minutes_save(request, meeting, item_pk):
    """Autosave target (JSON for the editor) and plain form post (without JavaScript)."""
    item = _item_or_404(meeting, item_pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse(
                {"ok": False, "message": "The editor sent an incomplete save."}, status=400
            )
        messages.error(request, "That save was incomplete; please try again.")
        return redirect(reverse("draft_minutes", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}")
    mine = form.cleaned_data["minutes"]
    try:
        saved = services.item_minutes_save(
            item=item, minutes=mine, base_revision=form.cleaned_data["base_revision"]
        )
    except EditConflict as conflict:
        if _wants_json(request):
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
        return render(
            request,
            "drafting/conflict.html",
            _base_context(
                meeting,
                "minutes",
                item=item,
                mine=clean_html(mine),
                mine_raw=mine,
                theirs=conflict.current_text,
                revision=conflict.current_revision,
            ),
            status=409,
        )
    if _wants_json(request):
        return JsonResponse({"ok": True, "revision": saved.revision, "saved_at": _now_text()})
    messages.success(request, f"Minutes of item {item.number} saved.")
    return redirect(reverse("draft_minutes", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}")


def _action_form(meeting, item, data=None, initial=None, prefix_id="") -> ActionForm:
    """The inline action form, its owner field wired to the picker's search."""
    prefix_id = prefix_id or f"a{item.pk}"
    form = ActionForm(data, initial=initial, auto_id=f"{prefix_id}-%s")
    form.list_id = f"owners-list-{prefix_id}"
    form.fields["owners"].widget.attrs.update(
        {
            "list": form.list_id,
            "autocomplete": "off",
            "hx-get": reverse("draft_owner_search", kwargs={"pk": meeting.pk}),
            "hx-trigger": "input changed delay:150ms",
            "hx-target": f"#{form.list_id}",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )
    form.fields["due"].widget.attrs.update({"list": "due-suggestions", "autocomplete": "off"})
    return form


def _item_extras_response(request, meeting, item, open_form="", editing=None, **forms):
    """After adding a decision or an action: the item's decisions and actions, fresh.

    ``editing`` is ("decision" or "action", pk, form): that row is shown as its edit form.
    """
    item = (
        AgendaItem.objects.filter(pk=item.pk)
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "id"))
        )
        .get()
    )
    item.meeting = meeting
    item.item_actions = list(actions_with_owners().filter(item=item).order_by("number"))
    item.decision_form = forms.get("decision_form") or DecisionForm(auto_id=f"d{item.pk}-%s")
    item.action_form = forms.get("action_form") or _action_form(meeting, item)
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
            _minutes_context(meeting, bound=(item.pk, name, form)),
            status=400,
        )
    if request.htmx:
        return _item_extras_response(
            request, meeting, item, open_form=name.removesuffix("_form") if form.is_bound else ""
        )
    messages.success(request, ok_message)
    return redirect(reverse("draft_minutes", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}")


@drafting_view
@require_POST
def decision_add(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    form = DecisionForm(request.POST, auto_id=f"d{item.pk}-%s")
    if form.is_valid():
        try:
            services.decision_add(
                item=item, text=form.cleaned_data["text"], verb=form.cleaned_data["verb"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
    return _after_extra(
        request,
        meeting,
        item,
        "decision_form",
        form,
        f"Decision recorded under item {item.number}.",
    )


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


def _minutes_item_url(meeting, item) -> str:
    return reverse("draft_minutes", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}"


def _edit_response(request, meeting, item, kind, obj, form, status):
    """The edit form of one decision or action: in place (htmx) or on a page of its own."""
    if request.htmx:
        return _item_extras_response(request, meeting, item, editing=(kind, obj.pk, form))
    return render(
        request,
        "drafting/extra_edit.html",
        _base_context(meeting, "minutes", item=item, kind=kind, obj=obj, form=form),
        status=status,
    )


@drafting_view
@require_GET
def item_extras(request, meeting, item_pk):
    """The item's decisions and actions as they are: what "Cancel" on an edit form swaps back."""
    item = _item_or_404(meeting, item_pk)
    if not request.htmx:
        return redirect(_minutes_item_url(meeting, item))
    return _item_extras_response(request, meeting, item)


@drafting_view
def decision_edit(request, meeting, decision_pk):
    """Correct a decision's verb or wording in place."""
    decision = _decision_or_404(meeting, decision_pk)
    item = decision.item
    auto_id = f"de{decision.pk}-%s"
    if request.method != "POST":
        text = drafting.html_to_text(decision.text)
        form = DecisionForm(initial={"verb": decision.verb, "text": text}, auto_id=auto_id)
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
            _apply_errors(form, exc)
    if form.errors:
        return _edit_response(request, meeting, item, "decision", decision, form, 400)
    if request.htmx:
        return _item_extras_response(request, meeting, item)
    messages.success(request, f"Decision under item {item.number} saved.")
    return redirect(_minutes_item_url(meeting, item))


@drafting_view
def action_edit(request, meeting, action_pk):
    """Correct an action of this meeting in place: what, who and by when."""
    action = actions_with_owners().filter(meeting=meeting, pk=action_pk).first()
    if action is None or action.item_id is None:
        raise Http404
    item = _item_or_404(meeting, action.item_id)
    action.meeting = meeting
    initial = {
        "description": action.description,
        "owners": drafting.owners_text(action),
        "due": drafting.due_text(action),
    }
    if request.method != "POST":
        form = _action_form(meeting, item, initial=initial, prefix_id=f"ae{action.pk}")
        return _edit_response(request, meeting, item, "action", action, form, 200)
    form = _action_form(meeting, item, request.POST, prefix_id=f"ae{action.pk}")
    if form.is_valid():
        data = form.cleaned_data
        # Fields left as they were keep their stored values: an owner who has since left the
        # body, or a date minuted as words, must survive an edit of the wording alone.
        owners = [o.owner for o in action.owners.all()]
        due_date, due_note = action.due_date, action.due_note
        if data["owners"].strip() != initial["owners"]:
            try:
                owners = drafting.owners_parse(meeting, data["owners"])
            except ValidationError as exc:
                form.add_error("owners", exc)
        if data["due"].strip() != initial["due"]:
            try:
                due_date, due_note = drafting.due_parse(meeting, data["due"])
            except ValidationError as exc:
                form.add_error("due", exc)
        if not form.errors:
            try:
                action_edit_service(
                    action=action,
                    description=data["description"],
                    owners=owners,
                    due_date=due_date,
                    due_note=due_note,
                    author=partner_rules.person_for(request.user),
                )
            except ValidationError as exc:
                if isinstance(exc, RecordLocked):
                    raise
                if hasattr(exc, "error_dict"):
                    for old, new in (("due_date", "due"), ("due_note", "due")):
                        if old in exc.error_dict:
                            exc.error_dict[new] = exc.error_dict.pop(old)
                _apply_errors(form, exc)
    if form.errors:
        return _edit_response(request, meeting, item, "action", action, form, 400)
    if request.htmx:
        return _item_extras_response(request, meeting, item)
    messages.success(request, f"Action {action.number} saved.")
    return redirect(_minutes_item_url(meeting, item))


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
    item = _item_or_404(meeting, item_pk)
    form = _action_form(meeting, item, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        owners = due_date = None
        due_note = ""
        try:
            owners = drafting.owners_parse(meeting, data["owners"])
        except ValidationError as exc:
            form.add_error("owners", exc)
        try:
            due_date, due_note = drafting.due_parse(meeting, data["due"])
        except ValidationError as exc:
            form.add_error("due", exc)
        if not form.errors:
            try:
                action_create(
                    meeting=meeting,
                    item=item,
                    description=data["description"],
                    owners=owners,
                    due_date=due_date,
                    due_note=due_note,
                )
            except ValidationError as exc:
                if isinstance(exc, RecordLocked):
                    raise
                if hasattr(exc, "error_dict") and "due_date" in exc.error_dict:
                    exc.error_dict["due"] = exc.error_dict.pop("due_date")
                _apply_errors(form, exc)
    return _after_extra(
        request, meeting, item, "action_form", form, f"Action added to item {item.number}."
    )


@drafting_view
@require_GET
def owner_search(request, meeting):
    """Picker suggestions for action owners: <option>s for the field's datalist."""
    options = drafting.owner_options(
        meeting, request.GET.get("owners", "") or request.GET.get("q", "")
    )
    return render(request, "drafting/owner_options.html", {"options": options})


def _minutes_anchor(meeting, kind) -> str:
    item = AgendaItem.objects.filter(meeting=meeting, kind=kind).first()
    url = reverse("draft_minutes", kwargs={"pk": meeting.pk})
    return url + (f"#item-{item.pk}" if item else "")


@drafting_view
@require_POST
def declaration_add(request, meeting):
    record_items = drafting.meeting_items(meeting)
    attendances = drafting.register_rows(meeting)
    form = DeclarationForm(
        request.POST, attendances=attendances, items=record_items, auto_id="decl-%s"
    )
    if form.is_valid():
        person = next(a.person for a in attendances if a.person_id == form.cleaned_data["person"])
        item = next((i for i in record_items if i.pk == form.cleaned_data["item"]), None)
        try:
            services.declaration_add(
                meeting=meeting, person=person, interest=form.cleaned_data["interest"], item=item
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Declaration by {person.display_name} recorded.")
            return redirect(_minutes_anchor(meeting, AgendaItem.Kind.DECLARATIONS))
    return render(
        request,
        "drafting/minutes.html",
        _minutes_context(meeting, bound=(None, "declaration_form", form)),
        status=400,
    )


@drafting_view
@require_POST
def declaration_delete(request, meeting, declaration_pk):
    declaration = Declaration.objects.filter(meeting=meeting, pk=declaration_pk).first()
    if declaration is None:
        raise Http404
    declaration.meeting = meeting
    services.declaration_delete(declaration=declaration)
    messages.success(request, "Declaration removed.")
    return redirect(_minutes_anchor(meeting, AgendaItem.Kind.DECLARATIONS))


@drafting_view
@require_POST
def no_interests(request, meeting):
    value = request.POST.get("value") == "1"
    try:
        services.meeting_no_interests_set(meeting=meeting, value=value)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(
            request,
            "Recorded: there were no interests to declare."
            if value
            else "“None declared” cleared.",
        )
    return redirect(_minutes_anchor(meeting, AgendaItem.Kind.DECLARATIONS))


@drafting_view
@require_POST
def approval_record(request, meeting):
    previous = drafting.previous_meeting_before(meeting)
    if previous is None:
        raise Http404
    form = ApprovalForm(request.POST, auto_id="appr-%s")
    if form.is_valid():
        item = AgendaItem.objects.filter(
            meeting=meeting, kind=AgendaItem.Kind.PREVIOUS_MINUTES
        ).first()
        try:
            approval = lifecycle.minutes_approval_record(
                meeting=meeting,
                previous_meeting=previous,
                outcome=form.cleaned_data["outcome"],
                corrections=form.cleaned_data["corrections"],
                item=item,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"Minutes of {previous.date:%-d %B %Y}: {approval.get_outcome_display().lower()}.",
            )
            return redirect(_minutes_anchor(meeting, AgendaItem.Kind.PREVIOUS_MINUTES))
    return render(
        request,
        "drafting/minutes.html",
        _minutes_context(meeting, bound=(None, "approval_form", form)),
        status=400,
    )


@drafting_view
@require_POST
def action_progress(request, meeting, action_pk):
    """Matters arising: progress on an earlier meeting's action, reported at this meeting."""
    action = (
        Action.objects.filter(
            pk=action_pk, meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date
        )
        .select_related("meeting")
        .first()
    )
    if action is None:
        raise Http404
    form = ProgressForm(request.POST)
    anchor = _minutes_anchor(meeting, AgendaItem.Kind.PREVIOUS_MINUTES)
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
            messages.error(request, f"Action {action.number}: " + " ".join(exc.messages))
        else:
            messages.success(request, f"Progress on action {action.number} recorded.")
    else:
        messages.error(request, f"Action {action.number}: choose a status.")
    return redirect(anchor)


# --- History and preview --------------------------------------------------------------------


@drafting_view
def item_history(request, meeting, item_pk):
    item = _item_or_404(meeting, item_pk)
    versions = list(
        item.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    # Only versions whose text differs from the one before are worth listing.
    shown, previous_text = [], None
    for version in reversed(versions):
        if version.minutes != previous_text:
            shown.append(version)
            previous_text = version.minutes
    shown.reverse()
    return render(
        request,
        "drafting/history.html",
        _base_context(meeting, "minutes", item=item, versions=shown),
    )


@drafting_view
@require_POST
def item_restore(request, meeting, item_pk, history_id):
    item = _item_or_404(meeting, item_pk)
    try:
        services.item_minutes_restore(item=item, history_id=history_id)
    except ValidationError as exc:
        if isinstance(exc, RecordLocked):
            raise
        raise Http404 from exc
    except EditConflict:
        messages.error(
            request, "Someone saved this item just now; look at the latest version first."
        )
        return redirect("draft_item_history", pk=meeting.pk, item_pk=item.pk)
    messages.success(
        request, f"Earlier version of item {item.number} restored (saved as a new version)."
    )
    return redirect(reverse("draft_minutes", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}")


@drafting_view
@require_GET
def preview(request, meeting):
    """The preview tab: the printed minutes in a frame, so the document's own print styles
    apply untouched by the application's."""
    return render(request, "drafting/preview.html", _base_context(meeting, "preview"))


@xframe_options_sameorigin
@drafting_view
@require_GET
def preview_document(request, meeting):
    """The minutes as they will print, from the draft, in the same template as the PDF."""

    return render(request, "pdf/minutes.html", minutes_context(meeting))
