"""The parser against the seeds' hand-made truth, and the shapes of minutes it must read."""

import json

import pytest

from bench.import_quality import sample_cases, score_case, seed_cases
from imports.parser import NotMinutes, parse_minutes
from imports.reader import read_file

SEEDS = {name: (source, truth) for name, source, truth in seed_cases()}


def _proposal(name):
    source, _ = SEEDS[name]
    document = read_file(source.name, source.read_bytes(), max_bytes=10**7)
    return parse_minutes(document.lines).to_dict()


def test_seeds_are_there():
    assert sorted(SEEDS) == [
        "gloucester-partnership-executive-2010-01-22",
        "iewm-board-2013-02-12",
        "sunderland-siig-2011-11-09",
    ]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_attendees_and_items_all_found(name):
    source, truth = SEEDS[name]
    scores = score_case(source, truth)
    assert (scores["attendees"].found, scores["attendees"].proposed) == (
        scores["attendees"].truth,
        scores["attendees"].truth,
    )
    assert (scores["items"].found, scores["items"].proposed) == (
        scores["items"].truth,
        scores["items"].truth,
    )


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_register_matches_truth_exactly(name):
    _, truth_path = SEEDS[name]
    truth = json.loads(truth_path.read_text())
    proposal = _proposal(name)
    got = [
        (a["name"], a["category"], a["substitute_for"], a["chaired"])
        for a in proposal["attendance"]
    ]
    want = [
        (a["name"], a["category"], a["substitute_for"], a["chaired"]) for a in truth["attendance"]
    ]
    assert got == want


def test_sunderland_meeting_times_venue_and_movements():
    proposal = _proposal("sunderland-siig-2011-11-09")
    meeting = {k: proposal["meeting"][k] for k in ("date", "start", "end", "venue")}
    assert meeting == {
        "date": "2011-11-09",
        "start": "13:00",
        "end": None,
        "venue": "St Thomas St, Sunderland",
    }
    moves = {
        a["name"]: (a["joined_at_item"], a["left_after_item"])
        for a in proposal["attendance"]
        if a["joined_at_item"] or a["left_after_item"]
    }
    assert moves == {
        "Carol Harries": ("2.0", None),
        "Beverley Scanlon": ("2.0", None),
        "Vince Taylor": (None, "1.0"),
        "Stuart Cuthberston": (None, "1.0"),
        "Jon Beaney": (None, "1.0"),
    }


def test_sunderland_who_column_actions_and_relative_due_dates():
    proposal = _proposal("sunderland-siig-2011-11-09")
    got = [(a["item"], a["owners"], a["due"]) for a in proposal["actions"]]
    assert got == [
        ("1.0", ["All"], "2011-12-07"),
        ("1.0", ["Jon Beaney", "Andrew Copland"], "2011-12-07"),
        ("4.0", ["Dawn Rugman"], None),
        ("4.0", ["Dawn Rugman"], None),
        ("4.0", ["Jessica May"], None),
        ("5.0", ["Bernadette Topham"], None),
        ("9.0", ["Jessica May"], None),
    ]


def test_sunderland_previous_minutes_corrected_and_next_meeting():
    proposal = _proposal("sunderland-siig-2011-11-09")
    previous = proposal["previous_minutes"]
    assert (previous["item"], previous["outcome"], previous["corrections"]) == (
        "3.0",
        "corrected",
        "Corrections to the attendance list showing that Gillian Gibson was present and "
        "June Robinson was not",
    )
    assert [(n["date"], n["start"], n["venue"]) for n in proposal["next_meetings"]] == [
        ("2012-01-11", "13:00", "St. Thomas Street")
    ]


def test_gloucester_broken_numbering_kept_as_printed():
    proposal = _proposal("gloucester-partnership-executive-2010-01-22")
    got = [(i["number"], i["parent"]) for i in proposal["items"]]
    assert got == [
        ("1", None),
        ("2", "1"),
        ("1.2", "1"),
        ("3", None),
        ("2.1", "3"),
        ("2.2", "3"),
        ("2.3", "3"),
        ("2.4", "3"),
        ("4", None),
    ]


def test_gloucester_actions_table_tied_to_items_by_number():
    proposal = _proposal("gloucester-partnership-executive-2010-01-22")
    got = [(a["item"], a["ref"], a["owners"], a["carried_forward"]) for a in proposal["actions"]]
    assert got == [
        ("1.2", "2", ["Dave Cullum"], True),
        ("1.2", "4", ["Lorna Robinson"], True),
        ("1.2", "6", ["Lorna Robinson", "Ashley Green"], True),
        ("2.3", "1", ["LSP working group"], False),
        ("4", "2", ["Valerie Hayllor"], False),
    ]


def test_iewm_agreed_lists_become_decisions():
    proposal = _proposal("iewm-board-2013-02-12")
    counts = {}
    for decision in proposal["decisions"]:
        counts[decision["item"]] = counts.get(decision["item"], 0) + 1
    assert counts == {"2": 1, "3": 6, "5": 9}


def test_iewm_item_minutes_keep_lists():
    proposal = _proposal("iewm-board-2013-02-12")
    item3 = next(i for i in proposal["items"] if i["number"] == "3")
    assert item3["minutes"].count("<ul>") == 2
    assert "<li>to note the report overall;</li>" in item3["minutes"]


@pytest.mark.parametrize("name", [c[0] for c in sample_cases()])
def test_own_samples_meet_the_targets(name):
    case = next(c for c in sample_cases() if c[0] == name)
    scores = score_case(case[1], case[2])
    recalls = {kind: round(score.recall, 2) for kind, score in scores.items()}
    assert recalls == {"attendees": 1.0, "items": 1.0, "decisions": 1.0, "actions": 1.0}


def test_not_minutes_is_refused():
    with pytest.raises(NotMinutes):
        parse_minutes(["Dear Sue,", "", "Thank you for your letter of 3 May.", "Best wishes"])


EXEMPT_MINUTES = """Minutes of the Safer Stevenage Partnership Board
held on 12 March 2025 at 2pm, Council Chamber, Daneshill House

Present: Cllr Jane Hart (Chair), Stevenage Borough Council
Mark Reed, Hertfordshire Constabulary

1. Apologies
There were no apologies.

2. Community safety plan
The board discussed the draft plan.
RESOLVED: that the plan be approved.

3. Staffing review (Confidential)
The board considered the proposals.

4. Exclusion of the press and public
RESOLVED: that the press and public be excluded for the following items, as they involve the
likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A
to the Local Government Act 1972.

5. Estates disposal
Offers from two bidders were considered.

5.1 Valuation
The valuation was noted.

6. Date of next meeting
11 June 2025 at 2pm.
"""


def test_exempt_items_are_read_with_the_paragraph_the_minutes_give():
    proposal = parse_minutes(EXEMPT_MINUTES.splitlines()).to_dict()

    marks = [
        (i["number"], i["confidential"], i["exempt_paragraph"], i["exempt_reason"])
        for i in proposal["items"]
    ]

    assert marks == [
        ("1", False, None, None),
        ("2", False, None, None),
        ("3", True, None, "Marked confidential in the source minutes"),
        ("4", False, None, None),  # the resolution itself is public business
        ("5", True, 3, None),
        ("5.1", True, 3, None),
        ("6", False, None, None),
    ]
