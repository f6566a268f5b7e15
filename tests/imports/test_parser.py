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


COUNCIL_MINUTES = """WEALDSHIRE COUNTY COUNCIL

MINUTES of a meeting of the Licensing Committee held at County Hall on 4 March 2024 at 10.00 am.

PRESENT: Councillor Ann Reed (Chair), Councillor Bob Hill

LIC/24/12 APOLOGIES

There were no apologies.

LIC/24/13 TAXI POLICY REVIEW

The committee considered the report. 12 March 2024 was noted as the consultation date.

1. The fee would rise.

RESOLVED – That the revised taxi licensing policy be approved for consultation, subject to
the changes agreed at the meeting being made by the Head of Licensing.

LIC/24/14 DATE OF NEXT MEETING

8 April 2024 at 10.00 am.

Signed ..................... Date ..........

CHAIRMAN
"""


def test_council_minute_numbers_are_items_and_the_signature_is_not():
    proposal = parse_minutes(COUNCIL_MINUTES.splitlines()).to_dict()

    assert [(i["number"], i["title"]) for i in proposal["items"]] == [
        ("LIC/24/12", "APOLOGIES"),
        ("LIC/24/13", "TAXI POLICY REVIEW"),
        ("LIC/24/14", "DATE OF NEXT MEETING"),
    ]
    assert [(d["item"], d["text"]) for d in proposal["decisions"]] == [
        (
            "LIC/24/13",
            "The revised taxi licensing policy be approved for consultation, subject to the "
            "changes agreed at the meeting being made by the Head of Licensing.",
        )
    ]


NOTE_STYLE_MINUTES = """Minutes of the Finance Committee
Present: Jo Hadley (Chair), Kamal Patel

Minute 45 Apologies
None.

Minute 46 Budget monitoring
(a) Revenue
All agreed that the forecast be noted.
(b) Capital
Minutes of the last meeting approved. Agreed to defer the bid.

Chair
"""


def test_minute_numbers_lettered_parts_and_note_style_decisions():
    proposal = parse_minutes(NOTE_STYLE_MINUTES.splitlines()).to_dict()

    assert [(i["number"], i["title"]) for i in proposal["items"]] == [
        ("45", "Apologies"),
        ("46", "Budget monitoring"),
        ("46(a)", "Revenue"),
        ("46(b)", "Capital"),
    ]
    assert [(d["item"], d["text"]) for d in proposal["decisions"]] == [
        ("46(a)", "All agreed that the forecast be noted."),
        ("46(b)", "Minutes of the last meeting approved."),
        ("46(b)", "Agreed to defer the bid."),
    ]


TAGGED_ACTION_MINUTES = """Minutes of the Primary Care Committee held on 7 March 2024
Present:
Mary Lockwood (ML), Director of Primary Care
Anjali Desai (AD), Contracts Manager
Tom Riley (TR), Corporate Governance Manager

1. Access recovery plan
Tom Riley asked whether uptake varied. Mary Lockwood agreed to share the practice data. ACTION: ML
The report mentioned AD and the contracts team.

2. Local Enhanced Services
Contract variations would be issued to all practices by 31 March. ACTION: AD
"""


def test_trailing_action_tags_take_the_sentence_before():
    proposal = parse_minutes(TAGGED_ACTION_MINUTES.splitlines()).to_dict()

    assert [(a["item"], a["owners"], a["text"], a["due"]) for a in proposal["actions"]] == [
        ("1", ["Mary Lockwood"], "Share the practice data", None),
        (
            "2",
            ["Anjali Desai"],
            "Contract variations would be issued to all practices by 31 March",
            "2024-03-31",
        ),
    ]


def test_action_log_rows_join_the_items_that_tagged_them():
    text = TAGGED_ACTION_MINUTES + (
        "\n3. Date of next meeting\nThursday 2 May 2024.\n\nAction log\n"
        "No. | Action | Lead | Due\n"
        "1 | Share practice-level uptake data | ML | 30/04/2024\n"
        "2 | Issue contract variations | AD | 31/03/2024\n"
    )
    proposal = parse_minutes(text.splitlines()).to_dict()

    assert [(a["item"], a["owners"], a["text"], a["due"]) for a in proposal["actions"]] == [
        ("1", ["Mary Lockwood"], "Share practice-level uptake data", "2024-04-30"),
        ("2", ["Anjali Desai"], "Issue contract variations", "2024-03-31"),
    ]


def test_owners_named_by_post_and_joint_initials():
    text = """Minutes of the Health and Wellbeing Board held on 16 January 2024
Present:
Dr Rupert Lane (RL) – ICB
Dr Helen Marsh (Director of Public Health)
Mrs Louise Patel (Director of Children's Services)

1. Needs assessment
Action: Director of Public Health to circulate the profiles by 31 January 2024.

2. Waiting times
RL and HM to draft the recovery plan – LP to process the grant. The update mentioned RL.
"""
    proposal = parse_minutes(text.splitlines()).to_dict()

    assert [(a["item"], a["owners"]) for a in proposal["actions"]] == [("1", ["Helen Marsh"])]
    assert proposal["actions"][0]["due"] == "2024-01-31"
    # Without marked actions the prose is read: joint owners by initials, not a mere mention.
    prose = text.replace("Action: Director", "The Director")
    proposal = parse_minutes(prose.splitlines()).to_dict()
    assert [(a["item"], a["owners"]) for a in proposal["actions"]] == [
        ("1", ["Helen Marsh"]),
        ("2", ["Rupert Lane", "Helen Marsh"]),
        ("2", ["Louise Patel"]),
    ]


def test_register_in_pipe_rows_with_ranks_and_deputies():
    text = """Community Safety Partnership
Minutes of the meeting held on 7 March 2024

Present:
Name | Role | Organisation
Dr Ann Okafor | Non-Executive Member (Chair) | NHS Vale ICB
Lisa Moran | Deputy Director of Finance (deputising for Gary Pryce) | NHS Vale ICB
PCSO Dani Roper | Neighbourhood Officer | Vale Police
Sgt Tom Walls (TW) (for Insp Amy Coles) | Sergeant | Vale Police

In attendance:
Name | Role | Organisation
Tim Riles | Governance Manager (minutes) | NHS Vale ICB

Apologies:
Councillors Rob Shore, Jan Kemble and Pat Hollins
Chief Superintendent Karen Dodds, DI Sam Jakes

1. Welcome
The Chair welcomed members. Apologies were noted as above.

2. Budget
The report was noted.
"""
    attendance = parse_minutes(text.splitlines()).to_dict()["attendance"]
    got = {(a["name"], a["category"], a["honorific"] or "") for a in attendance}

    assert got == {
        ("Ann Okafor", "present", "Dr"),
        ("Lisa Moran", "present", ""),
        ("Dani Roper", "present", "PCSO"),
        ("Tom Walls", "present", "Sgt"),
        ("Tim Riles", "in_attendance", ""),
        ("Rob Shore", "apologies", "Cllr"),
        ("Jan Kemble", "apologies", "Cllr"),
        ("Pat Hollins", "apologies", "Cllr"),
        ("Karen Dodds", "apologies", "Chief Superintendent"),
        ("Sam Jakes", "apologies", "DI"),
    }
    by_name = {a["name"]: a for a in attendance}
    assert (
        by_name["Ann Okafor"]["chaired"] and by_name["Ann Okafor"]["role"] == "Non-Executive Member"
    )
    assert by_name["Lisa Moran"]["substitute_for"] == "Gary Pryce"
    assert by_name["Lisa Moran"]["role"] == "Deputy Director of Finance"
    assert by_name["Tom Walls"]["substitute_for"] == "Amy Coles"
    assert by_name["Tim Riles"]["took_minutes"]


def test_apologies_written_as_a_sentence():
    text = """Minutes of the Health and Wellbeing Board held on 16 January 2024
Present:
Councillor Margo Hills (Chairman)
Mr Andy Pike – Fire and Rescue Service

1. Apologies for absence
Apologies for absence were received from Councillor Brian Hales, Mr. Tim Barkley (Vale CVS) and Professor Anne Lidd. Mrs Rachel Ose attended as substitute for Mr Barkley.

2. Budget
The report was noted.
"""
    attendance = parse_minutes(text.splitlines()).to_dict()["attendance"]

    assert [
        (a["name"], a["honorific"], a["organisation"] or "")
        for a in attendance
        if a["category"] == "apologies"
    ] == [("Brian Hales", "Cllr", ""), ("Tim Barkley", "Mr", "Vale CVS"), ("Anne Lidd", "Prof", "")]


def test_dates_and_financial_years_are_not_items():
    minutes = """Minutes of the Finance Committee
Present: Jo Hadley (Chair), Kamal Patel

1. Apologies
None.

2. Budget
2023/24 Outturn
The outturn was noted.
2024/25 Budget Setting
The timetable was noted.

3. Date of next meeting
4 May 2025 at 2pm.
"""
    proposal = parse_minutes(minutes.splitlines()).to_dict()

    assert [i["number"] for i in proposal["items"]] == ["1", "2", "3"]


def test_action_points_owner_lists_and_signature_lines():
    minutes = """Minutes of the Police and Crime Panel held on 24 January 2025
Present:
Cllr Jo Hadley (Chair)
Kamal Patel – Police and Crime Commissioner
Ann Ray – Panel Lead Officer
Ben Cole – Officer
Dee Moss – Officer

1. Matters arising
Action Point 5 (8 November 2024): Ann Ray to circulate the audit. Circulated – complete.

2. Performance
Members asked about the 101 service.

Action Point 1: The Commissioner to provide the 101 abandonment rate by month.

AP2: Ann Ray to write to the Commissioner by 31 January 2025.

3. Plan
Action\tOwner
Revise the plan to include the population\tAnn Ray
indicators
Provide a case study for each objective\tObjective leads – Ben
\tCole, Dee Moss

4. Date of next meeting
The next meeting will be held on 14 March 2025.

CHAIR
"""
    actions = parse_minutes(minutes.splitlines()).to_dict()["actions"]

    assert [(a["item"], a["owners"]) for a in actions] == [
        ("2", ["Kamal Patel"]),
        ("2", ["Ann Ray"]),
        ("3", ["Ann Ray"]),
        ("3", ["Ben Cole", "Dee Moss"]),
    ]
    assert actions[1]["due"] == "2025-01-31"
    assert actions[2]["text"].endswith("population indicators")


def test_register_tables_dashed_rows_and_officer_sections():
    minutes = """Minutes of the Safer Vale Panel
REGISTER OF ATTENDANCE
Committee Members
Name\tRepresenting\tNotes
Cllr Jo Hadley\tVale District Council\tChair
Cllr Amir Khan\tHill Borough Council\tAttending on behalf of Cllr Ruth Pike
T/Supt Dan Cole\tVale Police
Officers present:
Siân Price – Chief Executive, Vale District Council
Tom Reid, Democratic Services Officer (Vale District Council)
Ann Lowe      Policy Officer      Vale CVS
Kim Ellis, Representing Cllr Ruth Pike
Apologies
Cllr Ruth Pike\tHill Borough Council

1. Minutes
The minutes were agreed.
"""
    attendance = parse_minutes(minutes.splitlines()).to_dict()["attendance"]

    assert [
        (a["name"], a["honorific"] or "", a["category"], a["role"] or "", a["organisation"] or "")
        for a in attendance
    ] == [
        ("Jo Hadley", "Cllr", "present", "Chair", "Vale District Council"),
        ("Amir Khan", "Cllr", "present", "", "Hill Borough Council"),
        ("Dan Cole", "T/Supt", "present", "", "Vale Police"),
        ("Siân Price", "", "in_attendance", "Chief Executive", "Vale District Council"),
        ("Tom Reid", "", "in_attendance", "Democratic Services Officer", "Vale District Council"),
        ("Ann Lowe", "", "in_attendance", "Policy Officer", "Vale CVS"),
        ("Kim Ellis", "", "in_attendance", "", ""),
        ("Ruth Pike", "Cllr", "apologies", "", "Hill Borough Council"),
    ]
    assert [a["substitute_for"] for a in attendance if a["substitute_for"]] == [
        "Ruth Pike",
        "Ruth Pike",
    ]


def test_decisions_lead_in_lists_and_formal_resolutions():
    minutes = """Minutes of the Vale Partnership Board
Present: Jo Hadley (Chair), Tom Reid

1. Welcome and apologies
The Board noted that Cllr Amir Khan was attending as substitute for Cllr Ruth Pike.

2. Annual report
Tom Reid presented the draft annual report on progress against the objectives of the Plan.
The Board agreed:
• to approve the annual report for publication, subject to the changes discussed;
• to endorse the draft Local Energy Plan and recommend it to the Vale District
Council for adoption.

3. Management accounts
Jo Hadley asked about income risk. It was agreed that a reforecast would come to the next meeting.
Governors RECEIVED and NOTED the management accounts to 31 October.

4. Work programme
Members agreed that the hearing should be held at the next meeting.
"""
    decisions = parse_minutes(minutes.splitlines()).to_dict()["decisions"]

    assert [(d["item"], d["text"]) for d in decisions] == [
        ("2", "to approve the annual report for publication, subject to the changes discussed"),
        (
            "2",
            "to endorse the draft Local Energy Plan and recommend it to the Vale District "
            "Council for adoption.",
        ),
        ("3", "Governors RECEIVED and NOTED the management accounts to 31 October."),
        ("4", "Members agreed that the hearing should be held at the next meeting."),
    ]


def test_parish_council_motions_are_decisions():
    minutes = """Minutes of the Meeting of Ashby Parish Council held on 3 March 2025

1. Minutes of the previous meeting
It was proposed by Cllr Lane, seconded by Cllr Hart and RESOLVED that the minutes of the meeting held on 3 February 2025 be approved, subject to the correction of minute 12 to read £50. The minutes were signed by the Chairman.

2. Planning
Proposed by Cllr. Lane, seconded by Cllr. Hart, it was unanimously RESOLVED (nem. con.) that the Council has no objection to application DC/25/1.

3. Finance
It was proposed by Cllr Hart, seconded by Cllr Lane and RESOLVED that the budget be adopted (6 for, 1 against). Clerk to submit the precept.
"""
    result = parse_minutes(minutes.splitlines()).to_dict()

    assert [(d["item"], d["text"]) for d in result["decisions"]] == [
        (
            "1",
            "The minutes of the meeting held on 3 February 2025 be approved, subject to the "
            "correction of minute 12 to read £50.",
        ),
        ("2", "The Council has no objection to application DC/25/1."),
        ("3", "The budget be adopted."),
    ]
    assert result["previous_minutes"]["corrections"] == "Minute 12 to read £50"


def test_parish_register_roles_other_councils_and_apologies_in_the_body():
    minutes = """Minutes of the Meeting of Ashby Parish Council held on 3 March 2025
Those present: Cllrs Ann Lane (Chairman), Bob Hart and Cara Moss; Clerk: Dee Fox; 3 members of the public
Also present: District Cllr Eve Hill (Vale District Council) and PCSO Kit Lamb (Kent Police)
Present:
Gus Ray (GR), Station Manager, Kent Fire and Rescue Service
Mayor Tom Braithwaite (Ashby Town Council)

1. Apologies for absence
Apologies were received and accepted from Cllrs Ian Dale (work commitments) and Jo Pike (illness). Cllr Ned Brook was absent.

2. Planning
The Council has no objection to application DC/25/1.
"""
    result = parse_minutes(minutes.splitlines()).to_dict()
    people = {(a["name"], a["category"]) for a in result["attendance"]}

    assert people == {
        ("Ann Lane", "present"),
        ("Bob Hart", "present"),
        ("Cara Moss", "present"),
        ("Dee Fox", "present"),
        ("Eve Hill", "also_present"),
        ("Kit Lamb", "also_present"),
        ("Gus Ray", "present"),
        ("Tom Braithwaite", "present"),
        ("Ian Dale", "apologies"),
        ("Jo Pike", "apologies"),
        ("Ned Brook", "absent"),
    }
    by_name = {a["name"]: a for a in result["attendance"]}
    assert by_name["Dee Fox"]["role"] == "Clerk"
    assert by_name["Ian Dale"]["organisation"] in ("", None)


def test_actions_spaced_table_trailing_tags_and_posts():
    """A closing table lined up with spaces (its Item column names the item); "ACTION – APr,
    end of Q4" (owner by initials the register gives, then when); "Clerk to ..." by post."""
    minutes = """Minutes of the Board meeting held on 10 December 2024
Present:
Alan Pearce (AP), Police
Angela Price (APr), Healthwatch
Helen Gedge, Clerk

1. Apologies
None.

2. Review
Members discussed the review. APr offered to test the summary with readers. ACTION – APr, end of Q4
The police data was discussed. AP agreed to provide a breakdown of referrals. ACTION – AP, ASAP

3. Highways
Members reported a pothole.


Actions arising

No.   Item   Action                                  Owner           Date
1     3      Report the pothole to the highways team  All             TBC
"""
    result = parse_minutes(minutes.splitlines()).to_dict()
    got = {(a["item"], tuple(a["owners"]), a["due"]) for a in result["actions"]}
    assert ("2", ("Angela Price",), "2025-03-31") in got
    assert ("2", ("Alan Pearce",), "asap") in got
    assert ("3", ("All",), None) in got
    prose = minutes.split("2. Review")[0] + "2. Highways\nClerk to write to highways.\n"
    result = parse_minutes(prose.splitlines()).to_dict()
    assert [(a["item"], a["owners"]) for a in result["actions"]] == [("2", ["Helen Gedge"])]


def test_decisions_previous_minutes_once_and_officer_agreeing():
    """The previous minutes approved in prose and again as the outcome ("The Board APPROVED the
    minutes", "Decision: notes of ... agreed") are one decision; "The Chief Executive agreed."
    is an officer answering a request, not a decision."""
    minutes = """Minutes of the Board meeting held on 14 November 2024
Present:
Alan Pearce, Chair
Angela Price

1. Minutes of the previous meeting
The minutes were agreed as an accurate record with one amendment: under item 5, "X" should read "Y".
The Board APPROVED the minutes of the meeting held on 12 September 2024, as amended.

2. Notes of last meeting
Notes agreed as accurate.
Decision: notes of 5 November agreed.

3. Any other business
Angela Price asked for a site visit. The Chief Executive agreed.
"""
    result = parse_minutes(minutes.splitlines()).to_dict()
    got = [(d["item"], d["text"]) for d in result["decisions"]]
    assert got == [
        (
            "1",
            "The Board APPROVED the minutes of the meeting held on 12 September 2024, as amended.",
        ),
        ("2", "Notes of 5 November agreed."),
    ]


def test_register_sections_and_lettered_minute_numbers():
    """ "Deputies" are present; "Attendees" after "Members", and "Executive Team in attendance",
    are in attendance; minute numbers with a letter prefix ("B24/029") open items, also after an
    actions table."""
    from imports.reader import read_text

    minutes = """## MINUTES OF THE MEETING OF THE BOARD
Held on Thursday 26 September 2024 at 2.00pm
## Members
Jane Colquhoun\tIndependent Chair
Martin Ellery\tPlace Director, Downland Integrated Care Board
## Deputies
Kevin Marsh (deputy for Lisa Farrant)\tAssociate Director of Operations
## Attendees
Sean Doyle\tHead of Urgent and Emergency Care
## Executive Team in attendance
Louise Hartigan\tExecutive Director of Finance
## Apologies
Lisa Farrant\tChief Operating Officer
## B24/029\tWelcome, apologies and quorum
The Chair welcomed everyone.
## Action\tLead\tDate
Arrange a Board strategy day\tLH\t31/10/2024
## B24/030\tFinance report
Louise Hartigan presented the accounts.
## B24/031\tAny other business
There was none.
"""
    result = parse_minutes(read_text(minutes).lines).to_dict()
    got = {a["name"]: (a["category"], a["substitute_for"]) for a in result["attendance"]}
    assert got == {
        "Jane Colquhoun": ("present", None),
        "Martin Ellery": ("present", None),
        "Kevin Marsh": ("present", "Lisa Farrant"),
        "Sean Doyle": ("in_attendance", None),
        "Louise Hartigan": ("in_attendance", None),
        "Lisa Farrant": ("apologies", None),
    }
    assert [(i["number"], i["title"]) for i in result["items"]] == [
        ("B24/029", "Welcome, apologies and quorum"),
        ("B24/030", "Finance report"),
        ("B24/031", "Any other business"),
    ]


def test_actions_with_fields_below_arrows_and_heading_tables():
    """ "Action: ..." with "Owner:"/"By:" on their own lines below; "→ NH: do X by DATE" with
    initials and joint owners; and an "Action | Lead | Date" table styled as a heading."""
    from imports.reader import read_text

    minutes = """MINUTES OF THE MEETING OF THE BOARD
Held on Thursday 14 November 2024

Members
Nadia Hussain\tHead of Service
Kerry Dunn\tPerformance Manager
Rob Kearney\tInspector

1.\tWelcome
The Chair welcomed members.

2.\tWinter plan
The plan was presented.

Action: Circulate the revised winter plan to members.
Owner: Kerry Dunn / Rob Kearney
By: 22 November 2024

3.\tPerformance
KD took the board through the dashboard.
→ NH: look at moving appointments into community venues by 6 May.
→ KD and RK: extend the analysis to stop and search by 6 May.

4.\tAny other business
There was none.
"""
    result = parse_minutes(read_text(minutes).lines).to_dict()
    got = [(a["item"], a["owners"], a["text"], a["due"]) for a in result["actions"]]
    assert got == [
        (
            "2",
            ["Kerry Dunn", "Rob Kearney"],
            "Circulate the revised winter plan to members",
            "2024-11-22",
        ),
        (
            "3",
            ["Nadia Hussain"],
            "Look at moving appointments into community venues by 6 May",
            "2025-05-06",
        ),
        (
            "3",
            ["Kerry Dunn", "Rob Kearney"],
            "Extend the analysis to stop and search by 6 May",
            "2025-05-06",
        ),
    ]
    table = """## MINUTES OF THE MEETING OF THE BOARD
Held on Thursday 26 September 2024
## Members
Margaret Okafor\tChair
Louise Hartigan\tExecutive Director of Finance
## B24/029\tFinance report
Louise Hartigan presented the accounts.
## Action\tLead\tDate
Sign the financial statements\tMO / LH\t30/09/2024
## B24/030\tAny other business
There was none.
"""
    result = parse_minutes(read_text(table).lines).to_dict()
    got = [(a["item"], a["owners"], a["text"]) for a in result["actions"]]
    assert got == [
        ("B24/029", ["Margaret Okafor", "Louise Hartigan"], "Sign the financial statements")
    ]


def test_register_table_with_status_column_and_wrapped_action_log():
    lines = [
        "Name\tOrganisation\tPresent/",
        "\tApologies",
        "Jane Ashby (Chair)\tVale Council – Cabinet Member for Adult\tP",
        "\tSocial Care",
        "Mark Dent\tVale Trust\tA",
        "",
        "Item 1 – Community hubs",
        "Jane Ashby reported on the community hubs and waiting times for the hubs.",
        "Item 2 – Date of next meeting",
        "Action log",
        "Ref\tAction\tOwner\tDeadline\tStatus",
        "MH/\tBring a report on waiting times for the\tJane Ashby\t18/10/2024\tOpen",
        "24/10-01\tcommunity hubs",
    ]
    proposal = parse_minutes(lines)
    people = {a.name: a.category for a in proposal.attendance}
    assert people == {"Jane Ashby": "present", "Mark Dent": "apologies"}
    assert [a.text for a in proposal.actions] == [
        "Bring a report on waiting times for the community hubs"
    ]
