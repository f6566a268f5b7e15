"""Actions: My actions, one action, signed links, the body's action log, calendar and profile."""

from actions.tokens import make_token
from tests.access.spec import Access

MEMBERS_ONLY = {"anonymous": 302, "outsider": 404, "member": 200, "secretariat": 200, "chair": 200}
LOGGED_IN = {"anonymous": 302, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}
CHASERS = {"anonymous": 302, "outsider": 404, "member": 404, "secretariat": 200, "chair": 200}
# The link and the feed are their own credentials: whoever holds them gets the same answer.
BEARER = {"outsider": 200, "member": 200, "secretariat": 200, "chair": 200, "anonymous": 200}


def _token(s):
    return {"token": make_token(action=s.issued_action, person_id=s.member_person.pk)}


ACCESS = [
    Access("my_actions", **LOGGED_IN),
    Access("my_actions", case="done", data={"show": "done", "status": "done"}, **LOGGED_IN),
    Access("action_detail", kwargs=lambda s: {"pk": s.issued_action.pk}, **MEMBERS_ONLY),
    Access("action_card_details", kwargs=lambda s: {"pk": s.issued_action.pk}, **MEMBERS_ONLY),
    # An action of minutes still in draft: the secretariat's and the chair's, not yet its owner's.
    Access(
        "action_detail",
        case="draft",
        kwargs=lambda s: {"pk": s.action.pk},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=200,
        chair=200,
    ),
    # Owners (the member) and the secretariat update; the chair reads but does not own it.
    Access(
        "action_update",
        method="post",
        kwargs=lambda s: {"pk": s.issued_action.pk},
        data={"status": "in_progress", "note": "Under way"},
        anonymous=302,
        outsider=404,
        member=302,
        secretariat=302,
        chair=404,
    ),
    Access(
        "action_update",
        method="post",
        case="htmx",
        kwargs=lambda s: {"pk": s.issued_action.pk},
        data={"status": "done", "note": "Sent"},
        headers={"HX-Request": "true"},
        anonymous=302,
        outsider=404,
        member=200,
        secretariat=200,
        chair=404,
    ),
    Access(
        "action_edit",
        method="post",
        kwargs=lambda s: {"pk": s.issued_action.pk},
        data=lambda s: {"owners": [f"p:{s.member_person.pk}"], "due_date": ""},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=404,
    ),
    Access("action_link", kwargs=_token, anonymous_to_login=False, **BEARER),
    Access(
        "action_link",
        method="post",
        kwargs=_token,
        data={"status": "done", "note": "Done by link"},
        anonymous_to_login=False,
        **BEARER,
    ),
    Access(
        "action_link",
        case="forged",
        kwargs={"token": "not-a-real-token"},
        anonymous_to_login=False,
        anonymous=404,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    ),
    Access("body_actions", kwargs=lambda s: {"slug": s.body.slug}, **MEMBERS_ONLY),
    Access(
        "body_actions",
        case="filtered",
        kwargs=lambda s: {"slug": s.body.slug},
        data={"status": "outstanding", "overdue": "on", "sort": "-due", "per_page": "50"},
        **MEMBERS_ONLY,
    ),
    Access("body_actions_csv", kwargs=lambda s: {"slug": s.body.slug}, **MEMBERS_ONLY),
    Access("body_overdue", kwargs=lambda s: {"slug": s.body.slug}, **CHASERS),
    Access(
        "body_send_reminders",
        method="post",
        kwargs=lambda s: {"slug": s.body.slug},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=302,
    ),
    Access(
        "calendar_feed",
        kwargs=lambda s: {"token": s.member_person.calendar_token},
        anonymous_to_login=False,
        **BEARER,
    ),
    Access(
        "calendar_feed",
        case="unknown",
        kwargs={"token": "nobody-has-this"},
        anonymous_to_login=False,
        anonymous=404,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    ),
    Access("profile", **LOGGED_IN),
    Access(
        "profile_calendar_reset",
        method="post",
        anonymous=302,
        outsider=302,
        member=302,
        secretariat=302,
        chair=302,
    ),
]
