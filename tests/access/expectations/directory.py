"""The directory (directory/urls.py): the secretariat of a body sets it up; administrators
(tested in tests/directory/test_access.py, not a role of this walk) manage everything. Anyone
else gets 404, as for a page that does not exist."""

from tests.access.spec import Access
from tests.factories import TeamFactory

EVERYONE = {"anonymous": 200, "outsider": 200, "member": 200, "secretariat": 200, "chair": 200}


def _secretariat(name, kwargs=None, *, method="get", data=None, ok=None, case=""):
    ok = ok or (200 if method == "get" else 302)
    return Access(
        name,
        kwargs=kwargs,
        method=method,
        data=data,
        case=case,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=ok,
        chair=404,
    )


def _administrators(name, kwargs=None, *, method="get", data=None):
    """Administrators only: nobody in the walk's roles is one."""
    return Access(
        name,
        kwargs=kwargs,
        method=method,
        data=data,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=404,
        chair=404,
    )


def _body(s):
    return {"slug": s.body.slug}


def _member(s):
    return {"pk": s.member_person.pk}


def _membership(s):
    return {"slug": s.body.slug, "pk": s.member_person.memberships.get().pk}


def _team(s):
    return {"slug": s.body.slug, "pk": TeamFactory(body=s.body, name="Working group").pk}


ACCESS = [
    _secretariat("directory_people"),
    _secretariat("directory_people", case="search", data={"q": "Valerie"}),
    _secretariat("directory_person_create"),
    _secretariat(
        "directory_person_create",
        method="post",
        data={"name": "Neil Revely", "sector": "other"},
    ),
    _secretariat("directory_person", _member),
    _secretariat("directory_person_edit", _member),
    _secretariat(
        "directory_person_edit",
        _member,
        method="post",
        data={"name": "Valerie Hayllor", "job_title": "Head of Policy"},
    ),
    # The member logs in already: the secretariat is told so and sent back to the page.
    _secretariat("directory_person_invite", _member, method="post"),
    _administrators("directory_person_merge", _member),
    _secretariat("directory_organisations"),
    _secretariat("directory_organisation_create"),
    _secretariat(
        "directory_organisation_create",
        method="post",
        data={"name": "Gentoo Group", "sector": "housing"},
    ),
    _administrators(
        "directory_organisation_edit", lambda s: {"pk": s.member_person.organisation_id}
    ),
    _secretariat("directory_bodies"),
    _administrators("directory_body_create"),
    _administrators("directory_body_create", method="post", data={"name": "New Board"}),
    _secretariat("directory_body_edit", _body),
    _secretariat("directory_body_members", _body),
    _secretariat("directory_membership_add", _body),
    _secretariat(
        "directory_membership_add",
        _body,
        method="post",
        data={"new_name": "Carol Harries", "role": "member"},
    ),
    _secretariat("directory_membership_edit", _membership),
    _secretariat("directory_membership_end", _membership),
    _secretariat(
        "directory_membership_end", _membership, method="post", data={"end_date": "2030-01-31"}
    ),
    _secretariat("directory_import", _body),
    _secretariat("directory_import", _body, method="post", ok=200),
    # With no list uploaded yet, both steps send the officer back to the upload form.
    _secretariat("directory_import_preview", _body, ok=302),
    _secretariat("directory_import_confirm", _body, method="post"),
    _secretariat("directory_teams", _body),
    _secretariat("directory_teams", _body, method="post", data={"name": "Secretariat"}),
    _secretariat("directory_team_edit", _team),
    _secretariat("directory_team_delete", _team),
    _secretariat("directory_team_delete", _team, method="post"),
    # A made-up token shows the "invitation no longer works" page, never an error.
    Access("invitation_accept", kwargs={"uidb64": "MQ", "token": "set-password"}, **EVERYONE),
]
