"""Who is meant: full names, first names, surnames, initials ("JM", "VT/SC"), spelling variants
("Beverly Scanlon" for Beverley), organisations and groups ("All", "the Board")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .model import Attendee
from .text import fold, initials_of, split_honorific, tidy

GROUP_OWNERS = {
    "all": "All",
    "everyone": "All",
    "all members": "All",
    "all partners": "All",
    "members": "All",
    "partners": "All",
    "board": "Board",
    "the board": "Board",
    "board members": "Board",
    "group": "Group",
    "the group": "Group",
    "committee": "Committee",
    "secretariat": "Secretariat",
    "the secretariat": "Secretariat",
    "chair": "Chair",
    "the chair": "Chair",
}
INITIALS_DEF_RE = re.compile(
    r"(?P<name>(?:(?:Cllr|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z]\.?)?"
    r"(?:\s+(?:van|de|der|von|O['’])?\s*[A-Z][a-zA-Z'’\-]+){1,2})\s*\((?P<ini>[A-Z]{2,4}|[A-Z]{2,3}[a-z])\)"
)

LABELLED_OWNERS_RE = re.compile(
    r"^(?P<label>[A-Za-z][^–—:/,]{1,40}?)\s*(?:[–—:]|\s-\s)\s*(?P<names>[A-Z].+)$"
)
POST_WORD_RE = re.compile(
    r"commissioner|clerk|treasurer|secretary|constable|mayor|principal|headteacher|registrar"
    r"|ombudsman|coroner|bursar|solicitor|auditor|monitoring officer"
)
PERSON_NAME_RE = re.compile(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2}")


class Resolver:
    def __init__(self, attendees: list[Attendee]):
        self.attendees = attendees
        self.names = {}
        self.first: dict[str, set[str]] = {}
        self.last: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.given: dict[str, set[str]] = {}  # initials the register gives ("Angela Price (APr)")
        self.orgs: dict[str, str] = {}
        self.there = {a.name for a in attendees if a.category not in ("apologies", "absent")}
        # "Director of Public Health to circulate ...": officers named by their post.
        self.roles: dict[str, set[str]] = {}
        for a in attendees:
            self._add(a.name, a.initials)
            for role in re.split(r"\s*(?:\(|\)|;)\s*", a.role or ""):
                key = fold(role)
                if len(key.split()) >= 2 and key not in ("chair", "vice chair"):
                    self.roles.setdefault(key, set()).add(a.name)
            if a.substitute_for:
                self._add(a.substitute_for, "")
            if a.organisation:
                self.orgs.setdefault(fold(a.organisation), a.organisation)

    def _add(self, name: str, initials: str) -> None:
        key = fold(name)
        if not key:
            return
        self.names.setdefault(key, name)
        parts = key.split()
        self.first.setdefault(parts[0], set()).add(name)
        self.last.setdefault(parts[-1], set()).add(name)
        if initials:
            self.given.setdefault(initials, set()).add(name)
        for ini in {initials, initials_of(name)} - {""}:
            self.initials.setdefault(ini, set()).add(name)

    def learn_initials(self, text: str) -> None:
        """ "Jessica May (JM)" in the minutes: JM means Jessica May from here on."""
        for match in (m for line in text.splitlines() for m in INITIALS_DEF_RE.finditer(line)):
            words = match.group("name").split()
            # "Board Joanne Fletcher (JF)": the name is the last words before the initials.
            person = next(
                (
                    found
                    for start in range(max(1, len(words) - 1))
                    if (found := self.person(" ".join(words[start:])))
                ),
                None,
            )
            if person:
                self.initials[match.group("ini")] = {person}

    def person(self, text: str, *, fuzzy: bool = True) -> str | None:
        """The attendee (or known substitute-for) ``text`` names, or None."""
        text = tidy(re.sub(r"\(.*?\)", "", text)).strip(".,;:")
        if not text:
            return None
        if re.fullmatch(r"[A-Z]{2,4}", text) or (
            re.fullmatch(r"[A-Z]{2,3}[a-z]", text) and text in self.initials
        ):
            found = self.initials.get(text, set())
            if len(found) > 1 and self.given.get(text):
                # "AP" for Alan Pearce (AP), not Angela Price (APr).
                found = found & self.given[text] or found
            if len(found) > 1:
                # "AG" for Alison Grey (present) rather than Ashley Green (apologies).
                found = {n for n in found if n in self.there} or found
            return next(iter(found)) if len(found) == 1 else None
        _, bare = split_honorific(text)
        key = fold(bare)
        if key in self.names:
            return self.names[key]
        parts = key.split()
        if len(parts) == 1:
            for table in (self.first, self.last):
                found = table.get(parts[0], set())
                if len(found) == 1:
                    return next(iter(found))
            return None
        if fuzzy and self.names:
            best = process.extractOne(key, list(self.names), scorer=fuzz.ratio, score_cutoff=86)
            if best:
                return self.names[best[0]]
        # "Andrea-Pope Smith", "Dean T Huggins": the same letters, or first and last name.
        squashed = key.replace(" ", "")
        for known, name in self.names.items():
            if known.replace(" ", "") == squashed:
                return name
            kparts = known.split()
            if kparts[0] == parts[0] and kparts[-1] == parts[-1]:
                return name
        return None

    def owner(self, text: str) -> str | None:
        """One action owner as the minutes wrote it: a person, an organisation or a group."""
        text = tidy(text).strip(".,;:")
        if not text:
            return None
        group = GROUP_OWNERS.get(fold(text))
        if group:
            return group
        person = self.person(text)
        if person:
            return person
        by_role = self.by_role(text)
        if by_role:
            return by_role
        if fold(text) in self.orgs:
            return self.orgs[fold(text)]
        if re.fullmatch(r"[A-Z]{2,4}", text):
            return text
        return text if text[:1].isupper() else None

    def by_role(self, text: str) -> str | None:
        """The one attendee holding the post ``text`` names ("the Director of Public Health",
        "Democratic Services Officer"), or None."""
        key = fold(re.sub(r"(?i)^(?:the|our|ICB|council['’]?s?)\s+", "", tidy(text)))
        if len(key.split()) == 1 and (
            re.match(r"(?i)the\s", tidy(text)) or POST_WORD_RE.fullmatch(key)
        ):
            # "the Clerk", "Clerk to write ...", "The Chairman will draft ...".
            return self._by_post_word(key)
        if len(key.split()) < 2:
            return None
        found = self.roles.get(key, set())
        if not found:
            best = process.extractOne(key, list(self.roles), scorer=fuzz.ratio, score_cutoff=92)
            found = self.roles[best[0]] if best else set()
        return next(iter(found)) if len(found) == 1 else None

    def _by_post_word(self, word: str) -> str | None:
        """ "the Commissioner": the one attendee whose post (or one-person office, "Police and
        Crime Commissioner") ends in that word, when the word names a post, not a body."""
        if re.fullmatch(r"chair(?:man|woman|person)", word):
            word = "chair"  # "The Chairman": the attendee the register lists as chair
        elif not POST_WORD_RE.fullmatch(word):
            return None
        found = {
            a.name
            for a in self.attendees
            for post in (a.role or "", a.organisation or "")
            if fold(post).split()[-1:] == [word]
        }
        return next(iter(found)) if len(found) == 1 else None

    def owners(self, text: str) -> list[str]:
        """ "JB/AC", "Lorna Robinson / Ashley Green", "Trish, Mark Rogers and Jan Britton"."""
        text = re.sub(r"\(.*?\)", "", text)
        # "Objective leads – Siân Rees, Gareth Bowen", "Leads: Jo Bell and Ann Ray": a label,
        # then the people.
        labelled = LABELLED_OWNERS_RE.match(tidy(text))
        if labelled and not self.person(labelled.group("label"), fuzzy=False):
            after = self.owners(labelled.group("names"))
            if after and all(self.person(o) or PERSON_NAME_RE.fullmatch(o) for o in after):
                return after
        pieces = [p for p in re.split(r"\s*(?:/|,|;|&|\band\b|\+)\s*", text) if p.strip()]
        out: list[str] = []
        for piece in pieces:
            owner = self.owner(piece)
            if owner and owner not in out:
                out.append(owner)
        return out

    def owner_token(self, text: str) -> bool:
        """Whether a short cell ("JM", "JB/AC", "All") names owners (a WHO column entry)."""
        pieces = [p for p in re.split(r"\s*(?:/|,|&|\band\b)\s*", text.strip()) if p]
        if not pieces:
            return False
        for piece in pieces:
            if fold(piece) in GROUP_OWNERS:
                continue
            if re.fullmatch(r"[A-Z]{2,4}|[A-Z]{2,3}[a-z]", piece) and piece in self.initials:
                continue
            return False
        return True
