"""The review page: the draft as it will print, the lifecycle panel and accuracy comments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from meetings.models import Meeting

from .. import events, rules
from ..documents import minutes_context
from ..forms import CirculateForm, CommentForm, ResolveForm
from ..models import AccuracyComment
from ..selectors import accuracy_comments_for_user, comments_window
from .common import meeting_for_user


def _controls(user, meeting) -> dict:
    """Which controls this person sees at the minutes' current stage: each a rule's answer."""
    return {
        "can_comment": rules.can_comment_on_minutes(user, meeting),
        "can_resolve": rules.can_resolve_comments(user, meeting),
        "can_circulate": rules.can_circulate_minutes(user, meeting),
        "can_return": rules.can_return_to_draft(user, meeting),
        "can_approve": rules.can_approve_minutes(user, meeting),
        "can_sign": rules.can_sign_minutes(user, meeting),
        "can_addendum": rules.can_add_addendum(user, meeting),
        "can_manage": meeting_rules.can_manage_meeting(user, meeting),
    }


def _comments_context(items, comments: list[AccuracyComment]) -> dict:
    """Comments placed beside the items they are about; the rest are on the whole minutes."""
    by_item: dict[int | None, list[AccuracyComment]] = {}
    for comment in comments:
        by_item.setdefault(comment.item_id, []).append(comment)
    for block in items:
        block.comments = by_item.get(block.pk, [])
    return {
        "commented_items": [block for block in items if block.comments],
        "general_comments": by_item.get(None, []),
        "open_comments": sum(1 for c in comments if not c.is_resolved),
    }


@login_required
@require_GET
def minutes_review(request, pk):
    """The draft as it will print, with the lifecycle panel and accuracy comments."""
    meeting = meeting_for_user(request, pk, meeting_rules.can_read_minutes)
    # Whoever reads circulated minutes has opened them (``notices`` reminds only the others).
    events.minutes_viewed.send_robust(sender=Meeting, meeting=meeting, user=request.user)
    public = not meeting_rules.can_view_confidential(request.user, meeting)
    context = minutes_context(meeting, public=public)
    comments = accuracy_comments_for_user(meeting=meeting, user=request.user)
    context.update(_comments_context(context["items"], comments))
    context.update(_controls(request.user, meeting))
    context.update({"comment_form": CommentForm(), "resolve_form": ResolveForm()})
    if context["can_circulate"]:
        window = comments_window(meeting)
        context["circulate_form"] = CirculateForm(
            initial={"comments_due": window.default}, window=window
        )
    return render(request, "records/review.html", context)
