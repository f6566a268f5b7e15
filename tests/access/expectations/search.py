"""Search: any logged-in person may search; what they find is limited by their bodies."""

from tests.access.spec import Access

LOGGED_IN = {"anonymous": 302, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}

ACCESS = [
    Access("search", **LOGGED_IN),
    Access("search", case="query", data={"q": "budget"}, **LOGGED_IN),
    Access(
        "search",
        case="kind and body",
        data=lambda s: {"q": "budget", "kind": "items", "body": s.body.slug, "page": "2"},
        **LOGGED_IN,
    ),
]
