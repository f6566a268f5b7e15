"""The agenda tab: the agenda builder, one item's page, and the agenda as printed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from meetings import rules as meeting_rules
from meetings import services
from meetings.models import AgendaItem
from meetings.selectors import meetings_base
from partners import rules as partner_rules
from records.documents import agenda_context
from records.selectors import meeting_record

from .. import selectors as drafting
from ..forms import ItemForm, PaperForm
from ._shared import (
    apply_errors,
    base_context,
    drafting_view,
    int_or_404,
    item_or_404,
    message_errors,
)


def _agenda_response(request, meeting, add_form=None, status=200):
    """The agenda page, or (htmx) just the builder."""
    record = meeting_record(meeting_id=meeting.pk)
    if add_form is None:
        items = [n.item for n in record.flat_items()]
        people = drafting.meeting_people(meeting, members=True, register=True)
        add_form = ItemForm(items=items, people=people)
    context = base_context(meeting, "agenda", record=record, tree=record.tree, add_form=add_form)
    template = "drafting/agenda.html"
    if request.htmx:
        template += "#agenda-builder"
    return render(request, template, context, status=status)


def _agenda_item_url(meeting, item) -> str:
    return reverse("draft_agenda", kwargs={"pk": meeting.pk}) + f"#agenda-item-{item.pk}"


def item_edit_form(meeting, item, data=None) -> ItemForm:
    initial = {
        "title": item.title,
        "number": item.number if item.number_typed else "",
        "purpose": item.purpose,
        "presenter": item.presenter_id,
        "confidential": item.confidential,
        "exempt_paragraph": item.exempt_paragraph,
        "exempt_reason": item.exempt_reason,
    }
    people = drafting.meeting_people(meeting, members=True, register=True)
    return ItemForm(data, initial=initial, people=people, with_parent=False, parent=item.parent)


def item_page(request, meeting, item, form, paper_form, status=200):
    """One item's page: its heading and presenter, and its papers."""
    context = base_context(
        meeting,
        "agenda",
        item=item,
        form=form,
        papers=drafting.item_papers(item),
        paper_form=paper_form,
    )
    return render(request, "drafting/item_form.html", context, status=status)


@drafting_view
def agenda(request, meeting):
    return _agenda_response(request, meeting)


@drafting_view
@require_POST
def item_add(request, meeting):
    items = drafting.meeting_items(meeting)
    people = drafting.meeting_people(meeting, members=True, register=True)
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
                exempt_paragraph=data["exempt_paragraph"],
                exempt_reason=data["exempt_reason"],
                number=data["number"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if not request.htmx:
                messages.success(request, f"Item {item.number} added.")
                return redirect(reverse("draft_agenda", kwargs={"pk": meeting.pk}) + "#add-item")
            return _agenda_response(request, meeting)
    return _agenda_response(request, meeting, add_form=form, status=200 if request.htmx else 400)


@drafting_view
def item_edit(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    form = item_edit_form(meeting, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_update(
                item=item,
                title=data["title"],
                purpose=data["purpose"],
                presenter=data["presenter"],
                confidential=data["confidential"],
                exempt_paragraph=data["exempt_paragraph"],
                exempt_reason=data["exempt_reason"],
                number=data["number"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(_agenda_item_url(meeting, item))
    return item_page(request, meeting, item, form, PaperForm())


@drafting_view
def item_delete(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    if request.method == "POST":
        number = item.number
        try:
            services.item_delete(item=item)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(
                request, f"Item {number} “{item.title}” deleted; the agenda is renumbered."
            )
        return redirect("draft_agenda", pk=meeting.pk)
    descendants = AgendaItem.objects.filter(parent=item).count()
    return render(
        request,
        "drafting/item_delete.html",
        base_context(meeting, "agenda", item=item, descendants=descendants),
    )


@drafting_view
@require_POST
def item_move(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    try:
        services.item_move(item=item, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        message_errors(request, exc)
    if request.htmx:
        return _agenda_response(request, meeting)
    return redirect(_agenda_item_url(meeting, item))


@drafting_view
@require_POST
def items_reorder(request, meeting):
    parent = None
    if request.POST.get("parent"):
        parent = item_or_404(meeting, int_or_404(request.POST["parent"]))
    ids = [int_or_404(v) for v in request.POST.getlist("order")]
    try:
        services.items_reorder(meeting=meeting, parent=parent, ordered_ids=ids)
    except ValidationError as exc:
        message_errors(request, exc)
    if request.htmx:
        return _agenda_response(request, meeting)
    return redirect("draft_agenda", pk=meeting.pk)


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
