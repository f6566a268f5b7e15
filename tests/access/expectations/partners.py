"""Home, bodies list and body pages (partners/urls.py)."""

from tests.access.spec import Access

MEMBERS_ONLY = {"anonymous": 302, "outsider": 404, "member": 200, "secretariat": 200, "chair": 200}
LOGGED_IN = {"anonymous": 302, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}

ACCESS = [
    Access("home", **LOGGED_IN),
    # Everyone logged in gets the list; it only ever holds their own bodies.
    Access("body_list", **LOGGED_IN),
    Access("body_detail", kwargs=lambda s: {"slug": s.body.slug}, **MEMBERS_ONLY),
    Access(
        "body_detail",
        case="meetings",
        kwargs=lambda s: {"slug": s.body.slug},
        data={"tab": "meetings"},
        **MEMBERS_ONLY,
    ),
    Access(
        "body_detail",
        case="decisions",
        kwargs=lambda s: {"slug": s.body.slug},
        data={"tab": "decisions", "q": "criteria"},
        **MEMBERS_ONLY,
    ),
    Access(
        "body_detail",
        case="missing",
        kwargs={"slug": "no-such-body"},
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    ),
]
