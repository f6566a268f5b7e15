"""Django's own authentication pages, as wired in config/urls.py."""

from tests.access.spec import Access

EVERYONE = {"anonymous": 200, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}
LOGGED_IN = {"anonymous": 302, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}

ACCESS = [
    Access("login", **EVERYONE),
    # Logging out is a POST only (Django 5); a stray GET must not log anyone out.
    Access("logout", anonymous=405, outsider=405, member=405, secretariat=405, chair=405),
    Access(
        "logout",
        method="post",
        anonymous=302,
        outsider=302,
        member=302,
        secretariat=302,
        chair=302,
    ),
    Access("password_reset", **EVERYONE),
    Access(
        "password_reset",
        method="post",
        data=lambda s: {"email": s.member_person.user.email},
        anonymous_to_login=False,
        anonymous=302,
        outsider=302,
        member=302,
        secretariat=302,
        chair=302,
    ),
    Access("password_reset_done", **EVERYONE),
    # A made-up token shows the "link no longer valid" page, never an error.
    Access(
        "password_reset_confirm",
        kwargs={"uidb64": "MQ", "token": "set-password"},
        **EVERYONE,
    ),
    Access("password_reset_complete", **EVERYONE),
    Access("password_change", **LOGGED_IN),
    Access("password_change_done", **LOGGED_IN),
]
