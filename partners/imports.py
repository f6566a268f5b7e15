"""Reading a membership list (CSV or Excel) and working out what importing it would do.

Nothing here writes. ``read_rows`` turns an uploaded file into plain rows (kept in the session
between the preview and the confirmation); ``plan_import`` says, row by row, who and what
already exists (exactly, or by a fuzzy match with its score: "Sunderland CC" ~ "Sunderland City
Council"), what would be created, and what is wrong. ``services.memberships_import`` carries a
plan out, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from rapidfuzz import fuzz, process, utils

from .models import Body, Membership, Organisation, Person

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
# Scores (0-100) from which an existing record is offered as the same one.
ORGANISATION_THRESHOLD = 80
PERSON_THRESHOLD = 85

# Column headings people actually use, by the field they fill.
HEADINGS = {
    "name": {"name", "full name", "person", "member", "member name"},
    "honorific": {"honorific", "salutation", "prefix"},
    "job_title": {"job title", "job", "position", "post"},
    "organisation": {"organisation", "organization", "org", "partner", "representing", "agency"},
    "role": {"role", "membership", "role on body"},
    "email": {"email", "e-mail", "email address", "e-mail address", "mail"},
    "initials": {"initials"},
    "start_date": {"start", "start date", "from", "since", "joined"},
    "end_date": {"end", "end date", "until", "left"},
}
FIELD_LABELS = {
    "name": "Name",
    "honorific": "Honorific",
    "job_title": "Job title",
    "organisation": "Organisation",
    "role": "Role",
    "email": "E-mail",
    "initials": "Initials",
    "start_date": "Start",
    "end_date": "End",
}
HONORIFICS = {
    "cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame",
    "rev", "lord", "lady", "baroness",
}  # fmt: skip
ROLE_WORDS = {
    **{label.lower(): value for value, label in Membership.Role.choices},
    **{value.replace("_", " "): value for value, _ in Membership.Role.choices},
    "vice chair": Membership.Role.VICE_CHAIR,
    "vice chairman": Membership.Role.VICE_CHAIR,
    "deputy chair": Membership.Role.VICE_CHAIR,
    "chairman": Membership.Role.CHAIR,
    "chairperson": Membership.Role.CHAIR,
    "executive": Membership.Role.EXECUTIVE,
    "non executive": Membership.Role.NON_EXECUTIVE,
    "adviser": Membership.Role.ADVISOR,
    "lead": Membership.Role.LEAD_MEMBER,
    "secretary": Membership.Role.SECRETARIAT,
}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%m-%Y"]


def _fail(message: str):
    raise ValidationError({"file": message})


def _heading_key(heading) -> str | None:
    text = " ".join(re.sub(r"[^\w\s-]", " ", str(heading or "")).lower().split())
    text = text.replace("_", " ")
    for key, names in HEADINGS.items():
        if text in names:
            return key
    return None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_rows(upload) -> tuple[list[dict], list[str]]:
    """Rows of the uploaded list as {"line": n, field: text}, and the headings not used."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _fail("The file is larger than 2 MB; split the list into smaller files.")
    name = (upload.name or "").lower()
    dataset = tablib.Dataset()
    try:
        if name.endswith(".xlsx"):
            dataset.load(data, format="xlsx")
        elif name.endswith((".csv", ".txt")):
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
            dataset.load(text, format="csv")
        else:
            _fail("Upload the list as a CSV file (.csv) or an Excel workbook (.xlsx).")
    except ValidationError:
        raise
    except tablib.InvalidDimensions:
        _fail("Some lines have more cells than the heading row; save the list as a plain table.")
    except Exception:  # noqa: BLE001 - any parser failure means the same to the person uploading
        _fail("This file could not be read. Save it as CSV or Excel (.xlsx) and try again.")
    keys = [_heading_key(h) for h in dataset.headers or []]
    if "name" not in keys:
        _fail("The list needs a column headed “Name”, one person a row.")
    ignored = [str(h) for h, k in zip(dataset.headers, keys, strict=True) if k is None and h]
    rows = []
    for line, values in enumerate(dataset, start=2):
        row = {k: _cell(v) for k, v in zip(keys, values, strict=True) if k is not None}
        if any(row.values()):
            rows.append({"line": line, **row})
    if not rows:
        _fail("The list has a heading row but no people under it.")
    if len(rows) > MAX_ROWS:
        _fail(f"The list has {len(rows)} rows; import at most {MAX_ROWS} at a time.")
    return rows, ignored


# Matching ------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    return utils.default_process(text.replace("&", " and "))


def _abbreviated(candidate: str, query: str) -> str:
    """The candidate with any run of words whose initials spell a short word of the query
    replaced by it: "sunderland city council" -> "sunderland cc" for "sunderland cc"."""
    words = candidate.split()
    short = {t for t in query.split() if 2 <= len(t) <= 5}
    out, i = [], 0
    while i < len(words):
        for n in range(min(5, len(words) - i), 1, -1):
            initials = "".join(w[0] for w in words[i : i + n])
            if initials in short:
                out.append(initials)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def organisation_score(query: str, candidate: str, **_) -> float:
    """How alike two normalised organisation names are: word order ignored, abbreviations
    ("CC", "JCP") and run-together words ("Jobcentre") recognised, never 100 unless equal."""
    if query == candidate:
        return 100
    return min(
        99,
        max(
            fuzz.token_sort_ratio(query, candidate),
            0.95 * fuzz.token_sort_ratio(query, _abbreviated(candidate, query)),
            0.97 * fuzz.ratio(query.replace(" ", ""), candidate.replace(" ", "")),
        ),
    )


@dataclass
class Match:
    pk: int
    label: str
    score: int
    exact: bool


def split_honorific(name: str, honorific: str) -> tuple[str, str]:
    """ "Cllr Ashley Green" -> ("Ashley Green", "Cllr") when no honorific was given."""
    first, _, rest = name.partition(" ")
    if not honorific and rest and first.rstrip(".").lower() in HONORIFICS:
        return rest, first
    return name, honorific


class Directory:
    """Everyone and every organisation, loaded once (two queries) to match a list against."""

    def __init__(self):
        self.organisations = list(Organisation.objects.values_list("pk", "name", "acronym"))
        self.org_names = [normalise(name) for _, name, _ in self.organisations]
        self.people = list(
            Person.objects.values_list("pk", "name", "email", "organisation_id", "honorific")
        )
        self.person_names = [normalise(name) for _, name, *_ in self.people]
        self.by_email = {email.lower(): row for row in self.people if (email := row[2])}

    def organisation(self, text: str) -> Match | None:
        query = normalise(text)
        for pk, name, acronym in self.organisations:
            if query == normalise(name) or (acronym and query == normalise(acronym)):
                return Match(pk, name, 100, True)
        best = process.extractOne(
            query, self.org_names, scorer=organisation_score, score_cutoff=ORGANISATION_THRESHOLD
        )
        if best is None:
            return None
        pk, name, _ = self.organisations[best[2]]
        return Match(pk, name, round(best[1]), False)

    def person(self, name: str, email: str, organisation_pk: int | None) -> Match | None:
        if email and (row := self.by_email.get(email.lower())):
            return Match(row[0], _person_label(row), 100, True)
        query = normalise(name)
        best = None
        for _, score, index in process.extract(
            query, self.person_names, scorer=fuzz.token_sort_ratio, score_cutoff=75, limit=5
        ):
            row = self.people[index]
            # Colleagues of the same organisation are likelier the same person.
            if organisation_pk and row[3] == organisation_pk:
                score = min(100 if score == 100 else 99, score + 5)
            if best is None or score > best[0]:
                best = (score, row)
        if best is None or best[0] < PERSON_THRESHOLD:
            return None
        score, row = best
        # Same name and nothing to tell them apart: the same person. Different e-mails: ask.
        exact = score == 100 and not (email and row[2] and row[2].lower() != email.lower())
        return Match(row[0], _person_label(row), round(score), exact)


def _person_label(row) -> str:
    pk, name, email, _, honorific = row
    return f"{honorific} {name}".strip() + (f" <{email}>" if email else "")


# The plan ------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    line: int
    values: dict
    person: Match | None = None
    organisation: Match | None = None
    use_person: bool = True
    use_organisation: bool = True
    role: str = Membership.Role.MEMBER
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    already_member: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def person_key(self) -> str:
        return f"person-{self.line}"

    @property
    def organisation_key(self) -> str:
        return f"organisation-{self.line}"

    @property
    def existing_person_pk(self) -> int | None:
        return self.person.pk if self.person and self.use_person else None

    @property
    def existing_organisation_pk(self) -> int | None:
        return self.organisation.pk if self.organisation and self.use_organisation else None

    @property
    def new_person(self) -> bool:
        return self.existing_person_pk is None

    @property
    def new_organisation(self) -> bool:
        return bool(self.values.get("organisation")) and self.existing_organisation_pk is None

    @property
    def role_label(self) -> str:
        return Membership.Role(self.role).label

    def new_person_key(self) -> str:
        return (self.values.get("email") or "").lower() or normalise(self.values["name"])


@dataclass
class ImportPlan:
    rows: list[RowPlan]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def error_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.errors]

    @property
    def new_people(self) -> int:
        return len({r.new_person_key() for r in self.valid if r.new_person})

    @property
    def new_organisations(self) -> int:
        return len({normalise(r.values["organisation"]) for r in self.valid if r.new_organisation})

    @property
    def new_memberships(self) -> int:
        return sum(1 for r in self.valid if not r.already_member)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.valid if r.already_member)

    @property
    def valid(self) -> list[RowPlan]:
        return [row for row in self.rows if not row.errors]

    def digest(self) -> str:
        """What importing would do, as a short hash: the confirmation carries the one the
        preview showed, so a plan that changed meanwhile is shown again, not imported."""
        parts = [
            [r.line, r.existing_person_pk, r.existing_organisation_pk, r.role, r.already_member]
            for r in self.rows
        ]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_role(text: str) -> str | None:
    if not text:
        return Membership.Role.MEMBER
    key = " ".join(text.lower().replace("-", " ").replace("_", " ").split())
    return ROLE_WORDS.get(key) or ROLE_WORDS.get(key.removesuffix("s"))


def _check_values(row: RowPlan) -> None:
    values = row.values
    if not values.get("name"):
        row.errors.append("No name.")
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            row.errors.append(f"“{values['email']}” is not an e-mail address.")
    role = _parse_role(values.get("role", ""))
    if role is None:
        known = ", ".join(label for _, label in Membership.Role.choices)
        row.errors.append(f"Unknown role “{values['role']}” (use one of: {known}).")
    else:
        row.role = role
    for key in ("start_date", "end_date"):
        try:
            setattr(row, key, _parse_date(values.get(key, "")))
        except ValueError:
            row.errors.append(
                f"{FIELD_LABELS[key]} “{values[key]}” is not a date (e.g. 9/11/2011)."
            )
    if row.start_date and row.end_date and row.end_date < row.start_date:
        row.errors.append("The membership ends before it starts.")


def plan_import(
    *,
    body: Body,
    rows: list[dict],
    ignored_columns: list[str] = (),
    declined: frozenset[str] = frozenset(),
) -> ImportPlan:
    """What importing these rows into ``body`` would do. ``declined``: keys of fuzzy matches
    (``RowPlan.person_key`` / ``organisation_key``) the secretariat said are not the same."""
    directory = Directory()
    today = timezone.localdate()
    current = set(
        Membership.objects.filter(body=body, end_date__isnull=True).values_list("person_id", "role")
    ) | set(
        Membership.objects.filter(body=body, end_date__gte=today).values_list("person_id", "role")
    )
    plans, seen = [], {}
    for raw in rows:
        values = {k: v for k, v in raw.items() if k != "line"}
        values["name"], values["honorific"] = split_honorific(
            values.get("name", ""), values.get("honorific", "")
        )
        row = RowPlan(line=raw["line"], values=values)
        _check_values(row)
        if values.get("organisation"):
            row.organisation = directory.organisation(values["organisation"])
            row.use_organisation = bool(row.organisation) and (
                row.organisation.exact or row.organisation_key not in declined
            )
        if values["name"]:
            row.person = directory.person(
                values["name"], values.get("email", ""), row.existing_organisation_pk
            )
            row.use_person = bool(row.person) and (
                row.person.exact or row.person_key not in declined
            )
        who = row.existing_person_pk or row.new_person_key()
        if not row.errors and (who, row.role) in seen:
            row.errors.append(f"Repeats line {seen[(who, row.role)]} (same person and role).")
        seen.setdefault((who, row.role), row.line)
        row.already_member = row.existing_person_pk is not None and (
            (row.existing_person_pk, row.role) in current
        )
        plans.append(row)
    return ImportPlan(rows=plans, ignored_columns=list(ignored_columns))
