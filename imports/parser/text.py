"""Words of minutes: lines, names, honorifics, organisations, initials."""

from __future__ import annotations

import re
import unicodedata

from .model import Line

BULLETS = "·•▪●◦‣∙*-–o§"
BULLET_RE = re.compile(r"^(?:[·•▪●◦‣∙§]|[-–*o](?=\s))\s*[-–]?\s*")
EMPHASIS_RE = re.compile(r"\*\*|__")
HEADING_MARK_RE = re.compile(r"^#{1,6}\s+")

HONORIFICS = {
    "cllr": "Cllr",
    "councillor": "Cllr",
    "cllr.": "Cllr",
    "dr": "Dr",
    "dr.": "Dr",
    "prof": "Prof",
    "prof.": "Prof",
    "professor": "Prof",
    "mr": "Mr",
    "mr.": "Mr",
    "mrs": "Mrs",
    "mrs.": "Mrs",
    "ms": "Ms",
    "ms.": "Ms",
    "miss": "Miss",
    "sir": "Sir",
    "dame": "Dame",
    "rev": "Rev",
    "revd": "Rev",
    "lord": "Lord",
    "lady": "Lady",
    "alderman": "Alderman",
    "supt": "Supt",
    "insp": "Insp",
    "sgt": "Sgt",
    "pc": "PC",
    "dci": "DCI",
    "det": "Det",
    "canon": "Canon",
    "father": "Father",
    "ch insp": "Ch Insp",
    "ch supt": "Ch Supt",
    "chief insp": "Chief Insp",
    "chief supt": "Chief Supt",
    "det insp": "Det Insp",
    # Plural and long forms, police and military ranks, clergy: "Councillors A, B and C".
    "councillors": "Cllr",
    "cllrs": "Cllr",
    "mx": "Mx",
    "baroness": "Baroness",
    "reverend": "Rev",
    "the rev": "Rev",
    "the revd": "Rev",
    "the reverend": "Rev",
    "rt revd": "Rt Revd",
    "the rt revd": "Rt Revd",
    "the right reverend": "Rt Revd",
    "the venerable": "Ven",
    "ven": "Ven",
    "pcso": "PCSO",
    "ps": "PS",
    "dc": "DC",
    "ds": "DS",
    "di": "DI",
    "dsupt": "Det Supt",
    "dsu": "Det Supt",
    "acc": "ACC",
    "dcc": "DCC",
    "constable": "PC",
    "police constable": "PC",
    "sergeant": "Sgt",
    "inspector": "Insp",
    "superintendent": "Supt",
    "chief inspector": "Chief Inspector",
    "chief superintendent": "Chief Superintendent",
    "chief constable": "Chief Constable",
    "deputy chief constable": "Deputy Chief Constable",
    "assistant chief constable": "Assistant Chief Constable",
    "det sgt": "Det Sgt",
    "det supt": "Det Supt",
    "det ch insp": "Det Ch Insp",
    "detective constable": "DC",
    "detective sergeant": "DS",
    "detective inspector": "DI",
    "detective chief inspector": "DCI",
    "detective superintendent": "Det Supt",
    "station manager": "Station Manager",
    "watch manager": "Watch Manager",
    "the rt hon": "Rt Hon",
    "rt hon": "Rt Hon",
    # Civic titles and councillors of another tier: "Mayor A B", "District Cllr A B".
    "mayor": "Mayor",
    "district cllr": "Cllr",
    "county cllr": "Cllr",
    "borough cllr": "Cllr",
    "town cllr": "Cllr",
    "parish cllr": "Cllr",
    "city cllr": "Cllr",
    "district councillor": "Cllr",
    "county councillor": "Cllr",
    "borough councillor": "Cllr",
    "town councillor": "Cllr",
    "parish councillor": "Cllr",
    "city councillor": "Cllr",
}
# Ranks that are also first names ("Di Jones") count only in capitals ("DI Jones").
CAPS_ONLY = {"dc", "ds", "di", "ps", "acc", "dcc", "dsu", "dsupt"}
PARTICLES = {"van", "de", "der", "von", "da", "le", "la", "du", "di", "den", "ter", "bin", "al"}

# Words that make a run of capitalised words an organisation rather than a person.
ORG_WORDS = {
    "council",
    "councils",
    "partnership",
    "partnerships",
    "centre",
    "center",
    "network",
    "networks",
    "plus",
    "rescue",
    "fire",
    "action",
    "university",
    "college",
    "school",
    "hospital",
    "hospitals",
    "trust",
    "nhs",
    "pct",
    "ccg",
    "constabulary",
    "police",
    "authority",
    "homes",
    "housing",
    "chamber",
    "commerce",
    "trade",
    "communities",
    "community",
    "sector",
    "service",
    "services",
    "agency",
    "association",
    "board",
    "group",
    "forum",
    "department",
    "office",
    "ltd",
    "limited",
    "plc",
    "llp",
    "company",
    "foundation",
    "society",
    "union",
    "federation",
    "alliance",
    "county",
    "city",
    "borough",
    "district",
    "metropolitan",
    "mbc",
    "cc",
    "dc",
    "bc",
    "commission",
    "directorate",
    "team",
    "unit",
    "programme",
    "voluntary",
    "health",
    "care",
    "wellbeing",
    "skills",
    "learning",
    "business",
    "enterprise",
    "executive",
    "government",
    "ministry",
    "fund",
    "church",
    "diocese",
    "academy",
    "institute",
    "national",
    "regional",
    "local",
    "public",
    "clinical",
    "commissioning",
    "ambulance",
    "probation",
    "jobcentre",
    "employers",
    "secretariat",
    "lep",
    "members",
    "member",
    "representatives",
    "officers",
    "apologies",
    "present",
    "attendance",
    "minutes",
    "and",
    "of",
    "&",
    "for",
    "the",
}
# Words of agenda headings: "Accommodation Update" is not a person.
HEADING_WORDS = {
    "update",
    "updates",
    "report",
    "reports",
    "review",
    "plan",
    "plans",
    "strategy",
    "overview",
    "business",
    "matters",
    "arising",
    "welcome",
    "introduction",
    "introductions",
    "items",
    "programme",
    "event",
    "events",
    "budget",
    "bids",
    "performance",
    "finance",
    "governance",
    "communications",
    "presentation",
    "progress",
    "proposal",
    "proposals",
    "dates",
    "meeting",
    "meetings",
    "actions",
    "close",
    "future",
    "next",
    "session",
    "workshop",
    "consultation",
    "framework",
    "assessment",
    "needs",
    "development",
    "risk",
    "register",
    "annual",
    "conference",
    "terms",
    "reference",
    "membership",
    "accommodation",
    "declarations",
    "interest",
    "interests",
    "any",
    "other",
    "summary",
    "discussion",
    "funding",
    "outcomes",
    "priorities",
    "delivery",
    "timetable",
    "arrangements",
    "minutes",
    "notes",
    "agenda",
    "aob",
    "questions",
    "forward",
    "work",
    "issues",
    "recommendations",
    "approval",
}
ROLE_WORDS = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice",
    "deputy",
    "secretary",
    "clerk",
    "minutes",
    "minute",
    "minute-taker",
    "notes",
    "treasurer",
    "director",
    "manager",
    "officer",
    "head",
    "chief",
    "executive",
    "lead",
    "member",
    "advisor",
    "adviser",
    "coordinator",
    "co-ordinator",
    "cex",
    "ceo",
    "presenter",
    "observer",
    "guest",
    "leader",
    "portfolio",
    "holder",
    "cabinet",
    "assistant",
    "principal",
    "senior",
    "policy",
    "partnership",
    "substitute",
    "sub",
    "speaker",
}
MINUTE_TAKER_RE = re.compile(
    r"^(minutes|minute[- ]?taker|notes|note[- ]?taker|clerk|secretary)$", re.I
)
CHAIR_RE = re.compile(
    r"^(the\s+)?(chair|chairman|chairwoman|chairperson)(\s+of\s+the\s+meeting)?$", re.I
)
SUBSTITUTE_RE = re.compile(
    r"^(?:deputising|deputizing|substituting|sub|substitute|standing in|attending|representing)"
    r"\s+(?:for|on behalf of)\s+(?P<name>.+)$|^(?:on behalf of|for|in place of|instead of)\s+"
    r"(?P<name2>.+)$|^(?:deputy|substitute)\s+for\s+(?P<name3>.+)$",
    re.I,
)
REVERSE_SUB_RE = re.compile(
    r"^(?P<name>.+?)\s+(?:substituting|deputising|deputizing|attending as (?:a )?substitute)$", re.I
)


def make_lines(raw_lines: list[str]) -> list[Line]:
    out = []
    for no, raw in enumerate(raw_lines):
        expanded = raw.replace("\u00a0", " ")
        indent = len(expanded) - len(expanded.lstrip(" \t"))
        text = EMPHASIS_RE.sub("", expanded).strip()
        text = re.sub(r"[ ]{2,}", " ", text)
        if text in ("`", "'", "\u2019"):
            text = ""
        heading = bool(HEADING_MARK_RE.match(text))
        if heading:
            text = HEADING_MARK_RE.sub("", text)
        out.append(Line(no=no, raw=raw, text=text, indent=indent, heading=heading))
    return out


def fold(value: str) -> str:
    """Lowercase ASCII letters and digits only, single-spaced: for comparing names."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = re.sub(r"[’'`]", "", value.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value).split())


def tidy(value: str) -> str:
    value = value.strip().strip(",;").strip()
    return " ".join(value.split())


def is_bullet(text: str) -> bool:
    return bool(BULLET_RE.match(text)) and not re.match(r"^-?\d", text)


def strip_bullet(text: str) -> str:
    return BULLET_RE.sub("", text, count=1).strip()


def split_honorific(name: str) -> tuple[str, str]:
    """("Cllr", "Paul Middlebrough"), ("Ch Insp", "Mary Dunn"), ("", "Jessica May")."""
    parts = name.split()
    found: list[str] = []
    while True:
        for size in (3, 2, 1):
            if len(parts) > size + 1 or (size == 1 and len(parts) > 1):
                key = " ".join(p.lower().rstrip(".,") for p in parts[:size])
                # Temporary and acting ranks: "T/ACC Naomi Bright", "A/Supt Jo Hart".
                acting = re.match(r"([ta])/(?=\S)", key)
                if acting:
                    key = key[2:]
                if key in HONORIFICS and (
                    key not in CAPS_ONLY or parts[0][2 if acting else 0 :].isupper()
                ):
                    prefix = f"{parts[0][0].upper()}/" if acting else ""
                    found.append(prefix + HONORIFICS[key])
                    parts = parts[size:]
                    break
        else:
            break
        # "Cllr Dr Jane Smith", "Prof Sir John Bell": stacked titles; keep a name of two words.
        if len(parts) < 3:
            break
    if not found:
        return "", name
    return " ".join(found), " ".join(parts)


NAME_TOKEN_RE = re.compile(
    # Letters with accents count: "Siân", "Zoë", "Søren", "Ólafur".
    r"^(?:[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’\-])+|[A-Z]\.?|O['’][A-Z][a-z]+|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+)$"
)


def looks_like_name(text: str) -> bool:
    """ "Jessica May", "Dean T. Huggins", "John van de Laarschot", "Cllr Paul Middlebrough"."""
    text = tidy(re.sub(r"\s*\*+$", "", text))
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    _, bare = split_honorific(text)
    tokens = bare.replace("’", "'").split()
    if not 2 <= len(tokens) <= 5:
        return False
    # A rank or role alone is never a person: "Station Manager", "Chief Officer".
    lowered = [t.lower().strip(".,") for t in tokens]
    if " ".join(lowered) in HONORIFICS or all(t in ROLE_WORDS for t in lowered):
        return False
    significant = [t for t in tokens if t.lower() not in PARTICLES]
    if len(significant) < 2:
        return False
    if any(
        t.lower().strip(".,") in ORG_WORDS or t.lower().strip(".,") in HEADING_WORDS for t in tokens
    ):
        return False
    if tokens[0].isupper() and len(tokens[0]) > 2:
        return False
    return all(NAME_TOKEN_RE.match(t) for t in significant)


def looks_like_org(text: str) -> bool:
    text = tidy(text)
    if not text or len(text) > 90 or text.endswith("."):
        return False
    words = [w.strip("(),.").lower() for w in text.split()]
    if len(words) > 9:
        return False
    if any(w in ORG_WORDS for w in words if w not in ("and", "of", "the", "for")):
        return True
    # Acronyms and single names: "GHURC", "IEWM", "Gentoo", "Sandwell".
    return len(words) <= 3 and not looks_like_name(text) and text[0].isupper()


def looks_like_role(text: str) -> bool:
    words = [w.strip("(),.").lower() for w in text.replace("/", " ").split()]
    if not words or len(words) > 8:
        return False
    return words[0] in ROLE_WORDS or words[-1] in ROLE_WORDS and words[-1] != "partnership"


def initials_of(name: str) -> str:
    _, bare = split_honorific(name)
    parts = [p for p in re.split(r"[\s\-]+", bare) if p]
    return "".join(p[0] for p in parts if p[0].isalpha() and p.lower() not in PARTICLES).upper()


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘'\"“])")
PARAGRAPH_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, without a paragraph number ("3.1 Jane Fox presented")."""
    text = PARAGRAPH_NUMBER_RE.sub("", text.strip())
    return [s.strip() for s in SENTENCE_SPLIT_RE.split(text) if s.strip()]
