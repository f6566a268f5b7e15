"""Reads for the import: which body, people and organisations a proposal's names match.

Matches carry their score (0-100, rapidfuzz) so the review page can show why a name was
matched; nothing here writes. Names are compared folded (case, accents and punctuation
ignored); a person who already sits on the body scores a little higher than a namesake.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from partners.models import Body, Membership, Organisation, Person, Team
from partners.rules import editable_body_ids

from .models import MinutesImport
from .parser.text import fold

PERSON_CUTOFF = 80
ORG_CUTOFF = 85
BODY_CUTOFF = 80
MEMBER_BONUS = 5
ORG_BONUS = 5


@dataclass
class Match:
    pk: int
    label: str
    score: int


def editable_bodies(user):
    ids = editable_body_ids(user)
    bodies = Body.objects.order_by("name")
    return bodies if ids is None else bodies.filter(pk__in=ids)


def meeting_source(meeting) -> dict | None:
    """Where an imported meeting came from: ``file_name``, ``imported_at`` and ``imported_as``
    ("record" or "draft"); None for a meeting written in Minutebook. One query."""
    return (
        MinutesImport.objects.filter(meeting_id=meeting.pk)
        .values("file_name", "imported_at", "imported_as")
        .first()
    )


def imports_for_user(user):
    return (
        MinutesImport.objects.filter(body__in=editable_bodies(user))
        .select_related("body", "meeting")
        .order_by("-created_at", "-id")
    )


def body_match(name: str, acronym: str, bodies) -> Match | None:
    """The body the minutes' heading names, among ``bodies``."""
    choices = {}
    for body in bodies:
        for label in (body.name, body.short_name):
            if label:
                choices[fold(label)] = body
    best = None
    for query in (fold(acronym), fold(name)):
        if not query:
            continue
        found = process.extractOne(query, list(choices), scorer=fuzz.token_set_ratio)
        if found and found[1] >= BODY_CUTOFF and (best is None or found[1] > best.score):
            body = choices[found[0]]
            best = Match(pk=body.pk, label=body.name, score=round(found[1]))
    return best


class Directory:
    """Everyone and every organisation, loaded once, to match a proposal's names against."""

    def __init__(self, body: Body | None):
        self.people = list(
            Person.objects.select_related("organisation").only(
                "pk", "name", "honorific", "initials", "organisation__name"
            )
        )
        self.member_ids = (
            set(Membership.objects.filter(body=body).values_list("person_id", flat=True))
            if body
            else set()
        )
        self.by_fold: dict[str, list[Person]] = {}
        for person in self.people:
            self.by_fold.setdefault(fold(person.name), []).append(person)
        self.person_by_pk = {p.pk: p for p in self.people}
        self.orgs = list(Organisation.objects.only("pk", "name", "acronym"))
        self.org_by_pk = {o.pk: o for o in self.orgs}
        self.org_choices: dict[str, Organisation] = {}
        for org in self.orgs:
            self.org_choices[fold(org.name)] = org
            if org.acronym:
                self.org_choices.setdefault(fold(org.acronym), org)
        teams = list(Team.objects.filter(body=body)) if body else []
        self.teams = {fold(t.name): t for t in teams}
        self.everyone = next((t for t in sorted(teams, key=lambda t: t.pk) if t.everyone), None)

    def people_for(self, name: str, organisation: str = "") -> list[Match]:
        """Up to three people the name may mean, best first."""
        key = fold(name)
        if not key or not self.by_fold:
            return []
        found = process.extract(
            key,
            list(self.by_fold),
            scorer=fuzz.token_sort_ratio,
            limit=5,
            score_cutoff=PERSON_CUTOFF,
        )
        org_key = fold(organisation)
        matches = []
        for choice, score, _ in found:
            for person in self.by_fold[choice]:
                bonus = MEMBER_BONUS if person.pk in self.member_ids else 0
                if org_key and person.organisation and fold(person.organisation.name) == org_key:
                    bonus += ORG_BONUS
                label = person.display_name + (
                    f" ({person.organisation.name})" if person.organisation else ""
                )
                matches.append(
                    Match(pk=person.pk, label=label, score=min(100, round(score) + bonus))
                )
        matches.sort(key=lambda m: (-m.score, m.label))
        return matches[:3]

    def organisation_for(self, name: str) -> Match | None:
        key = fold(name)
        if not key or not self.org_choices:
            return None
        found = process.extractOne(
            key, list(self.org_choices), scorer=fuzz.ratio, score_cutoff=ORG_CUTOFF
        )
        if not found:
            return None
        org = self.org_choices[found[0]]
        return Match(pk=org.pk, label=org.name, score=round(found[1]))

    def team_for(self, name: str) -> Team | None:
        return self.teams.get(fold(name))


def proposal_matches(proposal: dict, body: Body | None, directory: Directory | None = None) -> dict:
    """The proposal's names matched to the database: for each attendee the candidate people
    and the organisation. Keys are positions in the lists."""
    directory = directory or Directory(body)
    people = {}
    for index, row in enumerate(proposal["attendance"]):
        people[index] = directory.people_for(row["name"], row.get("organisation") or "")
    orgs = {}
    for row in proposal["attendance"]:
        org = row.get("organisation")
        if org and org not in orgs:
            orgs[org] = directory.organisation_for(org)
    return {"people": people, "organisations": orgs}
