"""Read one set of minutes into a proposed meeting (plain Python: no Django, no database).

``parse_minutes(lines)`` returns a ``Proposal``: the meeting, its register, items with their
minutes, decisions, actions, the approval of the previous minutes and the next meeting(s),
each element with the source lines it came from. Matching people to the database, and writing
anything, is the Django side's business (``imports.matching``, ``imports.services``).
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from . import actions as action_rules
from .attendance import TABLE_HEADER_WORDS, RegisterParser, category_heading, parse_register_line
from .blocks import to_blocks, to_html
from .dates import find_dates, find_times, relative_due
from .exempt import mark_exempt
from .header import meeting_date, parse_header
from .items import ACTIONS_TABLE_RE, Layout, _candidate, layout, unnumbered_heading
from .model import Action, Attendee, Line, NextMeeting, Proposal
from .outcomes import decisions_of, movements_of, previous_minutes_of
from .resolver import Resolver
from .text import fold, looks_like_name, make_lines, split_honorific, tidy

__all__ = ["parse_minutes", "Proposal", "NotMinutes"]

PRESENT_VERBS = (
    r"(?:presented|introduced|gave|briefed|reported|referred|updated|outlined|provided|led"
    r"|delivered|explained|talked|spoke|took|fed\s+back|reminded|informed|highlighted|set\s+out)"
)
PAPER_RE = re.compile(
    r"\b(?P<ref>(?:papers?|reports?|appendix|appendices|annex)\s+\d+[a-z]?(?:\s*(?:,|and|&)\s*\d+[a-z]?)*)",
    re.I,
)
CIRCULATED_RE = re.compile(
    r"\b(?:a\s+copy\s+of\s+the\s+|the\s+)?(?P<what>presentation|slides|report|paper|briefing)\b[^.]*?"
    r"\b(?:circulated|attached|tabled)\b",
    re.I,
)
CHAIRED_RE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’\-]+\s+){1,3}[A-Z][\w'’\-]+)\s*(?:\([^)]*\)\s*)?(?:chaired\s+the\s+meeting|took\s+the\s+chair|was\s+in\s+the\s+chair)"
)
APOLOGIES_SENTENCE_RE = re.compile(
    r"\bapologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:received|noted|given|submitted|tendered|reported|recorded)"
    r"(?:\s+and\s+(?:accepted|approved|noted|agreed))?\s+(?:from|on\s+behalf\s+of|for)\s+"
    r"(?P<who>(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Cllr|Revd?|Sgt|Insp|Supt|St)\.|[^.])+)",
    re.I,
)
# "Cllr Nigel Brooke was absent.", "Cllrs A and B were absent without apology."
ABSENT_SENTENCE_RE = re.compile(
    r"(?:^|[.;]\s+)(?P<who>(?:Cllrs?\.?|Councillors?)\s+[^.;]{3,120}?)\s+(?:was|were)\s+absent\b"
)
NO_INTERESTS_RE = re.compile(
    r"\b(?:no|there\s+were\s+no|none)\b[^.]{0,30}\b(?:declarations?|conflicts?)\s+of\s+interests?",
    re.I,
)
PURPOSE_RE = re.compile(r"\bfor\s+(?P<p>decision|discussion|information|noting|approval)\b", re.I)


REVIEW_ITEM_RE = re.compile(
    r"(?i)outstanding|matters\s+arising|previous\s+actions|action\s+log|review\s+of\s+actions"
)


class NotMinutes(ValueError):
    """The text has neither a register nor agenda items: it is not a set of minutes."""


def parse_minutes(raw_lines: list[str], *, body_names: tuple[str, ...] = ()) -> Proposal:
    lines = make_lines(raw_lines)
    register_start = _register_start(lines)
    first_item = _first_item_line(lines, after=register_start or 0)
    header_end = (
        register_start
        if register_start is not None
        else (first_item if first_item is not None else min(len(lines), 12))
    )
    info = parse_header(lines[:header_end])
    proposal = Proposal(meeting=info)
    register = RegisterParser(body_names=[info.body, info.body_acronym, *body_names])
    register_end = header_end
    if register_start is not None:
        register_end = _read_register(lines, register_start, register)
    proposal.attendance = register.attendees
    proposal.warnings.extend(register.warnings)
    plan = layout(lines[register_end:])
    if not plan.segments and not proposal.attendance:
        raise NotMinutes(
            "This does not look like minutes: no list of who attended and no numbered items "
            "were found."
        )
    resolver = Resolver(proposal.attendance)
    full_text = "\n".join(line.text for line in lines)
    resolver.learn_initials(full_text)
    _attach_initials(proposal.attendance, resolver)
    reference = meeting_date(info)
    proposal.next_meetings = _next_meetings(plan, reference)
    next_date = (
        dt.date.fromisoformat(proposal.next_meetings[0].date)
        if proposal.next_meetings and proposal.next_meetings[0].date
        else None
    )
    _read_items(proposal, plan, resolver, reference, next_date)
    _apologies_from_text(proposal, plan, resolver)
    _chair_from_text(proposal, full_text, resolver)
    proposal.no_interests_declared = bool(NO_INTERESTS_RE.search(full_text))
    _check(proposal)
    return proposal


def _register_start(lines: list[Line]) -> int | None:
    limit = max(20, len(lines) // 2)
    for index, line in enumerate(lines[:limit]):
        if line.text and category_heading(line.text):
            return index
        if line.text and _register_table_header(line):
            return index
    return None


def _register_table_header(line: Line) -> bool:
    """ "Name<tab>Organisation<tab>Present/Apologies": the register set out as a table."""
    cells = [c.strip() for c in line.raw.split("\t") if c.strip()]
    return (
        len(cells) >= 2
        and re.fullmatch(r"(?i)names?", cells[0]) is not None
        and all(re.fullmatch(TABLE_HEADER_WORDS, c, re.I) for c in cells)
    )


def _first_item_line(lines: list[Line], after: int) -> int | None:
    for index, line in enumerate(lines[after:], start=after):
        cand = _candidate(line) if line.text else None
        if cand and cand.kind == "top" and not cand.sentence:
            return index
    return None


def _joined(line: Line, after: Line) -> Line:
    """A register entry wrapped onto the next line, read as one line (numbered as its first)."""
    return Line(no=line.no, raw=f"{line.raw} {after.raw}", text=f"{line.text} {after.text}")


def _read_register(lines: list[Line], start: int, register: RegisterParser) -> int:
    index = start
    misses = 0
    while index < len(lines):
        line = lines[index]
        if line.text and index > start:
            cand = _candidate(line)
            if (cand and cand.kind == "top" and not cand.sentence) or ACTIONS_TABLE_RE.match(
                line.text
            ):
                return index
        heading = category_heading(line.text) if line.text else None
        if heading and heading[2]:
            # A run of names wrapped over several lines (a PDF, a narrow column).
            while (
                index + 1 < len(lines)
                and not line.text.rstrip().endswith(".")
                and _continues_run(lines[index + 1])
            ):
                index += 1
                line = _joined(line, lines[index])
        # An entry whose bracket wraps onto the next line: "A – Director (on behalf of B\nC)".
        while (
            line.text.count("(") > line.text.count(")")
            and index + 1 < len(lines)
            and lines[index + 1].text
            and len(lines[index + 1].text) < 60
            and ")" in lines[index + 1].text
            and _continues_run(lines[index + 1])
        ):
            index += 1
            line = _joined(line, lines[index])
        if not register.feed(line):
            misses += 1
            if misses >= 1:
                return index
        index += 1
    return index


def _continues_run(line: Line) -> bool:
    if not line.text or line.heading or category_heading(line.text) or "\t" in line.raw.strip():
        return False
    cand = _candidate(line)
    return not (cand and cand.kind == "top")


def _attach_initials(attendees: list[Attendee], resolver: Resolver) -> None:
    for attendee in attendees:
        for ini, names in resolver.initials.items():
            if (
                names == {attendee.name}
                and len(ini) >= 2
                and ini != attendee.initials
                and resolver.initials.get(attendee.initials) != {attendee.name}
            ):
                attendee.initials = ini


def _next_meetings(plan: Layout, reference: dt.date | None) -> list[NextMeeting]:
    out = []
    for line in plan.next_meeting:
        for date, match in find_dates(line.text, reference=reference):
            rest = line.text[match.end() :]
            times = find_times(rest) or find_times(line.text)
            if re.search(
                r"\b(?:tbc|tba|to\s+be\s+(?:confirmed|arranged|agreed|advised))\b", rest, re.I
            ):
                rest = re.sub(
                    r"(?i)[,–—\-]?\s*(?:venue\s+)?(?:tbc|tba|to\s+be\s+(?:confirmed|arranged|agreed|advised))\.?",
                    " ",
                    rest,
                )
            venue = re.sub(
                r"\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}[.:]\d\d|\bto\b",
                " ",
                rest,
                flags=re.I,
            )
            venue = tidy(
                re.sub(
                    r"^[\s,–—\-]*(?:at|in|venue:?)\s+", "", tidy(venue.strip(" ,.–—-")), flags=re.I
                )
            )
            venue = re.sub(r"^(?:at|in)\s+", "", venue.strip(" ,.–—-"), flags=re.I)
            if re.search(
                r"\b(?:tbc|tba|to\s+be\s+(?:confirmed|arranged|agreed|advised))\b", venue, re.I
            ) or not re.search(r"[A-Za-z]{3}", venue):
                venue = ""
            out.append(
                NextMeeting(
                    date=date.isoformat(),
                    start=times[0] if times else None,
                    end=times[1] if len(times) > 1 else None,
                    venue=tidy(venue.strip(" ,.–—-")),
                    lines=[line.no, line.no],
                )
            )
            break
    return out


def _read_items(proposal: Proposal, plan: Layout, resolver: Resolver, reference, next_date) -> None:
    segments = plan.segments
    mark_exempt(segments)
    proposal.items = [s.item for s in segments]
    preamble_rows, _ = action_rules.table_rows(plan.preamble)
    closing_rows: list = []
    seg_rows: dict[int, list] = {}
    used_lines: dict[int, set[int]] = {}
    who: dict[int, list[tuple[str, int]]] = {}
    for segment in segments:
        rows, used = action_rules.table_rows(segment.body)
        if rows and not REVIEW_ITEM_RE.search(segment.item.title) and all(r.ref for r in rows):
            # A closing actions table (Ref | Action | Owner | Due) sits in the last item's
            # text; each row belongs to the item it arose from.
            closing_rows.extend(rows)
            rows = []
        seg_rows[segment.item.key] = rows
        entries, who_used = action_rules.who_entries(
            [ln for ln in segment.body if ln.no not in used], resolver
        )
        who[segment.item.key] = entries
        used_lines[segment.item.key] = used | who_used
    next_lines = {ln.no for ln in plan.next_meeting}
    explicit = (
        bool(preamble_rows)
        or bool(closing_rows)
        or any(seg_rows.values())
        or sum(len(v) for v in who.values()) >= 2
    )
    all_blocks = {}
    for segment in segments:
        body = [
            ln
            for ln in segment.body
            if ln.no not in used_lines[segment.item.key]
            and (segment.item.kind == "next_meeting" or ln.no not in next_lines)
        ]
        previous_blank = {body[i].no: (i == 0 or not body[i - 1].text) for i in range(len(body))}
        blocks = to_blocks(
            body,
            heading_test=lambda ln, pb=previous_blank: unnumbered_heading(ln, pb.get(ln.no, False)),
        )
        all_blocks[segment.item.key] = blocks
        if any(action_rules.has_marker(b.text) for b in blocks):
            explicit = True
    linked: set[str] = set()
    markers_made: list[Action] = []
    for segment in segments:
        item = segment.item
        blocks = all_blocks[item.key]
        item.minutes = to_html(blocks)
        decisions, _ = decisions_of(blocks, item.key)
        proposal.decisions.extend(decisions)
        if proposal.previous_minutes is None and (
            item.kind == "previous_minutes"
            or any(
                d.verb == "approved" and re.match(r"(?i)the\s+minutes", d.text) for d in decisions
            )
        ):
            proposal.previous_minutes = previous_minutes_of(blocks, item.key, reference=reference)
        _movements(proposal, blocks, item, resolver)
        _presenter_papers(item, blocks, resolver)
        carried = bool(REVIEW_ITEM_RE.search(item.title))
        for row in seg_rows[item.key]:
            proposal.actions.append(
                _row_action(row, item.key, resolver, reference, next_date, carried=carried)
            )
        for block in blocks:
            marker, ref = action_rules.marker_action(
                block, resolver, item.key, blocks[blocks.index(block) + 1 :]
            )
            if marker is None:
                continue
            row = next((r for r in preamble_rows if ref and r.ref == ref), None)
            if row is not None:
                linked.add(ref)
                action = _row_action(row, item.key, resolver, reference, next_date)
                action.lines = sorted({*action.lines, *marker.lines})[
                    :: max(1, len({*action.lines, *marker.lines}) - 1)
                ]
                proposal.actions.append(action)
                continue
            if not marker.owners:
                continue
            if marker.due_note:
                _due(marker, marker.due_note, reference, next_date)
                proposal.actions.append(marker)
                markers_made.append(marker)
                continue
            if not marker.text:
                found = action_rules.commitment_for(
                    blocks[: blocks.index(block)], marker.owners, resolver, -1
                )
                marker.text = found[1] if found else item.title
            _due(marker, marker.text, reference, next_date)
            proposal.actions.append(marker)
            markers_made.append(marker)
        after = -1
        for entry, line_no in who[item.key]:
            owners = resolver.owners(entry)
            found = action_rules.commitment_for(blocks, owners, resolver, after)
            if found:
                after = found[0]
                text = found[1]
            else:
                text = item.title
            action = Action(item=item.key, text=text, owners=owners, lines=[line_no, line_no])
            _due(action, text, reference, next_date)
            proposal.actions.append(action)
        if not explicit:
            subject = None
            for block in blocks:
                if block.kind not in ("p", "li"):
                    continue
                for action in action_rules.sentence_actions(block, resolver, item.key, subject):
                    _due(action, action.text, reference, next_date)
                    proposal.actions.append(action)
    for row in closing_rows:
        # "No. | Item | Action": the item column names the item, else the likeliest item.
        key = next(
            (s.item.key for s in segments if row.item and s.item.number == row.item), None
        ) or _best_item(row.text, segments, all_blocks)
        # "ACTION: ML" tagged in an item, and the closing log's row for ML: one action, filed
        # under that item, with the log's wording and date (tags and rows taken in order).
        owners = resolver.owners(row.owners) if row.owners else []
        tagged = next((m for m in markers_made if owners and m.owners == owners), None)
        if tagged is not None:
            markers_made.remove(tagged)
            if tagged in proposal.actions:
                proposal.actions.remove(tagged)
            key = tagged.item
        proposal.actions.append(_row_action(row, key, resolver, reference, next_date))
        if key is None:
            proposal.warnings.append(
                f"Action {row.ref} “{row.text[:60]}” is not tied to an item: choose one."
            )
    for row in preamble_rows:
        if row.ref in linked:
            continue
        key = _best_item(row.text, segments, all_blocks)
        if key is not None:
            proposal.actions.append(_row_action(row, key, resolver, reference, next_date))
            continue
        if row.ref not in linked:
            proposal.actions.append(_row_action(row, None, resolver, reference, next_date))
            proposal.warnings.append(
                f"Action {row.ref or ''} “{row.text[:60]}” is not tied to an item: choose one."
            )


def _best_item(text: str, segments, all_blocks) -> int | None:
    """The item whose minutes an action from a table most resembles."""
    best, best_score = None, 0.0
    words = fold(text)
    for segment in segments:
        body = " ".join(b.text for b in all_blocks.get(segment.item.key, []))
        score = fuzz.token_set_ratio(words, fold(f"{segment.item.title} {body}"))
        if score > best_score:
            best, best_score = segment.item.key, score
    return best if best_score >= 55 else None


def _row_action(row, item_key, resolver, reference, next_date, carried=False) -> Action:
    if row.owner_in_text and not row.owners:
        # "Submit the plan Jo Bell": the owner cell ran into the action's; a known name ends it.
        words, rest = row.text[: row.owner_in_text].split(), row.text[row.owner_in_text :]
        for size in (3, 2):
            tail = " ".join(words[-size:])
            if len(words) > size + 1 and looks_like_name(tail) and resolver.owners(tail):
                row.text, row.owners = tidy(" ".join(words[:-size]) + rest), tail
                break
    action = Action(
        item=item_key,
        text=row.text,
        owners=resolver.owners(row.owners) if row.owners else [],
        ref=row.ref,
        carried_forward=carried,
        lines=list(row.lines),
    )
    _due(action, row.due or row.text, reference, next_date)
    if row.due and action.due is None and not re.fullmatch(r"(?i)tb[ca]|n/?a|-+|–", row.due):
        action.due = row.due
        action.due_note = row.due
    return action


def _due(action: Action, text: str, reference, next_date) -> None:
    due, note = relative_due(text, meeting=reference, next_meeting=next_date)
    action.due, action.due_note = due, note


def _movements(proposal: Proposal, blocks, item, resolver: Resolver) -> None:
    number = proposal.item_number(item.key)
    by_name = {a.name: a for a in proposal.attendance}
    for block in blocks:
        for kind, who, at_item, rest in movements_of(block.text):
            for name in resolver.owners(who):
                attendee = by_name.get(name)
                if attendee is None or not resolver.person(name):
                    continue
                if kind == "joined":
                    attendee.joined_at_item = at_item or number
                    behalf = re.search(
                        r"on\s+behalf\s+of\s+(?P<n>(?:[A-Z][\w'’\-]+\s?){2,3})", rest
                    )
                    if behalf and not attendee.substitute_for:
                        attendee.substitute_for = tidy(behalf.group("n"))
                else:
                    attendee.left_after_item = at_item or number
                attendee.lines = [attendee.lines[0], attendee.lines[1]]


def _presenter_papers(item, blocks, resolver: Resolver) -> None:
    text_blocks = [b for b in blocks if b.kind in ("p", "li")]
    if text_blocks:
        first = text_blocks[0].text
        m = re.match(
            rf"^(?P<who>(?:(?:Cllr|Dr|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][\w'’\-]+){{0,2}})\s*(?:\([^)]*\))?(?:,[^,]{{2,80}},)?\s+(?:also\s+|then\s+|briefly\s+|verbally\s+)?{PRESENT_VERBS}\b",
            first,
        )
        if m:
            item.presenter = resolver.person(m.group("who")) or ""
    papers: list[str] = []
    for source in [item.title, *(b.text for b in text_blocks)]:
        for m in PAPER_RE.finditer(source):
            ref = tidy(m.group("ref"))
            ref = ref[0].upper() + ref[1:]
            if not any(ref.lower() in p.lower() or p.lower() in ref.lower() for p in papers):
                papers.append(ref)
    for block in text_blocks:
        m = CIRCULATED_RE.search(block.text)
        if m and not papers:
            papers.append(f"{m.group('what').capitalize()} (circulated)")
    item.papers = papers
    purpose = PURPOSE_RE.search(item.title)
    if purpose:
        item.purpose = {"noting": "information", "approval": "decision"}.get(
            purpose.group("p").lower(), purpose.group("p").lower()
        )


def _apologies_from_text(proposal: Proposal, plan: Layout, resolver: Resolver) -> None:
    if any(a.category == "apologies" for a in proposal.attendance):
        return
    # The sentence sits in the first items, or before them when no item heading was recognised.
    for body in [plan.preamble, *(segment.body for segment in plan.segments[:3])]:
        for line in body:
            m = APOLOGIES_SENTENCE_RE.search(line.text)
            if not m:
                continue
            for chunk in parse_register_line(m.group("who")):
                honorific, name = split_honorific(tidy(chunk))
                if looks_like_name(chunk):
                    org = re.search(re.escape(chunk) + r"\s*\(([^)]+)\)", m.group("who"))
                    # "(work commitments)", "(illness)" give a reason, not an organisation.
                    org_text = tidy(org.group(1)) if org else ""
                    proposal.attendance.append(
                        Attendee(
                            name=name,
                            honorific=honorific,
                            category="apologies",
                            organisation=org_text if org_text[:1].isupper() else "",
                            lines=[line.no, line.no],
                        )
                    )
            _absent_from_text(proposal, body)
            return


def _absent_from_text(proposal: Proposal, body) -> None:
    """ "Cllr Nigel Brooke was absent." in the apologies minute: absent, not merely unlisted."""
    if any(a.category == "absent" for a in proposal.attendance):
        return
    known = {a.name.lower() for a in proposal.attendance}
    for line in body:
        for m in ABSENT_SENTENCE_RE.finditer(line.text):
            plural = split_honorific(m.group("who").split()[0] + " X Y")[0]
            for chunk in parse_register_line(m.group("who")):
                honorific, name = split_honorific(tidy(chunk))
                if looks_like_name(chunk) and name.lower() not in known:
                    known.add(name.lower())
                    proposal.attendance.append(
                        Attendee(
                            name=name,
                            honorific=honorific or plural,
                            category="absent",
                            lines=[line.no, line.no],
                        )
                    )


def _chair_from_text(proposal: Proposal, text: str, resolver: Resolver) -> None:
    m = CHAIRED_RE.search(text)
    if m:
        name = resolver.person(m.group("who"))
        if name:
            for attendee in proposal.attendance:
                attendee.chaired = attendee.name == name and attendee.category in (
                    "present",
                    "also_present",
                )
        return
    chairs = [a for a in proposal.attendance if a.chaired]
    if len(chairs) > 1:
        for extra in chairs[1:]:
            extra.chaired = False


def _check(proposal: Proposal) -> None:
    seen: dict[str, Attendee] = {}
    for attendee in proposal.attendance:
        key = attendee.name.lower()
        if key in seen:
            first = seen[key]
            proposal.warnings.append(
                f"{attendee.name} is listed twice, as “{first.category.replace('_', ' ')}” and "
                f"“{attendee.category.replace('_', ' ')}”: a register holds a person once."
            )
        else:
            seen[key] = attendee
    if proposal.meeting.date is None:
        proposal.warnings.append("No meeting date was found: give it before importing.")
    if not proposal.items:
        proposal.warnings.append("No agenda items were found.")
