"""Gloucester Partnership Executive, Meeting and Workshop, 22 January 2010.

Source: shared/seeds/gloucester-partnership-executive-2010-01-22.txt. Judgement calls:

- The source numbering is broken (Word auto-numbering: "1.", "2.", "1.2", "3.", "2.1" ...). The
  product numbers items itself: 1 Minutes and Matters Arising (1.1 the minutes of 20 November
  2009, 1.2 Outstanding actions), 2 Gloucester Partnership's Future – Planning Session (2.1 to
  2.4), 3 Any Other Business, 4 Dates of Next Meetings.
- Outstanding actions 2, 4 and 6 came from the meeting of 20 November 2009. That meeting is
  created as a minimal historical record (no register, no items) holding those three actions
  under their original numbers; each gets an update recorded at this meeting ("Reviewed under
  outstanding actions; remains open") and the approval of its minutes is recorded here.
- "Executive members agreed with general principles contained in report" is this meeting's one
  decision (item 2.2).
- Action 1 belongs to the "LSP working group" team: the four volunteers of item 2.3. Action 2
  is Valerie Hayllor's (she spoke on behalf of Ashley Green). The source gives no due dates.
- Linda Osment sent "Apology and Resignation": she is under apologies with that note, and her
  membership of the Executive ends on the meeting date.
- Valerie Hayllor and Jerry Foster-Turner deputised for Ashley Green and Nigel Avron. Valerie
  Hayllor is also recorded as an executive member (she is a demo login who owns an action);
  Jerry Foster-Turner has no membership. Members sent apologies without a stated group are
  plain members.
- The source names neither who chaired nor a minute-taker, and gives no venue or times for this
  meeting; none are recorded. Only the first next meeting has a venue and times.
- John Henry Looney is spelt "Loony" once in the text; the register's spelling is used.
"""

import datetime as dt

BODY = {
    "name": "Gloucester Partnership Executive",
    "short_name": "",
    "parent": None,
    "numbering": "plain",
    "minutes_title": "Minutes",
    "default_venue": "",
    "description": "The executive of the Gloucester Local Strategic Partnership (LSP).",
}

PARENT_BODIES = []

ORGANISATIONS = [
    {"name": "Gloucester City Council", "acronym": "", "sector": "local_government"},
    {"name": "Gloucester Voluntary and Community Sector", "acronym": "", "sector": "voluntary"},
    {"name": "Gloucester City Homes", "acronym": "", "sector": "housing"},
    {
        "name": "Gloucester Heritage Urban Regeneration Company",
        "acronym": "GHURC",
        "sector": "partnership",
    },
    {"name": "Gloucestershire Primary Care Trust", "acronym": "PCT", "sector": "health"},
    {"name": "Gloucester Chamber of Trade & Commerce", "acronym": "", "sector": "business"},
    {"name": "GL Communities", "acronym": "", "sector": "voluntary"},
    {"name": "Gloucestershire Constabulary", "acronym": "", "sector": "police"},
    {
        "name": "Gloucester Association for Voluntary and Community Action",
        "acronym": "GAVCA",
        "sector": "voluntary",
    },
    {"name": "Gloucestershire Police Authority", "acronym": "", "sector": "police"},
    {"name": "Gloucestershire County Council", "acronym": "", "sector": "local_government"},
    {"name": "Learning & Skills Council", "acronym": "LSC", "sector": "education"},
]

PEOPLE = [
    {"name": "Paul James", "initials": "PJ", "organisation": "Gloucester City Council"},
    {"name": "Julian Wain", "initials": "JW", "organisation": "Gloucester City Council"},
    {
        "name": "Melanie Dafforn",
        "initials": "MD",
        "organisation": "Gloucester Voluntary and Community Sector",
    },
    {"name": "Valerie Hayllor", "initials": "VH", "organisation": "Gloucester City Homes"},
    {
        "name": "Martin Wallace",
        "initials": "MW",
        "organisation": "Gloucester Heritage Urban Regeneration Company",
    },
    {"name": "Shona Arora", "initials": "SA", "organisation": "Gloucestershire Primary Care Trust"},
    {
        "name": "John Henry Looney",
        "initials": "JHL",
        "organisation": "Gloucester Chamber of Trade & Commerce",
    },
    {"name": "Penny Liddicot", "initials": "PL", "organisation": "GL Communities"},
    {
        "name": "Jerry Foster-Turner",
        "initials": "JFT",
        "organisation": "Gloucestershire Constabulary",
    },
    {"name": "Amanda Wadsley", "initials": "AW", "organisation": "Gloucester City Council"},
    {"name": "Sylvia Webster", "initials": "SW", "organisation": "Gloucester City Council"},
    {"name": "Lorna Robinson", "initials": "LR", "organisation": "Gloucester City Council"},
    {"name": "Mary Little", "initials": "ML", "organisation": "Gloucester City Council"},
    {
        "name": "Camilla Hale",
        "initials": "CH",
        "organisation": "Gloucester Association for Voluntary and Community Action",
    },
    {"name": "Bill Crowther", "initials": "BC", "organisation": "Gloucestershire Police Authority"},
    {
        "name": "Pauline Reynolds",
        "initials": "PR",
        "organisation": "Gloucester Voluntary and Community Sector",
    },
    {"name": "Sally Middleton", "initials": "SM", "organisation": "Gloucestershire County Council"},
    {"name": "Paul Gray", "initials": "PG", "organisation": "Gloucestershire County Council"},
    {"name": "Ashley Green", "initials": "AG", "organisation": "Gloucester City Homes"},
    {"name": "Nigel Avron", "initials": "NA", "organisation": "Gloucestershire Constabulary"},
    {"name": "Linda Osment", "initials": "LO", "organisation": "Learning & Skills Council"},
    # Owner of an outstanding action from 20 November 2009; the minutes give no organisation.
    {"name": "Dave Cullum", "initials": "DC", "organisation": None},
]

MEETING_DATE = dt.date(2010, 1, 22)

MEMBERSHIPS = [
    ("Paul James", "executive"),
    ("Julian Wain", "executive"),
    ("Melanie Dafforn", "executive"),
    ("Valerie Hayllor", "executive"),
    ("Martin Wallace", "executive"),
    ("Shona Arora", "executive"),
    ("John Henry Looney", "executive"),
    ("Penny Liddicot", "executive"),
    ("Ashley Green", "executive"),
    ("Nigel Avron", "executive"),
    ("Amanda Wadsley", "non_executive"),
    ("Sylvia Webster", "non_executive"),
    ("Lorna Robinson", "non_executive"),
    ("Mary Little", "non_executive"),
    ("Camilla Hale", "non_executive"),
    ("Bill Crowther", "member"),
    ("Pauline Reynolds", "member"),
    ("Sally Middleton", "member"),
    ("Paul Gray", "member"),
    {
        "person": "Linda Osment",
        "role": "member",
        "end_date": MEETING_DATE,
        "note": "Resigned: Apology and Resignation, 22 January 2010",
    },
]

TEAMS = [
    {
        "name": "LSP working group",
        "everyone": False,
        "members": ["Shona Arora", "Melanie Dafforn", "Valerie Hayllor", "John Henry Looney"],
    },
]

EARLIER_MEETINGS = [
    {
        "key": "november",
        "date": dt.date(2009, 11, 20),
        "actions": [
            {"number": 2, "description": "Refinement of MAIDeN data", "owners": ["Dave Cullum"]},
            {
                "number": 4,
                "description": "Amendment of performance reporting template",
                "owners": ["Lorna Robinson"],
            },
            {
                "number": 6,
                "description": "Development of a draft risk management strategy",
                "owners": ["Lorna Robinson", "Ashley Green"],
            },
        ],
    },
]

EXEC = "Executive Members"
NON_EXEC = "Non-Executive Members"

ATTENDANCE = [
    {"person": "Paul James", "category": "present", "group_label": EXEC},
    {"person": "Julian Wain", "category": "present", "group_label": EXEC},
    {"person": "Melanie Dafforn", "category": "present", "group_label": EXEC},
    {
        "person": "Valerie Hayllor",
        "category": "present",
        "group_label": EXEC,
        "substitute_for": "Ashley Green",
    },
    {"person": "Martin Wallace", "category": "present", "group_label": EXEC},
    {"person": "Shona Arora", "category": "present", "group_label": EXEC},
    {"person": "John Henry Looney", "category": "present", "group_label": EXEC},
    {"person": "Penny Liddicot", "category": "present", "group_label": EXEC},
    {
        "person": "Jerry Foster-Turner",
        "category": "present",
        "group_label": EXEC,
        "substitute_for": "Nigel Avron",
    },
    {"person": "Amanda Wadsley", "category": "present", "group_label": NON_EXEC},
    {"person": "Sylvia Webster", "category": "present", "group_label": NON_EXEC},
    {"person": "Lorna Robinson", "category": "present", "group_label": NON_EXEC},
    {"person": "Mary Little", "category": "present", "group_label": NON_EXEC},
    {"person": "Camilla Hale", "category": "present", "group_label": NON_EXEC},
    {"person": "Bill Crowther", "category": "apologies"},
    {"person": "Pauline Reynolds", "category": "apologies"},
    {"person": "Sally Middleton", "category": "apologies"},
    {"person": "Paul Gray", "category": "apologies"},
    {"person": "Ashley Green", "category": "apologies"},
    {"person": "Nigel Avron", "category": "apologies"},
    {"person": "Linda Osment", "category": "apologies", "note": "Apology and Resignation"},
]

ITEMS = [
    {
        "key": "matters",
        "title": "Minutes and Matters Arising",
        "kind": "previous_minutes",
        "children": [
            {
                "key": "previous",
                "title": "Minutes of the meeting held on 20 November 2009",
                "minutes": (
                    "<p>The minutes of the meeting held on 20th November 2009 were approved as "
                    "a correct record.</p>"
                ),
            },
            {
                "key": "outstanding",
                "title": "Outstanding actions",
                "minutes": """
<p>Actions from the meeting of 20 November 2009 still open:</p>
<ul>
<li><strong>2.</strong> Refinement of MAIDeN data – Dave Cullum</li>
<li><strong>4.</strong> Amendment of performance reporting template – Lorna Robinson</li>
<li><strong>6.</strong> Development of a draft risk management strategy – Lorna Robinson / Ashley Green</li>
</ul>
""",
            },
        ],
    },
    {
        "key": "future",
        "title": "Gloucester Partnership’s Future – Planning Session",
        "purpose": "discussion",
        "children": [
            {
                "key": "paper",
                "title": "Presentation of the paper ‘Focus on the Future’",
                "presenter": "Amanda Wadsley",
                "papers": [
                    {
                        "reference": "Paper",
                        "title": (
                            "Focus on the Future – Strengthening the Gloucester Local Strategic "
                            "Partnership"
                        ),
                    },
                ],
                "minutes": """
<p>Amanda Wadsley presented the paper ‘Focus on the Future – Strengthening the Gloucester Local Strategic Partnership’.</p>
<ul>
<li>Why Change? – A look at the future of the LSP, i.e. is it fit for purpose?</li>
<li>What will be the impact of reduced public spending?</li>
<li>There is a need to address issues faced by all partners and to demonstrate good value for money.</li>
<li>‘Total Place’ explained (An initiative that looks at how a ‘whole area’ approach to public services can lead to better services at less cost). How should the LSP deliver against this new way of working? i.e. a need for greater efficiencies.</li>
<li>Gloucestershire LSP is also in the process of being reviewed so this is a good time for the Gloucester LSP to be looking at its role. Reiterated government guidelines for LSPs – districts to feed into LAA, pooling of resources.</li>
<li>Partnership working at different levels – referred to diagram at end of paper (produced by Audit Commission) strategic vs. operational levels.</li>
</ul>
<p><strong>Challenges and Opportunities</strong></p>
<ol type="i">
<li>Local Devolution and the Future of LAAs. Strategic focus at Executive level, greater links with the County Council.</li>
<li>Efficiency Savings, Commissioning and Service Redesign. An opportunity to make savings by re-designing what the Partnership delivers. Joint commissioning, procurement etc. The Executive could look at this at a higher level i.e. back office services, new ways of working better together.</li>
<li>Community Engagement and Consultation. Future perceived role of LSPs? Areas where duplication could be avoided, i.e. Joint Strategic Needs Assessment (JSNA) being carried out by the PCT. LSP Executive could decide to use combined results of consultations carried out by partnership organisations to work more effectively. Possibility of the LSP being used as a future consultation body?</li>
<li>Focusing on Specific Issues and Outcomes. Aims good and relevant but a need to look at activity and outcomes in particular. Focus on specific themes, i.e. community cohesion/stronger communities and ‘narrowing the gap’. Executive’s role would be to manage the progress of approved small number of specific objectives.</li>
</ol>
<p><strong>The Executive and New Ways of Working</strong></p>
<ul>
<li>Structure – what is being done at each level.</li>
<li>Annual conference format</li>
<li>Board is not a delivery group</li>
<li>Review of Executive membership</li>
<li>Robust criteria</li>
<li>More robust information to be fed back into the City Council (Gloucester Leadership Team and Cabinet)</li>
</ul>
<p><strong>Topics for Discussion</strong></p>
<ul>
<li>A need to agree future focus and structure</li>
<li>Frequency of Executive meetings</li>
<li>Mapping exercises</li>
<li>Work programme</li>
<li>Financial information (budgets)</li>
<li>Potential areas for commissioning and joint working</li>
<li>End to end review from customers’ prospective</li>
<li>Membership of Executive</li>
<li>Timetable</li>
</ul>
""",
            },
            {
                "key": "comments",
                "title": "Comments on Paper",
                "decisions": [
                    {
                        "verb": "agreed",
                        "text": (
                            "<p>Executive members agreed with general principles contained in "
                            "report.</p>"
                        ),
                    },
                ],
                "minutes": """
<p>Valerie Hayllor has a background of working with other LSPs. Advised that there is a need to look at strategic role of the Executive to provide direction. The real challenge will be to identify and access both knowledge and resources. A need to identify and get people into the right groups, also to obtain ‘buy-in’ from all the partner organisations i.e. who will take ownership of the operational delivery? This is a challenge for groups to work closer i.e. CDRP and Stronger Communities Group.</p>
<p>In the present economic climate organisations are tending to protect what is theirs – this is a challenge when trying to pool resources.</p>
<p>LSP needs the right approach to sharing resources. It should not be forced into this option. There is a need to recapture the feelings which were present when the LSP was formed – to work closely together and share resources. There is a need to be better at collaboration – organisations still tending to work in silos.</p>
<p>Shona Arora welcomed the paper produced by Amanda but added a cautionary note. What is the collective interest of the LSP? Pointed out risks i.e.</p>
<ul>
<li>‘Narrowing the Gap’ agenda – what does this really mean for the LSP? Does the Partnership have a full understanding?</li>
<li>With limited resources how radical does the LSP have to be to achieve measurable impact?</li>
<li>There is a need to define what is required in Gloucester and understand how this can be delivered. The JSNA (already mentioned) is a statutory process focused on health issues at a district level. There have been difficulties trying to get involvement of district LSPs – LSPs also need to look outwards.</li>
<li>A need to look more strategically at all areas of delivery, to look at existing Thematic Sub Groups and improve communications i.e. cross-referencing data.</li>
</ul>
<p>The annual LSP conference enables the wider partnership to have a greater involvement. There are a large number of groups in Gloucester who need to provide a bottom-up ownership for future delivery. Suggestion for a future conference – realigning the SCS with the LAA.</p>
<p>The LSP Executive needs to be a sharing of power i.e. a joint community strategy. Is there a need to actually give power to Executive members to make decisions?</p>
<p>John Henry Looney responded that the Executive needs to earn the right to be given power. Before agreeing these principles the LSP needs to look at what a sustainable Gloucester looks like. It is important that strategic alignment is in line with priorities for Gloucester. Sustainability is an important factor and this can often be overlooked. The business sector should be included in membership of the Executive to provide links between government, business and individuals to address issues of training needs, employment, and loss of jobs, all of which have a huge impact on the city and its economy. Partnership working should look at cross cutting themes i.e. environment issues.</p>
<p>Martin Wallace requested more information on the LSP’s alignment with the LAA? How the Gloucester Partnership reports into that framework will determine future actions. Pointed out that in the past GHURC’s regeneration programme seems to have taken a low profile within the LSP and would like to understand how GHURC fits into the overall picture.</p>
<p>Julian Wain agreed that alignment of LSP with LAA is very important. Reference power of the Executive – the Executive needs to consist of the right people to ensure that the LSP adds value. Responded to Martin that there is not much that the LSP can add to the regeneration debate, maybe only provide linkages and consultation information.</p>
<p>Julian also thanked Amanda for work done to produce this paper. The key thing for the Executive is to agree the LSP’s core areas of future activity and the rest should follow on. Referred to JSNA as good practice, the LSP needs to adopt a different mindset i.e. working more effectively together.</p>
<p>The City Council also has its own vision and aims – should the LSP be aligned to these?</p>
<p>The Fourgates project was mentioned – this was an opportunity for the LSP to work closer with GHURC. An example of how the Partnership has not shown a strategic lead in the past. Martin commented that he was not suggesting the LSP drive the regeneration of Gloucester but in terms of the city’s regeneration one of the areas the Partnership could have more influence is through the Economic Development Group re jobs, employment opportunities etc. The URC deliver physical regeneration but social regeneration is a big issue. Suggestion made that, in addition to concentrating on ‘narrowing the gap’ and community cohesion, executive should also look at areas which are at present weak. i.e. economic development.</p>
<p>Julian responded that the LSP is not the place for this as it is handled by Gloucestershire First.</p>
<p>There is a need to recognise limitations of the LSP. A suggestion that all district LSPs could do a piece of work i.e. ‘What is our Contribution to the LAA’ to identify areas which need to be addressed. Identify what is currently happening and where to put future efforts. What is actually achievable?</p>
<p>Executive members agreed with general principles contained in report.</p>
""",
            },
            {
                "key": "way_forward",
                "title": "Way Forward",
                "minutes": """
<p>Amanda suggested that the Executive take away all comments and discussions and identify specific and relevant areas of interest. Shona Arora, Melanie Dafforn, Valerie Hayllor and John Henry Looney volunteered to be part of a working group to take this forward.</p>
<p>Shona Arora pointed out that this working group needs to be quite radical and should not be afraid to think ‘outside the box’. Narrowing the Gap is a huge agenda. It will need a much stronger and clearer process with specific objectives. A rationale for choosing particular areas – a structure and a focus (working group will need to address this).</p>
<p>Community cohesion agenda also very important – i.e. problems in Kingsway given as an example.</p>
<p>There is also a need to look at sustainability when planning future strategy and delivery. Maintaining level of manufacturing companies in Gloucester is vital to encourage economic growth – Manufacturing Advisory Service (MAS) identified as a source of funding.</p>
<p>Members agreed that all the various structures are extremely complex and can be difficult to identify – requested a clear visual diagram of overall structure and the various links, i.e. housing, tenants associations, economic sector, employment, chamber of trade, business etc.</p>
<p><strong>Action 1</strong> – To produce a visual diagram of the LSP and its wider links.</p>
<p>As an Executive there is a huge amount of information available but this is not always accessible. It would be useful to know what is happening at present within organisations and how actions are prioritised. There is also a need to look at what joint working is already taking place i.e. targets/work being done/outcomes.</p>
""",
            },
            {
                "key": "current",
                "title": "Current Activity",
                "presenter": "Lorna Robinson",
                "minutes": """
<p>Lorna Robinson explained current activity of the LSP’s Thematic Sub Groups. When planning the future structure it is important to be aware of current activity and implications (i.e. funding and expertise).</p>
<ul>
<li><strong>Healthy City Partnership</strong> – Currently a lot of activity within this Partnership delivered by a large number of partners with funding in place.</li>
<li><strong>Children &amp; Young Peoples Action Group</strong> – this group is currently being developed. Funding for specific projects in place.</li>
<li><strong>Stronger Communities Group</strong> – this group will fit in well with future priorities.</li>
<li><strong>Crime &amp; Disorder Reduction Partnership</strong> – separate body – fits in well with the Stronger Communities Group work.</li>
<li><strong>Environment Group</strong> – cross cutting across all groups</li>
<li><strong>Economic Group</strong> – this group is currently inactive but work being carried out by Gloucestershire First and GloucesterWorks is an important issue for Gloucester city.</li>
</ul>
<p><strong>Comments:</strong></p>
<ul>
<li>A large amount of work done by all the Thematic Sub Groups but outcomes not effectively captured.</li>
<li>A need to capture effectiveness of delivery groups. There is really positive work being done i.e. Youth Offer funding which has benefited a large number of groups in the city and Play Strategy (details circulated)</li>
<li>Actions of the groups would not stop but perhaps be delivered in a different way. A positive message needs to be sent back to all groups of how strategies can be turned into outcomes. A need to be more efficient.</li>
<li>Timescales are very important and these are to be communicated to the Thematic Sub Groups</li>
</ul>
""",
            },
        ],
    },
    {
        "key": "aob",
        "title": "Any Other Business",
        "kind": "aob",
        "minutes": """
<p>Lorna explained spreadsheet already circulated to capture added value of LSP/achievements. This information will be incorporated into end of year annual report. Example of project – migrant impact funding.</p>
<p>Other achievements mentioned – equalities proofing and reference report which was the first in Gloucestershire.</p>
<p>Penny pointed out that without the Thematic Sub Groups there would be much less partnership working in the city i.e. GL1 Living &amp; Learning Centre and Gloucester Communities working together as a result of submitting similar bids.</p>
<p>Contributions for next meeting’s agenda requested. This will include the annual report and working group feedback/update.</p>
<p>On behalf of Ashley Green, Valerie informed members that £500k is being allocated to Gloucestershire by DWP and Commission for Rural Communities for low cost loans to individuals. Gloucester City Homes are working with other organisations to deliver this as credit unions declined. At present Financial Inclusion team at Gloucestershire County Council looking at this. Valerie to provide Camilla with more detailed information.</p>
<p><strong>Action 2</strong> – Provide further details of low cost loans.</p>
""",
    },
    {
        "key": "next",
        "title": "Dates of Next Meetings",
        "kind": "next_meeting",
        "minutes": """
<ul>
<li>Friday 19th March at Oxstalls Indoor Tennis Centre 9.00am – 12.00pm</li>
<li>Friday 21st May</li>
<li>Thursday 5th August</li>
<li>Friday 17th September</li>
<li>Thursday 11th November</li>
</ul>
""",
    },
]

MEETING = {
    "date": MEETING_DATE,
    "kind": "workshop",
    "title": "",
    "venue": "",
    "no_interests_declared": False,
    "attendance": ATTENDANCE,
    "items": ITEMS,
    "approvals": [{"previous": "november", "item": "previous", "outcome": "approved"}],
    "actions": [
        {
            "number": 1,
            "item": "way_forward",
            "description": "To produce a visual diagram of the LSP and its wider links",
            "owners": [{"team": "LSP working group"}],
        },
        {
            "number": 2,
            "item": "aob",
            "description": "Provide Camilla with further details of low cost loans",
            "owners": ["Valerie Hayllor"],
        },
    ],
    "reviews": [
        {
            "earlier": "november",
            "number": number,
            "item": "outstanding",
            "note": "Reviewed under outstanding actions; remains open",
        }
        for number in (2, 4, 6)
    ],
}

NEXT_MEETINGS = [
    {
        "date": dt.date(2010, 3, 19),
        "start_time": dt.time(9, 0),
        "end_time": dt.time(12, 0),
        "venue": "Oxstalls Indoor Tennis Centre",
    },
    {"date": dt.date(2010, 5, 21)},
    {"date": dt.date(2010, 8, 5)},
    {"date": dt.date(2010, 9, 17)},
    {"date": dt.date(2010, 11, 11)},
]


# The demo's current cycle (see DECISIONS.md): a Friday about three weeks ahead of the load
# date, 9am to noon at Oxstalls, as the 19 March 2010 meeting was.
CURRENT_MEETING = {
    "weekday": 4,
    "min_days_ahead": 21,
    "start_time": dt.time(9, 0),
    "end_time": dt.time(12, 0),
    "venue": "Oxstalls Indoor Tennis Centre",
}
