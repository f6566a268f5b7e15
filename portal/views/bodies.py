from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from partners import rules as partner_rules
from partners import selectors as partner_selectors

from .. import selectors

PAGE_SIZE = 25
BODY_TABS = ("overview", "meetings", "decisions")


@login_required
def home(request):
    data = selectors.home(request.user)
    context = {"data": data, "today": timezone.localdate(), "nav_section": "home"}
    return render(request, "portal/home.html", context)


@login_required
def body_list(request):
    bodies = list(selectors.body_list(request.user))
    return render(request, "portal/body_list.html", {"bodies": bodies, "nav_section": "bodies"})


@login_required
def body_detail(request, slug):
    body = partner_selectors.body_for_user(request.user, slug)
    tab = request.GET.get("tab", "overview")
    if tab not in BODY_TABS:
        tab = "overview"
    context = {
        "body": body,
        "tab": tab,
        "nav_section": "bodies",
        "crumbs": [("Bodies", reverse("body_list")), (body.short_name or body.name, "")],
        # Members of a themed board are often not members of the board above it: name the
        # parent to everyone, link it only for those who may open it.
        "parent_visible": body.parent is not None
        and partner_rules.can_view_body(request.user, body.parent),
        "can_edit": partner_rules.can_edit_body(request.user, body),
    }
    if tab == "overview":
        groups, former = partner_selectors.body_members(body)
        context.update(
            children=partner_selectors.body_children(body),
            member_groups=groups,
            former_members=former,
            upcoming=list(selectors.body_upcoming_meetings(body)[:3]),
        )
    elif tab == "meetings":
        context.update(
            upcoming=list(selectors.body_upcoming_meetings(body)),
            past_page=Paginator(selectors.body_past_meetings(body), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
        )
    else:
        search = request.GET.get("q", "").strip()[:200]
        context.update(
            search=search,
            decisions_page=Paginator(
                selectors.body_decisions(body, search, request.user), PAGE_SIZE
            ).get_page(request.GET.get("page")),
        )
    return render(request, "portal/body_detail.html", context)
