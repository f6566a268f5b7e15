"""Sunderland Innovation and Improvement Group (SIIG), 9 November 2011.

Source: shared/seeds/sunderland-siig-2011-11-09.txt. Judgement calls made reading it:

- Neil Revely is listed under both Present and Apologies. He spoke during the meeting (items
  1.0, 4.0 and 6.0), so he is recorded as present with the note "Also listed under apologies in
  the source minutes". Apologies are therefore 3, not the 4 names the source lists.
- "VT/SC and JB left the meeting" after item 1.0: Vince Taylor, Stuart Cuthberston and Jon
  Beaney leave after 1.0. "(Carol Harries and Beverly Scanlon joined the meeting)" is minuted in
  item 2.0, so both arrive during 2.0 ("Beverly" is the register's Beverley Scanlon).
- The source opens with 1.0 Sunderland Strategy Co-ordination Group, before Welcome and
  Introductions; items keep that order. The closing "Date and Time of Next Meeting" has no number
  in the source; the product numbers it 10.0.
- The actions are initials in the WHO column; each description is written from the text beside
  it. Item 4.0 has "DR" twice and "JM": Dawn Rugman sends Carol Harries the list of who is in
  which cohesion group; Dawn Rugman reports the issues log to SIIG regularly (the team she leads
  keeps it); Jessica May reviews the communication processes with the groups.
- "All" is a team of the body that stands for every member (everyone=True).
- The JB/AC write-up is due "ahead of the SIIG on the 14th December": dated 14 December 2011,
  although the next ordinary meeting recorded at the end is 11 January 2012 (the 14 December
  session is not otherwise described, so no meeting is created for it).
- The previous meeting's minutes were "agreed bar corrections". The source does not date that
  meeting; SIIG met every two months on Wednesdays, so it is recorded as 14 September 2011 (a
  minimal historical record) and approved with the corrections.
- The source names no minute-taker; none is recorded.
"""

import datetime as dt

BODY = {
    "name": "Sunderland Innovation and Improvement Group",
    "short_name": "SIIG",
    "parent": "Sunderland Partnership Board",
    "numbering": "decimal",
    "minutes_title": "Minutes",
    "default_venue": "St Thomas St, Sunderland",
    "description": (
        "Takes delegated partnership targets and tasks from the Sunderland Partnership Board "
        "and keeps a broad view of the themed partnership boards."
    ),
}

PARENT_BODIES = [
    {
        "name": "Sunderland Partnership Board",
        "short_name": "Partnership Board",
        "numbering": "decimal",
        "description": "The executive board of the Sunderland Partnership.",
    },
]

ORGANISATIONS = [
    {"name": "Sunderland Partnership", "acronym": "", "sector": "partnership"},
    {"name": "Healthy City Partnership", "acronym": "", "sector": "health"},
    {"name": "Job Centre Plus", "acronym": "", "sector": "central_government"},
    {"name": "Sunderland City Council", "acronym": "", "sector": "local_government"},
    {"name": "Sunderland Community Network", "acronym": "", "sector": "voluntary"},
    {"name": "Tyne and Wear Fire and Rescue", "acronym": "TWFRS", "sector": "fire"},
    {"name": "Voluntary and Community Action", "acronym": "", "sector": "voluntary"},
    {"name": "University of Sunderland", "acronym": "", "sector": "education"},
    {"name": "Sunderland City College", "acronym": "", "sector": "education"},
    {"name": "City Hospitals Sunderland", "acronym": "", "sector": "health"},
    {"name": "Gentoo", "acronym": "", "sector": "housing"},
]

PEOPLE = [
    {"name": "Jessica May", "initials": "JM", "organisation": "Sunderland Partnership"},
    {"name": "Gillian Gibson", "initials": "GG", "organisation": "Healthy City Partnership"},
    {"name": "Bernadette Topham", "initials": "BT", "organisation": "Job Centre Plus"},
    {"name": "Sarah Reed", "initials": "SR", "organisation": "Sunderland City Council"},
    {"name": "June Robinson", "initials": "JR", "organisation": "Sunderland Community Network"},
    {"name": "Keith Carruthers", "initials": "KC", "organisation": "Tyne and Wear Fire and Rescue"},
    {
        "name": "Gillian McDonough",
        "initials": "GM",
        "organisation": "Voluntary and Community Action",
    },
    {"name": "David Donkin", "initials": "DD", "organisation": "University of Sunderland"},
    {"name": "Julie Smith", "initials": "JS", "organisation": "Sunderland City Council"},
    {"name": "Nigel Harrett", "initials": "NH", "organisation": "Sunderland City College"},
    {"name": "Carol Harries", "initials": "CH", "organisation": "City Hospitals Sunderland"},
    {"name": "Dean T. Huggins", "initials": "DTH", "organisation": "Sunderland Community Network"},
    {"name": "Neil Revely", "initials": "NR", "organisation": "Sunderland City Council"},
    {"name": "Beverley Scanlon", "initials": "BS", "organisation": "Sunderland City Council"},
    {"name": "Andrew Perkin", "initials": "AP", "organisation": "Sunderland City Council"},
    {"name": "Andrew Copland", "initials": "AC", "organisation": "Sunderland Partnership"},
    {"name": "Vince Taylor", "initials": "VT", "organisation": "Sunderland City Council"},
    {"name": "Stuart Cuthberston", "initials": "SC", "organisation": "Sunderland City Council"},
    {"name": "Jon Beaney", "initials": "JB", "organisation": "Sunderland City Council"},
    {
        "name": "Dawn Rugman",
        "initials": "DR",
        "organisation": "Sunderland City Council",
        "job_title": "Senior Partnership Officer (Cohesion and Inclusion)",
    },
    {"name": "John Walker", "initials": "JW", "organisation": "Gentoo"},
    {"name": "Nonnie Crawford", "initials": "NC", "organisation": "Healthy City Partnership"},
    {"name": "Keith Moore", "initials": "KM", "organisation": "Sunderland City Council"},
]

MEMBERSHIPS = [
    ("Jessica May", "chair"),
    ("Gillian Gibson", "member"),
    ("Bernadette Topham", "member"),
    ("Sarah Reed", "member"),
    ("June Robinson", "member"),
    ("Keith Carruthers", "member"),
    ("Gillian McDonough", "member"),
    ("David Donkin", "member"),
    ("Julie Smith", "member"),
    ("Nigel Harrett", "member"),
    ("Carol Harries", "member"),
    ("Dean T. Huggins", "member"),
    ("Neil Revely", "member"),
    ("Beverley Scanlon", "member"),
    ("Andrew Perkin", "member"),
    ("John Walker", "member"),
    ("Nonnie Crawford", "member"),
    ("Keith Moore", "member"),
    ("Andrew Copland", "officer"),
    ("Vince Taylor", "officer"),
    ("Stuart Cuthberston", "officer"),
    ("Jon Beaney", "officer"),
    ("Dawn Rugman", "officer"),
]

TEAMS = [{"name": "All", "everyone": True, "members": []}]

EARLIER_MEETINGS = [
    {
        "key": "september",
        "date": dt.date(2011, 9, 14),
        "start_time": dt.time(13, 0),
        "actions": [],
    },
]

ATTENDANCE = [
    # Present
    {"person": "Jessica May", "category": "present", "role_label": "Chair", "chaired": True},
    {"person": "Gillian Gibson", "category": "present"},
    {"person": "Bernadette Topham", "category": "present"},
    {"person": "Sarah Reed", "category": "present"},
    {"person": "June Robinson", "category": "present"},
    {"person": "Keith Carruthers", "category": "present"},
    {"person": "Gillian McDonough", "category": "present"},
    {"person": "David Donkin", "category": "present"},
    {"person": "Julie Smith", "category": "present"},
    {"person": "Nigel Harrett", "category": "present"},
    {"person": "Carol Harries", "category": "present", "arrived_during": "welcome"},
    {"person": "Dean T. Huggins", "category": "present"},
    {
        "person": "Neil Revely",
        "category": "present",
        "note": "Also listed under apologies in the source minutes",
    },
    {"person": "Beverley Scanlon", "category": "present", "arrived_during": "welcome"},
    {"person": "Andrew Perkin", "category": "present"},
    # Also present
    {"person": "Andrew Copland", "category": "also_present"},
    # In attendance
    {"person": "Vince Taylor", "category": "in_attendance", "left_after": "strategy"},
    {"person": "Stuart Cuthberston", "category": "in_attendance", "left_after": "strategy"},
    {"person": "Jon Beaney", "category": "in_attendance", "left_after": "strategy"},
    {"person": "Dawn Rugman", "category": "in_attendance"},
    # Apologies
    {"person": "John Walker", "category": "apologies"},
    {"person": "Nonnie Crawford", "category": "apologies"},
    {"person": "Keith Moore", "category": "apologies"},
]

ITEMS = [
    {
        "key": "strategy",
        "title": "Sunderland Strategy Co-ordination Group",
        "presenter": "Vince Taylor",
        "purpose": "discussion",
        "minutes": """
<p>Jessica May (JM) noted that this session would be a chance to review the whole day event held in October as part of the Sunderland Strategy Refresh. JM handed over to Vince Taylor (VT) who reminded the group that the intention of the refresh was to look below the existing Sunderland Strategy vision, which the Board still felt relevant and correct. As a starting process the Sunderland City Council Corporate Outcomes Framework (COF) would be used as a baseline. These outcomes would be judged against the previous partnership strategic objectives to identify what was still relevant, desirable and achievable given the reduced economic circumstances. There would be some caveats in that the Economic Master Plan (EMP) effectively had set the objectives and outcomes for the related element of the strategy and the Health and Well Being Board would be given the space and time to develop its own strategic direction in parallel with the Joint Strategic Needs Assessment.</p>
<p>The aim then from the previous session had been to create a Sunderland Outcomes Framework and to deliver that ahead of the next SIIG in December. VT noted however that the discussions at the workshop appeared to have altered some of the agreed objectives especially those relating to EMP. As these had been agreed at the Partnership Board they could not be changed though VT recognised the need to address why they might not provide the answers now required by the city.</p>
<p>Andrew Perkin (AP) asked VT if he felt it was an issue of interpretation or a signalling of a new direction within the EMP. VT responded that he did not know but gave the example of removing the reference to a University City in the workshop. VT felt that it would be important to be able to clarify why the University reference had been present in the original.</p>
<p>VT asked JM if there was an update on the Partnership Structure discussions.</p>
<p>JM said that further discussions would be held at the next Board meeting later this month but that it was likely that the following structure would be agreed. That there would be an informal Non-Executive Board that would meet three or four time a year. This would involve the Council Leader and public sector Chairs to discuss the direction of the city in a national and international capacity. They will also challenge the Executive Board, which will continue to meet every two months. The Board will delegate to the Sunderland Innovation and Improvement Group (SIIG) any “Partnership Targets” and any delegated tasks. Below the SIIG will be a series of Themed Partnership Boards e.g. Health and Well Being Board, Safer Sunderland etc. There is a possibility that there will also be a Place Board but this has yet to be agreed.</p>
<p>SIIG will not hold the Themed Partnership Boards to account as performance management will be up to the individual Boards however the SIIG will maintain a broad view.</p>
<p>Sarah Reed (SR) commented further that all the Boards are looking at their roles, HWBB is adopting a family focused approach so that there can be better alignment of services and outcomes between children and adults. Neil Revely (NR) confirmed this and added that the Children’s Trust and the Adult Services Board would be advising and supporting the HWBB.</p>
<p>NR also commented that the local focus on a city wide HWBB had been a positive one. This was in contrast to rather than more diffused models used elsewhere in the region that had very large and possibly unworkable numbers on their Boards. However NR noted that there was still a lot of work to do to engage with the Clinical Commissioning Group (CCG) especially in regard to developing their understanding of the partnership working culture when they were very busy trying to understand their new roles, develop their values and culture on top of their day to day clinical responsibilities.</p>
<p>Gillian Gibson (GG) agreed that the CCG would be unfamiliar with our own model of partnership working and this was a risk that would have to be managed with sensitivity.</p>
<p>NR added that the CCG would hopefully be part of an evolution of existing commissioning practice rather than a complete break with new ideas and directions. This is why as an early implementer that HWBB would be in shadow format until April 2012 and not a statutory function until April 2013. This is in line with the transfer of Public Health responsibilities to the council. It was hoped that this period would allow relationships to develop and understanding to build. NR felt that it was good that the CCG had aligned itself with the five regeneration areas though it would be important to understand what could be achieved from the CCG being present or not at the Local Area Committee so that it did not just become another meeting to attend.</p>
<p>NR also mentioned the need for better links to be forged with the Economic Leadership Board (ELB) as it was possible that changes in adult care could create over 1000 jobs in the personal assistance industry. The ELB would have a very important role in bringing that change about and developing the market.</p>
<p>VT updated the group on the ELB and noted that the Aim Groups are being re-mandated, chairs appointed and the membership reviewed. There will also be a regeneration board with a pre-meeting before the ELB. The ELB will meet six times a year.</p>
<p>Julie Smith briefly notes that the Safer Sunderland Partnership would now meet 4 times a year to discuss strategic direction with a separate Heads of Service meeting every two months. The delivery group leads will meet with networks on a task and finish basis.</p>
<p>Sarah Reed (SR) asked VT if there was anything in relation to the Sunderland Strategy refresh that the groups could be contributing to the process. VT asked that any comments be fed back before the next meeting and preferably before the 7th December so that the results could be written up and circulated ahead of the SIIG on the 14th December.</p>
<p>VT/SC and JB left the meeting.</p>
""",
    },
    {
        "key": "welcome",
        "title": "Welcome and Introductions",
        "kind": "apologies",
        "minutes": """
<p>JM welcomed the group and apologies were noted. There were no conflicts of interest to declare.</p>
<p>(Carol Harries and Beverly Scanlon joined the meeting)</p>
""",
    },
    {
        "key": "minutes",
        "title": "Minutes of the Previous Meeting and Matters Arising",
        "kind": "previous_minutes",
        "minutes": """
<p>The minutes were agreed bar corrections to the attendance list showing that Gillian Gibson was present and June Robinson was not.</p>
<p>JM noted that she would be meeting with Alan Caddick and SAFA in regard to the armed services covenant ahead of a paper going to Partnership Board in January 2012.</p>
<p>Andrew Copland (AC) noted that he had hosted a meeting between Daniel O’ Connor of WARPit and Gillian McDonough of VCS and it was hoped that the roll out would continue. AC understood that progress was being made with the University in regard to it joining the scheme.</p>
""",
    },
    {
        "key": "cohesion",
        "title": "Cohesion Update",
        "presenter": "Dawn Rugman",
        "purpose": "information",
        "minutes": """
<p>Dawn Rugman (DR), Senior Partnership Officer (Cohesion and Inclusion) briefed the group on the Cohesion and Inclusion agenda and current activities. DR noted that nationally 10 years ago the main focus was on race relations; however racial tensions are symptomatic of more fundamental weaknesses within communities.</p>
<p>Sunderland’s approach has therefore been not to just focus on anti racism work for example, although this is still a very important aspect, but to focus more on the aspects that help to underpin positive and confident communities. DR went on to say that the methods of delivery for are the Cohesion Networks in each of the 5 areas and the Equality Forums for the under represented, hardest hit groups in the city.</p>
<p>DR noted that the cohesion groups are at an operational level and are made up of a variety of different types of organisations or projects working with the public in that area, usually reps from local young groups, Groundwork, Police, Schools, VCS projects, relevant Council services such as sports development, community development, and may also include elected members and reps from Gentoo, local charities and residents groups.</p>
<p>The Purpose of the groups are to map the positive activity already going on in the area that has or could have a ‘cohesion’ aspect, to look for opportunities to add extra cohesion value where possible, to identify and possibly respond to any gaps, and to gather information and help respond to any threats to cohesion, all from a partnership perspectives.</p>
<p>DR also noted that the Cohesion Team also manage the relationship between the Equality Forums (IAG’s) and the partnership. In order to make sure that those hardest hit have a chance to have their say and inform the partnership of the barriers and challenges they face. As well as identifying those barriers that might contribute to their hardship or marginalisation and so inform policy and service delivery development. Finally, the groups provide a place for the partnership to seek the views of particular groups on specific issues.</p>
<p>DR went on to note that there are a number of challenges at present and these are:</p>
<ul>
<li>General economic downturn and the potential effects of the Welfare Rights Reform.</li>
<li>Damaging influence of far right activity on communities</li>
<li>Reduced resources to deliver activity and to co-ordinate activity both within communities and across all the sectors</li>
<li>Some level of cynicism in communities regarding the motivation behind the ‘big society’</li>
</ul>
<p>DR concluded by saying that the role of the team was very much to make sure that local workers from partnership organisations are part of or linked to the area based cohesion groups where ever possible so that work isn’t being duplicated and messages stay consistent. As well as making sure that issues escalated through the partnership structures continue to be taken seriously and dealt with in a timely manner so as to maintain commitment to partnership working.</p>
<p>Carol Harries (CH) asked if health was engaged with this process. DR replied that they were in part but not in all groups. DR would send a list to CH of who was involved in what groups.</p>
<p>JM noted that there is an issues log for the groups or individuals raise problems or queries and for these to be escalated as appropriate by the team. The content of the issues log will be reported on a regular basis to the SIIG.</p>
<p>JM asked DR to explain the School Linking Network. DR noted that this was a national project linking pupils and projects across schools within a cohesion agenda. The project is now in its 2nd year and has proved very successful in changing the mindset of very young children in primary settings.</p>
<p>JM added that funding has been matched for this project but had now come to an end and the continuation of the project needed to be discussed. Dean T Huggins (DTH) asked if the project was aligned to the Young Asian Voices programme and DR noted that it was not. In response to a question by Nigel Harrett (NH), DR confirmed that City College was not at this time engaged.</p>
<p>Julie Smith (JS) asked how the IAGs are contacted; DR responded that it should be through the Cohesion Team, so that the IAGs are not swamped by demands.</p>
<p>DTH added that he believed there was some tension in the groups in that their only useful role was one of consultation. GG added though that it would be good to have better links between the IAGs and the JSNA process and to do this over a long developmental period.</p>
<p>DR noted that the challenge was not to force the groups to fit into our processes but to work out how the consultation can best meet the needs of the groups. It was noted that the groups are part of the council’s Equality Impact Assessment process.</p>
<p>NR felt that there was a need to ensure that the partnership was getting the best value out of these groups and that they needed to be supported and engaged with positively so that the processes of communication are effective. CH noted that the NHS had an equality delivery system and wondered how these groups might link into that.</p>
<p>JM added that the communication processes would be looked at to see where value and benefits can be added. There was a general feeling that processes should managed so that groups are not fitted into them in a retrospective way.</p>
""",
    },
    {
        "key": "welfare",
        "title": "Report on Welfare Changes and The Work Programme",
        "presenter": "Bernadette Topham",
        "purpose": "information",
        "papers": [
            {
                "reference": "Presentation",
                "title": "Changes within Job Centre Plus (circulated with these minutes)",
            },
        ],
        "minutes": """
<p>Bernadette Topham verbally briefed the group on the changes within Job Centre Plus and the benefits and services provided. A copy of the presentation has been circulated with these minutes.</p>
<p>BT noted that there had been considerable structural change within the service with a focus very much on the client’s needs rather than any internal process issues such as number of clients seen in a day. District managers now have much more freedom and autonomy to support people to help them. Though this is balanced with the ability to mandate a work placement if clients are not fully engaged with the job seeking process.</p>
<p>BT briefed the group on the wide range of services available these included work clubs, work experience placements for 18-14 year olds, pre-employment training via colleges and SFA training. BT also noted that the Flexible Support Fund was now available to fund costs related to returning to work, child care, clothing etc.</p>
<p>BT noted that at this point in time if clients did not engage with the process then there is a rolling scale by which those benefits can be reduced up to 50%. DTH asked if the sanction could be 100%. BT was uncertain if there was a 100% sanction and would check and report back.</p>
<p><strong>Work programme:</strong> BT noted that there were nine prime national providers and that as payment is on results a great deal of importance is linked to sub-contracting especially VCS. BT noted that she had no expectation that the local VCS should be providing services for free.</p>
<p><strong>Universal Credit:</strong> All new claims from April 2013 will be against the universal credit and legacy claims will be transferred over.</p>
""",
    },
    {
        "key": "jsna",
        "title": "Joint Strategic Needs Assessment",
        "presenter": "Gillian Gibson",
        "purpose": "information",
        "papers": [
            {
                "reference": "Presentation",
                "title": "Joint Strategic Needs Assessment (circulated with these minutes)",
            },
        ],
        "minutes": """
<p>Gillian Gibson briefed the group on the JSNA and gave a presentation (circulated with these minutes).</p>
<p>JM raised the issue of child poverty and where it sits with the JSNA process. GG felt that it cut across a number of profiles and consideration would have to be given to this given the split in the COF for children and the economic issues around poverty.</p>
<p>NR thought that the JSNA was not the end in itself but that the engagement was an ongoing process that should inform commissioning and service planning. The JSNA should support all the strategic planning but cannot dictate everything as the CCG needs time to develop its own plans and become familiar with existing and develop new process for planning.</p>
""",
    },
    {
        "key": "network",
        "title": "Network Update",
        "presenter": "June Robinson",
        "purpose": "information",
        "minutes": """
<p>June Robinson (JR) briefly reminded the group that Ailsa Martin had prepared a report for SIIG and briefed on its conclusions earlier in the year. There had also been a parallel piece of working examining the re-structure of the local VCS. The Network now wants to establish an elected and constituted body.</p>
<p>JR also noted that reps are having to step down from Area Network positions because of the recession and that this issue had been flagged at Core Network Group.</p>
""",
    },
    {
        "key": "budgets",
        "title": "Community Budget Bids",
        "presenter": "Sarah Reed",
        "purpose": "discussion",
        "papers": [
            {"reference": "Bid", "title": "Whole Place community budget bid (tabled update)"},
            {
                "reference": "Bid",
                "title": "Neighbourhood level community budget bid (tabled update)",
            },
        ],
        "minutes": """
<p>Sarah Reed briefed the group on the recent request by the Department for Communities and Local Government for bids regarding Whole Place and Neighbourhood level community budgets. SR thanked everybody so far who had contributed to their development especially given the very tight deadline provided by the Department. Both bids had been circulated with the papers and updated versions tabled at today’s meeting. SR reminded the group that the successful pilots would be used as a proof of concept by CLG and its partner Departments to prove to Treasury that a community budget could release innovation and efficiencies. This will then feed into the planning for the next spending review. SR noted that in the recent past the Council has not engaged with similar processes but on this occasion it feels reasonable to do so as it matches so well with the Sunderland Way of Working and the general direction of the Partnership as expressed by the Partnership Board.</p>
<p>It was hoped that both projects would allow Sunderland to examine in detail with the support of senior civil servants how the new freedoms could be used and what this meant at different spatial levels. SR noted that TWFRS had already raised the issue of universal services balanced by meeting neighbourhood needs. There would also be a chance to be part of a peer group to act in a support and challenge role to the bid winners and this in itself would be a very interesting learning opportunity.</p>
<p>It was expected that if we were shortlisted there would be a multi-agency presentation in late November to CLG.</p>
""",
    },
    {
        "key": "aob",
        "title": "AOB and Close",
        "kind": "aob",
        "minutes": """
<p>JM noted that the Lesbian Gay Bisexual and Transgender Group had asked that Partners be asked to display publicity by Stonewall. The links to the relevant web site would be circulated post meeting.</p>
<p>JM would feedback to LGBT on the Partners response.</p>
<p>KC noted that there had been a 25% reduction in anti social behaviour associated with fireworks in the period 1st to 6th November. KC thanked all the Partners for their support in achieving this outcome.</p>
""",
    },
    {
        "key": "next",
        "title": "Date and Time of Next Meeting",
        "kind": "next_meeting",
        "minutes": "<p>Wednesday 11th January 2012 at 1pm at St. Thomas Street.</p>",
    },
]

MEETING = {
    "date": dt.date(2011, 11, 9),
    "start_time": dt.time(13, 0),
    "venue": "St Thomas St, Sunderland",
    "kind": "ordinary",
    "title": "",
    "no_interests_declared": True,
    "attendance": ATTENDANCE,
    "items": ITEMS,
    "approvals": [
        {
            "previous": "september",
            "item": "minutes",
            "outcome": "corrected",
            "corrections": (
                "Attendance list corrected to show that Gillian Gibson was present and "
                "June Robinson was not."
            ),
        },
    ],
    "actions": [
        {
            "item": "strategy",
            "description": (
                "Feed back comments on the Sunderland Strategy refresh to Vince Taylor before "
                "the next meeting, preferably by 7 December."
            ),
            "owners": [{"team": "All"}],
            "due_date": dt.date(2011, 12, 7),
            "due_note": "by 7 December",
        },
        {
            "item": "strategy",
            "description": (
                "Write up the results of the Sunderland Strategy refresh and circulate them "
                "ahead of the SIIG on 14 December."
            ),
            "owners": ["Jon Beaney", "Andrew Copland"],
            "due_date": dt.date(2011, 12, 14),
            "due_note": "ahead of the SIIG on 14 December",
        },
        {
            "item": "cohesion",
            "description": (
                "Send Carol Harries a list of who is involved in which cohesion groups."
            ),
            "owners": ["Dawn Rugman"],
        },
        {
            "item": "cohesion",
            "description": "Report the content of the cohesion issues log to SIIG regularly.",
            "owners": ["Dawn Rugman"],
        },
        {
            "item": "cohesion",
            "description": (
                "Look at the communication processes with the cohesion groups and IAGs to see "
                "where value and benefits can be added."
            ),
            "owners": ["Jessica May"],
        },
        {
            "item": "welfare",
            "description": (
                "Check whether a 100% benefit sanction exists and report back to the group."
            ),
            "owners": ["Bernadette Topham"],
        },
        {
            "item": "aob",
            "description": (
                "Feed back to the LGBT group on partners’ response to displaying the Stonewall "
                "publicity."
            ),
            "owners": ["Jessica May"],
        },
    ],
    "reviews": [],
}

NEXT_MEETINGS = [
    {
        "date": dt.date(2012, 1, 11),
        "start_time": dt.time(13, 0),
        "venue": "St Thomas Street, Sunderland",
    },
]


# The demo's current cycle: one upcoming meeting dated from the day the demo is loaded, so the
# secretariat has a meeting to prepare (see DECISIONS.md). SIIG meets on the second Wednesday
# of the month at 1pm at St Thomas Street (9 November 2011, 11 January 2012).
CURRENT_MEETING = {
    "weekday": 2,
    "week_of_month": 2,
    "min_days_ahead": 14,
    "start_time": dt.time(13, 0),
    "venue": "St Thomas St, Sunderland",
}
