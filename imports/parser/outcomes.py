"""What an item produced: decisions ("AGREED:", "RESOLVED that", "The Board noted"), the approval
of the previous minutes, and who joined or left."""

from __future__ import annotations

import re

from .blocks import Block
from .dates import first_date
from .model import Decision, PreviousMinutes
from .text import sentences, tidy

BLOCK_KEYWORD_RE = re.compile(
    r"^(?:it\s+was\s+)?(?:(?:unanimously|duly)\s+)?(?P<verb>agreed|resolved|decisions?|approved|noted|recommended|endorsed)"
    r"(?:\s+(?:by\s+the\s+\w+|unanimously))?\s*(?P<sep>[:.\-–—]|that\b|\s(?=\())?\s*(?P<rest>.*)$",
    re.I,
)
COLLECTIVE = (
    r"(?:the\s+)?(?:board|group|committee|executive|partnership|panel|meeting|forum|members"
    r"|executive\s+members|board\s+members|partners|sub-group|steering\s+group|trustees"
    r"|all|everyone|all\s+present|all\s+members|all\s+partners|governors|councillors|directors"
    r"|sub-committee)"
)
# "received and noted", "considered and approved": the verb that counts is the last.
COMPOUND = r"(?i:(?:received|considered|reviewed|discussed|noted)\s+and\s+)?"
COLLECTIVE_RE = re.compile(
    r"^(?:[Tt]he\s+)?(?:[A-Z][\w&'’\-]*\s+){0,4}"
    rf"(?i:{COLLECTIVE})\s+(?i:(?:also|then|unanimously|formally)\s+)?{COMPOUND}"
    r"(?P<verb>(?i:agreed|resolved|approved|endorsed|noted|accepted|supported|ratified|adopted))\b",
)
# A lead-in to a list of decisions: "The Board agreed:", "Members resolved as follows:".
LEAD_IN_RE = re.compile(COLLECTIVE_RE.pattern + r"(?:\s+(?i:that|to|as\s+follows))?\s*[:\-–—]\s*$")
IT_WAS_RE = re.compile(
    r"\b(?:it\s+was|was)\s+(?P<verb>agreed|resolved|approved)\s+that\s+(?P<rest>.+)$", re.I
)
MINUTES_APPROVED_RE = re.compile(
    r"\b(?:minutes|notes)\b(?P<what>[^.]*?)\b(?:(?:were|was|are|be)\s+(?:\w+\s+)?"
    r"(?P<verb>approved|agreed|accepted|confirmed|signed|adopted)\b"
    # Note-style: "Notes agreed as an accurate record", "Minutes of 3 May approved."
    r"|(?:approved|agreed|accepted|confirmed|adopted)\b"
    r"(?=\s*(?:as\b|subject\b|with\b|bar\b|save\b|following\b|except\b|without\b|[.,;:]|$)))"
    r"(?P<rest>.*)$",
    re.I,
)
# A motion: "It was proposed by Cllr X, seconded by Cllr Y and RESOLVED that ...",
# "Proposed by Cllr X, seconded by Cllr Y, it was unanimously RESOLVED (nem. con.) that ...".
MOTION_RE = re.compile(
    r"^(?:it\s+was\s+)?(?:proposed|moved)\s+by\s+[^,;]+?,?\s+(?:and\s+)?seconded\s+by\s+[^,;]+?"
    r"(?:,\s*|\s+)(?:and\s+)?(?:it\s+was\s+)?(?:(?:unanimously|duly)\s+)?"
    r"(?P<verb>resolved|agreed)\b\s*(?P<rest>.+)$",
    re.I,
)
# What may follow "RESOLVED" before the resolution: "unanimously", "(nem. con.)", "that".
RESOLUTION_LEAD_RE = re.compile(
    r"^(?:(?:unanimously|\(?\s*nem\.?\s*con\.?\s*\)?|\(\s*unanimous(?:ly)?\s*\))\s*)*"
    r"[:,\-–—]?\s*(?:that\s+)?",
    re.I,
)
# A recorded vote: "(5 for, 1 against)", "(6 for, 0 against, 1 abstention)", "(nem. con.)".
VOTE_RE = re.compile(
    r"\s*\((?:\s*(?:\d+|nil|none)\s+(?:for|in\s+favour)\b[^()]*|\s*nem\.?\s*con\.?\s*"
    r"|\s*unanimous(?:ly)?\s*)\)",
    re.I,
)
TITLE_ABBREV_RE = re.compile(r"\b(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Dr|Prof|Rev|Revd|Coun)\.$")
FORMAL_RE = re.compile(r"\b(?:RESOLVED|AGREED|NOTED|APPROVED|ENDORSED|RECOMMENDED)\b")
MINUTES_RE = re.compile(r"^(?:the\s+)?(?:minutes|notes)\b", re.I)
OFFICER_RE = re.compile(r"^(?:the\s+)?(?:(?:deputy|interim|acting)\s+)?chief\s+executive\b", re.I)
APPROVES_MINUTES_RE = re.compile(
    COLLECTIVE_RE.pattern + r"\s+(?i:the\s+(?:draft\s+)?(?:minutes|notes)\b)"
)
# A sentence of informal notes that is a decision: "Agreed that X should ...", "Agreed to bid ...".
BARE_AGREED_RE = re.compile(r"^(?:it\s+was\s+)?(?P<verb>agreed|resolved)\s+(?:that|to)\s+\S", re.I)
CORRECTIONS_RE = re.compile(
    r"\b(?:bar|subject\s+to|with|following|after|save\s+for|except\s+for)\s+(?:the\s+following\s+)?"
    r"(?:an?\s+|the\s+)?(?P<rest>(?:corrections?|amendments?|changes?)\b.*)$",
    re.I,
)
VERBS = {
    "agreed": "agreed",
    "resolved": "resolved",
    "approved": "approved",
    "noted": "noted",
    "endorsed": "agreed",
    "accepted": "agreed",
    "supported": "agreed",
    "ratified": "approved",
    "adopted": "approved",
    "recommended": "agreed",
    "decision": "agreed",
    "decisions": "agreed",
}
JOIN_RE = re.compile(
    r"(?P<who>[A-Z][^()]*?)\s+(?:had\s+|has\s+)?(?:joined|arrived\s+at|re-?joined|entered)\s+the\s+meeting"
    r"(?:\s+(?:at|during|for)\s+(?:item\s+)?(?P<item>\d[\d.]*))?(?P<rest>[^.]*)",
)
LEAVE_RE = re.compile(
    r"(?P<who>[A-Z][^()]*?)\s+(?:had\s+)?(?:left|withdrew\s+from|departed)\s+(?:the\s+)?meeting"
    r"(?:\s+(?:at|after|during|before)\s+(?:item\s+)?(?P<item>\d[\d.]*))?",
)


def decisions_of(blocks: list[Block], item_key: int) -> tuple[list[Decision], set[int]]:
    """Decisions in an item's blocks, and the indices of the blocks they came from."""
    out: list[Decision] = []
    used: set[int] = set()
    # Minutes that record resolutions in capitals ("RESOLVED:", "The Committee NOTED") make
    # those the item's outcome; "it was agreed that ..." in the discussion is then narrative.
    formal = False
    prose: list[Decision] = []
    informal: list[Decision] = []  # found in a sentence of prose, not in capitals
    index = 0
    while index < len(blocks):
        block = blocks[index]
        lead_in = (
            block.kind == "p"
            and index + 1 < len(blocks)
            and blocks[index + 1].kind == "li"
            and LEAD_IN_RE.match(block.text)
        )
        if lead_in or (
            block.kind == "p"
            and (m := BLOCK_KEYWORD_RE.match(block.text))
            and _is_keyword(m, block.text)
        ):
            if lead_in:
                m = lead_in
            formal = formal or m.group("verb").isupper()
            verb = VERBS[m.group("verb").lower()]
            rest = "" if lead_in else _resolution(m.group("rest"))
            start = index
            index += 1
            lead = [rest] if rest else []
            # The block: a lead paragraph or two, then a list; or the paragraph alone.
            while (
                index < len(blocks)
                and blocks[index].kind == "p"
                and not lead
                and not _ends_block(blocks[index])
            ):
                lead.append(blocks[index].text)
                index += 1
            entries = []
            while index < len(blocks) and blocks[index].kind == "li":
                entry = blocks[index]
                if entry.level == 0 or not entries:
                    entries.append(
                        Decision(
                            item=item_key, text=tidy(entry.text), verb=verb, lines=list(entry.lines)
                        )
                    )
                else:
                    entries[-1].text = f"{entries[-1].text} {tidy(entry.text)}"
                    entries[-1].lines[1] = entry.lines[1]
                index += 1
            if entries and lead and re.match(r"^\(?(?:1|a|i)[.)]\s*", lead[0]):
                # "RESOLVED – (1) That ...", then "(2) That ..." on the next line.
                first = re.sub(r"^\(?(?:1|a|i)[.)]\s*", "", lead[0])
                entries.insert(
                    0,
                    Decision(
                        item=item_key, text=_capital(first), verb=verb, lines=list(block.lines)
                    ),
                )
            if entries:
                out.extend(entries)
            elif lead:
                text = _capital(lead[0])
                out.append(
                    Decision(
                        item=item_key,
                        text=text,
                        verb=verb,
                        lines=[block.lines[0], blocks[index - 1].lines[1]],
                    )
                )
            used.update(range(start, index))
            continue
        if block.kind == "p":
            for sentence in _sentences(block.text):
                decision = _sentence_decision(sentence, item_key, block)
                if decision:
                    out.append(decision)
                    used.add(index)
                    if not FORMAL_RE.search(decision.text):
                        informal.append(decision)
                    motion = MOTION_RE.match(tidy(sentence))
                    if FORMAL_RE.search(decision.text) or (motion and motion["verb"].isupper()):
                        formal = True
                    elif motion:
                        pass
                    elif decision.verb != "approved" or not MINUTES_RE.match(decision.text):
                        prose.append(decision)
        index += 1
    if formal and prose:
        out = [d for d in out if not any(d is p for p in prose)]
    return _one_minutes_approval(out, informal), used


def _approves_minutes(text: str) -> bool:
    """ "The minutes were agreed as ...", "Notes of 5 November agreed.", "The Board APPROVED the
    minutes of the meeting held on ..."."""
    return bool(
        (MINUTES_RE.match(text) and MINUTES_APPROVED_RE.search(text))
        or APPROVES_MINUTES_RE.match(text)
    )


def _one_minutes_approval(out: list[Decision], informal: list[Decision]) -> list[Decision]:
    """The previous minutes are approved once: where an item records it in prose ("The minutes
    were agreed as an accurate record with one amendment: ...") and again as its formal outcome
    ("The Board APPROVED the minutes ...", "Decision: notes of 5 November agreed."), the outcome
    is the decision and the prose is narrative."""
    approvals = [d for d in out if _approves_minutes(d.text)]
    if len(approvals) < 2 or all(any(d is i for i in informal) for d in approvals):
        return out
    return [d for d in out if not any(d is i for i in informal) or not _approves_minutes(d.text)]


def _is_keyword(match: re.Match, text: str) -> bool:
    """ "AGREED: ...", "Agreed" alone, "RESOLVED that ...": a decision heading, not prose that
    happens to start with "Agreed" ("Approved premises were discussed")."""
    word = match.group("verb")
    if word.isupper():
        return True
    if not match.group("rest"):
        return True
    return bool(match.group("sep")) and match.group("sep").strip() not in ("",)


def _sentences(text: str) -> list[str]:
    """Sentences, rejoining those cut after a title ("Proposed by Cllr. Smith, ...")."""
    out: list[str] = []
    for sentence in sentences(text):
        if out and TITLE_ABBREV_RE.search(out[-1]):
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _resolution(text: str) -> str:
    """The resolution itself: without "unanimously", "(nem. con.)", "that", or a recorded vote."""
    text = RESOLUTION_LEAD_RE.sub("", text.strip(), count=1)
    return tidy(VOTE_RE.sub("", text))


def _ends_block(block: Block) -> bool:
    return bool(BLOCK_KEYWORD_RE.match(block.text))


def _capital(text: str) -> str:
    text = tidy(text)
    return text[:1].upper() + text[1:]


def _sentence_decision(sentence: str, item_key: int, block: Block) -> Decision | None:
    text = tidy(sentence)
    m = MOTION_RE.match(text)
    if m:
        rest = _resolution(m.group("rest"))
        if not rest:
            return None
        verb = VERBS[m.group("verb").lower()]
        if MINUTES_RE.match(rest) and MINUTES_APPROVED_RE.search(rest):
            verb = "approved"  # "RESOLVED that the minutes ... be approved"
        return Decision(
            item=item_key,
            text=_capital(rest),
            verb=verb,
            lines=list(block.lines),
        )
    m = MINUTES_APPROVED_RE.search(text)
    if m and re.match(r"^(?:the\s+)?(?:minutes|notes)\b", text, re.I):
        if (m.group("verb") or "").lower() == "signed":
            # "The minutes were signed by the Chairman": the formality after the approval.
            return None
        return Decision(item=item_key, text=text, verb="approved", lines=list(block.lines))
    m = COLLECTIVE_RE.match(text)
    if m and OFFICER_RE.match(text):
        # "The Chief Executive agreed.": one officer answering a request, not the meeting.
        return None
    if m and m.group("verb") == "noted" and re.match(r"\s+that\b", text[m.end() :]):
        # "The Panel noted that Cllr X was attending as substitute": a fact reported, not an
        # outcome (the outcome notes a paper: "The Panel noted the update").
        return None
    if m:
        return Decision(
            item=item_key, text=text, verb=VERBS[m.group("verb").lower()], lines=list(block.lines)
        )
    m = BARE_AGREED_RE.match(text)
    if m:
        return Decision(
            item=item_key,
            text=_capital(text),
            verb=VERBS[m.group("verb").lower()],
            lines=list(block.lines),
        )
    m = IT_WAS_RE.search(text)
    if m:
        verb = m.group("verb").lower()
        return Decision(
            item=item_key,
            text=f"It was {verb} that {tidy(m.group('rest'))}",
            verb=VERBS[verb],
            lines=list(block.lines),
        )
    return None


def previous_minutes_of(blocks: list[Block], item_key: int, *, reference) -> PreviousMinutes | None:
    for block in blocks:
        for sentence in _sentences(block.text):
            motion = MOTION_RE.match(tidy(sentence))
            if motion:
                sentence = _resolution(motion.group("rest"))
            sentence = re.sub(
                r"(?i)^(?:resolved|agreed)\s*[–:.\-]?\s*(?:that\s+)?", "", sentence.strip()
            )
            m = MINUTES_APPROVED_RE.search(sentence)
            if not m or not re.match(r"^(?:the\s+)?(?:minutes|notes)\b", sentence.strip(), re.I):
                continue
            rest = m.group("rest")
            corrections = ""
            outcome = "approved"
            c = CORRECTIONS_RE.search(rest)
            if c:
                outcome = "corrected"
                corrections = tidy(VOTE_RE.sub("", c.group("rest"))).lstrip(":, ").rstrip(".")
                # "subject to the correction of minute 12 to read ...": the correction itself.
                corrections = re.sub(r"(?i)^(?:correction|amendment)\s+of\s+", "", corrections)
                corrections = corrections[:1].upper() + corrections[1:]
                if not corrections:
                    corrections = tidy(rest).rstrip(".")
            if re.search(r"\bnot\s+(?:approved|agreed)\b", sentence, re.I):
                outcome = "not_approved"
            held = first_date(m.group("what"), reference=None)
            return PreviousMinutes(
                item=item_key,
                outcome=outcome,
                meeting_date=held.isoformat() if held else None,
                corrections=corrections,
                lines=list(block.lines),
            )
    return None


def movements_of(text: str) -> list[tuple[str, str, str | None, str]]:
    """(kind, who, item, rest) for "(X and Y joined the meeting)", "VT/SC and JB left the meeting"."""
    out = []
    for m in JOIN_RE.finditer(text):
        out.append(("joined", _who(m.group("who")), m.group("item"), m.group("rest") or ""))
    for m in LEAVE_RE.finditer(text):
        out.append(("left", _who(m.group("who")), m.group("item"), ""))
    return out


def _who(text: str) -> str:
    text = re.sub(r"^.*?\b(?:introduced|welcomed|thanked)\s+", "", text)
    text = re.sub(r"\s+who$", "", text.strip())
    text = re.sub(r"^(?:and|then|also)\s+", "", text)
    return tidy(text)
