"""Writes for the directory: organisations, people, bodies, memberships and teams.

Every change to these goes through here (the directory pages, the membership import, the demo
loader). Each function is keyword-only and atomic, checks what the database cannot, and raises
``ValidationError`` keyed by the form field it is about. History: every model here keeps
django-simple-history rows, so each save below is on record with who made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .imports import normalise
from .models import Body, Membership, Organisation, Person, Team

# Organisations -------------------------------------------------------------------------------


def _organisation_check(*, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the organisation's name."})
    clash = Organisation.objects.filter(name__iexact=name).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise ValidationError({"name": f"There is already an organisation called “{clash.name}”."})
    return name


@transaction.atomic
def organisation_create(
    *, name: str, acronym: str = "", sector: str = Organisation.Sector.OTHER
) -> Organisation:
    organisation = Organisation(
        name=_organisation_check(name=name), acronym=acronym.strip(), sector=sector
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, name: str, acronym: str, sector: str
) -> Organisation:
    organisation.name = _organisation_check(name=name, exclude_pk=organisation.pk)
    organisation.acronym = acronym.strip()
    organisation.sector = sector
    organisation.full_clean()
    organisation.save()
    return organisation


# People --------------------------------------------------------------------------------------

PERSON_FIELDS = ("honorific", "name", "job_title", "organisation", "initials", "email")


def _person_check(person: Person) -> None:
    person.name = " ".join(person.name.split())
    if not person.name:
        raise ValidationError({"name": "Give the person's name."})
    person.email = person.email.strip()
    if person.email:
        clash = Person.objects.filter(email__iexact=person.email).exclude(pk=person.pk).first()
        if clash is not None:
            raise ValidationError(
                {
                    "email": f"{clash.display_name} already has this e-mail address. If they are "
                    "the same person, merge the two records."
                }
            )
    person.full_clean(exclude=["calendar_token", "user"])


@transaction.atomic
def person_create(
    *,
    name: str,
    honorific: str = "",
    job_title: str = "",
    organisation: Organisation | None = None,
    initials: str = "",
    email: str = "",
) -> Person:
    """A person (with no login: ``person_login_prepare`` gives one)."""
    person = Person(
        name=name,
        honorific=honorific.strip(),
        job_title=job_title.strip(),
        organisation=organisation,
        initials=initials.strip(),
        email=email,
    )
    _person_check(person)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    """Change any of ``PERSON_FIELDS``. The login's e-mail follows the person's, so a password
    reset reaches the address the directory shows."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update: unknown fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(person, key, value.strip() if isinstance(value, str) else value)
    if "initials" in fields and not person.initials:
        person.initials = ""  # Person.save() works them out from the name again
    _person_check(person)
    person.save()
    if person.user_id and person.user.email != person.email:
        person.user.email = person.email
        person.user.save(update_fields=["email"])
    return person


@transaction.atomic
def person_set_administrator(*, person: Person, value: bool) -> Person:
    """Grant or withdraw the directory administrator role (``partners.rules``)."""
    person.is_administrator = value
    person.save(update_fields=["is_administrator"])
    return person


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email.lower()[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def person_login_prepare(*, person: Person):
    """The login an invitation sets a password for: created on the first invitation (username
    is the e-mail address), made password-less again on a repeat, which kills earlier links.

    Refuses a person without an e-mail address and one who already logs in with a password."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.email:
        raise ValidationError({"email": "Add an e-mail address first: the invitation goes there."})
    user = person.user
    if user is not None and user.has_usable_password():
        raise ValidationError(
            f"{person.display_name} already logs in as “{user.get_username()}”. If they have "
            "forgotten the password, “Forgotten your password?” on the log-in page sends a new one."
        )
    if user is None:
        User = get_user_model()
        user = User(username=_free_username(person.email), email=person.email)
        user.set_unusable_password()
        user.save()
        person.user = user
    else:
        user.email = person.email
        user.is_active = True
        user.set_unusable_password()
        user.save()
    person.invited_at = timezone.now()
    person.save(update_fields=["user", "invited_at"])
    return user


# Bodies --------------------------------------------------------------------------------------

BODY_FIELDS = (
    "name",
    "short_name",
    "parent",
    "description",
    "numbering",
    "minutes_title",
    "standing_items",
    "default_venue",
    "default_start_time",
    "default_end_time",
    "reminder_notice_days",
    "publishes",
    "agenda_notice_days",
)


def _unique_slug(body: Body) -> str:
    base = slugify(body.short_name or body.name)[:54] or "body"
    candidate, n = base, 1
    while Body.objects.filter(slug=candidate).exclude(pk=body.pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _body_check(body: Body) -> None:
    body.name = " ".join(body.name.split())
    if Body.objects.filter(name__iexact=body.name).exclude(pk=body.pk).exists():
        raise ValidationError({"name": "There is already a body with this name."})
    if body.pk is not None and body.parent_id is not None:
        ancestor = body.parent
        while ancestor is not None:
            if ancestor.pk == body.pk:
                raise ValidationError(
                    {"parent": "A body cannot sit below itself or one of the groups below it."}
                )
            ancestor = ancestor.parent
    start, end = body.default_start_time, body.default_end_time
    if start and end and end <= start:
        raise ValidationError({"default_end_time": "Meetings must end after they start."})
    known = {value for value, _ in Body.StandingItem.choices}
    if not set(body.standing_items or []) <= known:
        raise ValidationError({"standing_items": "Choose standing items from the list."})
    # Kept in the usual agenda order, whatever order they were ticked in.
    body.standing_items = [v for v, _ in Body.StandingItem.choices if v in body.standing_items]
    body.full_clean(exclude=["slug", "logo"])


@transaction.atomic
def body_create(*, name: str, **fields) -> Body:
    """A new body; its address (slug) comes from the acronym or name and never changes after."""
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"body_create: unknown fields {sorted(unknown)}")
    body = Body(name=name, **fields)
    _body_check(body)
    body.slug = _unique_slug(body)
    body.save()
    return body


@transaction.atomic
def body_update(*, body: Body, **fields) -> Body:
    """Change a body's settings. The slug stays, so bookmarked links keep working."""
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"body_update: unknown fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(body, key, value)
    _body_check(body)
    body.save()
    return body


# Memberships ---------------------------------------------------------------------------------


def _membership_check(membership: Membership) -> None:
    start, end = membership.start_date, membership.end_date
    if start and end and end < start:
        raise ValidationError({"end_date": "A membership cannot end before it starts."})
    if membership.deputy_id is not None and membership.deputy_id == membership.person_id:
        raise ValidationError({"deputy": "A member cannot be their own deputy."})
    if membership.end_date is None:
        clash = (
            Membership.objects.filter(
                person_id=membership.person_id,
                body_id=membership.body_id,
                role=membership.role,
                end_date__isnull=True,
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if clash:
            raise ValidationError(
                {"role": "This person already holds that role on this body (with no end date)."}
            )
    membership.full_clean(validate_constraints=False)


@transaction.atomic
def membership_create(
    *,
    body: Body,
    person: Person,
    role: str = Membership.Role.MEMBER,
    organisation: Organisation | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    deputy: Person | None = None,
    note: str = "",
) -> Membership:
    """Put a person on a body. ``organisation`` is the one they represent there (blank: their
    own)."""
    membership = Membership(
        body=body,
        person=person,
        role=role,
        organisation=organisation,
        start_date=start_date,
        end_date=end_date,
        deputy=deputy,
        note=note.strip(),
    )
    _membership_check(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    role: str,
    organisation: Organisation | None,
    start_date: dt.date | None,
    end_date: dt.date | None,
    deputy: Person | None,
    note: str = "",
) -> Membership:
    membership.role = role
    membership.organisation = organisation
    membership.start_date = start_date
    membership.end_date = end_date
    membership.deputy = deputy
    membership.note = note.strip()
    _membership_check(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: dt.date) -> Membership:
    """End a membership on a date (the person stays in the body's history as a former
    member); the register of later meetings no longer lists them."""
    membership.end_date = end_date
    _membership_check(membership)
    membership.save(update_fields=["end_date"])
    return membership


# Teams ---------------------------------------------------------------------------------------


def _team_check(team: Team) -> None:
    team.name = " ".join(team.name.split())
    if not team.name:
        raise ValidationError({"name": "Give the group a name."})
    clash = Team.objects.filter(body_id=team.body_id, name__iexact=team.name).exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError({"name": "This body already has a group with this name."})


@transaction.atomic
def team_create(
    *, body: Body, name: str, everyone: bool = False, members: Iterable[Person] = ()
) -> Team:
    """A named group that can own actions ("Secretariat", "LSP working group", "All")."""
    team = Team(body=body, name=name, everyone=everyone)
    _team_check(team)
    team.save()
    team.members.set(members)
    return team


@transaction.atomic
def team_update(*, team: Team, name: str, everyone: bool, members: Iterable[Person] = ()) -> Team:
    team.name = name
    team.everyone = everyone
    _team_check(team)
    team.save()
    team.members.set(members)
    return team


@transaction.atomic
def team_delete(*, team: Team) -> None:
    """Refused while the group owns actions: they would lose their owner (asked through the
    reverse relation, so partners needs no import of actions)."""
    owned = team.owned_actions.count()
    if owned:
        raise ValidationError(
            f"“{team.name}” owns {owned} action{'s' if owned != 1 else ''}; a group that owns "
            "actions stays so the record keeps its owners."
        )
    team.delete()


# Membership import ---------------------------------------------------------------------------


@transaction.atomic
def memberships_import(*, body: Body, plan) -> dict[str, int]:
    """Carry out a checked ``imports.ImportPlan``: all of it or, on any error, none of it.

    New organisations and people are created once each however many rows name them; rows of
    people who already hold that role on the body change nothing. Each write goes through the
    single-record services above, so the checks and history are the same as on the pages."""
    if plan.error_rows:
        raise ValidationError(
            "Some rows have errors: correct the list first. Nothing was imported."
        )
    organisations: dict[str, Organisation] = {}
    people: dict[object, Person] = {}
    counts = {"people": 0, "organisations": 0, "memberships": 0, "unchanged": 0}
    for row in plan.rows:
        organisation = _import_organisation(row, organisations, counts)
        if row.existing_person_pk is not None:
            person = people.get(row.existing_person_pk) or _existing(Person, row)
            people[row.existing_person_pk] = person
        elif row.new_person_key() in people:
            person = people[row.new_person_key()]
        else:
            values = row.values
            person = person_create(
                name=values["name"],
                honorific=values.get("honorific", ""),
                job_title=values.get("job_title", ""),
                organisation=organisation,
                initials=values.get("initials", ""),
                email=values.get("email", ""),
            )
            people[row.new_person_key()] = person
            counts["people"] += 1
        if row.already_member:
            counts["unchanged"] += 1
            continue
        membership_create(
            body=body,
            person=person,
            role=row.role,
            organisation=organisation,
            start_date=row.start_date,
            end_date=row.end_date,
        )
        counts["memberships"] += 1
    return counts


def _existing(model, row):
    pk = row.existing_person_pk if model is Person else row.existing_organisation_pk
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError(
            f"Line {row.line}: the matching record was removed meanwhile. Nothing was imported; "
            "upload the list again."
        )
    return found


def _import_organisation(row, organisations: dict, counts: dict) -> Organisation | None:
    name = row.values.get("organisation", "")
    if not name:
        return None
    if row.existing_organisation_pk is not None:
        key = row.existing_organisation_pk
        if key not in organisations:
            organisations[key] = _existing(Organisation, row)
        return organisations[key]
    key = normalise(name)
    if key not in organisations:
        organisations[key] = organisation_create(name=name)
        counts["organisations"] += 1
    return organisations[key]
