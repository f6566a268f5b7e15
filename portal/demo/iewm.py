"""Improvement and Efficiency West Midlands (IEWM) Board, 12 February 2013.

Source: shared/seeds/iewm-board-2013-02-12.txt. Judgement calls:

- The body calls its record "Notes"; the meeting's heading is "Notes of Board Meeting".
- Organisations are named in the minutes by place ("Dudley", "Bham"): each organisation has its
  full name and, as its acronym (the short form the product prints), the form the minutes use.
  Trish Haines is listed without an organisation and keeps none.
- Steve Halliday (Solihull) attended on behalf of Mark Rogers: present, substitute for Mark
  Rogers, no membership of his own.
- The seven IEWM staff are "In attendance" under the group "IEWM": officers, with Sonia Thomson
  (minutes) as secretariat and minute-taker. Laura Maggs was introduced on work experience; she
  is mentioned in item 1 but not put on the register (the source does not list her).
- The minutes approved are those of "October 2012"; the source gives no day. That meeting is
  created as a minimal historical record on Thursday 11 October 2012 (the Board meets on
  Thursdays) and its approval is recorded at item 2.
- Item 3's "Agreed" with its bullet list is one decision. Item 5's nine numbered points are nine
  decisions on item 5 (they cover all its sub-items, so they sit on the parent). All ten keep
  the verb "Agreed", the source's heading over them, and the source wording ("The overall
  financial position was noted."), so the printed notes read as the original did.
- Paper references: Paper 2 on item 3; Papers 3a and 3b on 5.1 Financial Overview (3b is the
  Programme Delivery Plan, named in decision 9). Titles drop the "– Paper 2" suffix the source
  puts in headings, because the papers are listed with the item.
- The notes have no actions table. Actions recorded from explicit commitments and requests:
    1. Trish Haines, Mark Rogers, Jan Britton – visit Chief Executives one to one (item 3);
    2. Sue Banks – follow up topping up the national waste funding (5.4);
    3. Sue Banks – fuller update on programme timescales at the June meeting (5.1), due on the
       13 June 2013 meeting;
    4. Nigel Kletz – send Ged Bowles information on the Cadburys social value funding (item 7);
    5. All (every Board member) – send suggestions for the £175K unspent waste funding to Sue
       Banks (5.4);
    6. All – put forward ideas for the social media 'New Ideas' fund (5.3);
    7. All – urge interested staff to apply for the Transcend programme before the first
       cohort's closing date, 18 February 2013 (item 4).
  Mark Rogers' recommendations being "refined following further discussion" is part of the
  decision, not a separate action.
- The future meetings have "venue to be confirmed": no venue is recorded for them.
"""

import datetime as dt

BODY = {
    "name": "Improvement and Efficiency West Midlands Board",
    "short_name": "IEWM Board",
    "parent": None,
    "numbering": "plain",
    "minutes_title": "Notes",
    "default_venue": "",
    # Publishes its record, so the public portal has a body with a signed meeting to show.
    "publishes": True,
    "description": (
        "Steers the Improvement and Efficiency West Midlands programme on behalf of the "
        "region's councils."
    ),
}

PARENT_BODIES = []

ORGANISATIONS = [
    {"name": "Wychavon District Council", "acronym": "Wychavon", "sector": "local_government"},
    {
        "name": "South Staffordshire Council",
        "acronym": "South Staffs",
        "sector": "local_government",
    },
    {
        "name": "Dudley Metropolitan Borough Council",
        "acronym": "Dudley",
        "sector": "local_government",
    },
    {
        "name": "Bromsgrove District and Redditch Borough Councils",
        "acronym": "Bromsgrove & Redditch",
        "sector": "local_government",
    },
    {
        "name": "Sandwell Metropolitan Borough Council",
        "acronym": "Sandwell",
        "sector": "local_government",
    },
    {"name": "Stoke-on-Trent City Council", "acronym": "Stoke", "sector": "local_government"},
    {
        "name": "Worcestershire County Council",
        "acronym": "Worcestershire",
        "sector": "local_government",
    },
    {"name": "Birmingham City Council", "acronym": "Bham", "sector": "local_government"},
    {"name": "Local Government Association", "acronym": "LGA", "sector": "local_government"},
    {
        "name": "Solihull Metropolitan Borough Council",
        "acronym": "Solihull",
        "sector": "local_government",
    },
    {"name": "Coventry City Council", "acronym": "Coventry", "sector": "local_government"},
    {
        "name": "Telford & Wrekin Council",
        "acronym": "Telford & Wrekin",
        "sector": "local_government",
    },
    {"name": "West Midlands Councils", "acronym": "WMC", "sector": "partnership"},
    {
        "name": "Staffordshire County Council",
        "acronym": "Staffordshire",
        "sector": "local_government",
    },
    {
        "name": "Improvement and Efficiency West Midlands",
        "acronym": "IEWM",
        "sector": "partnership",
    },
]

PEOPLE = [
    {"name": "Trish Haines", "initials": "TH", "organisation": None},
    {
        "name": "Paul Middlebrough",
        "honorific": "Cllr",
        "initials": "PM",
        "organisation": "Wychavon District Council",
    },
    {"name": "Steve Winterflood", "initials": "SW", "organisation": "South Staffordshire Council"},
    {
        "name": "Andrea Pope-Smith",
        "initials": "APS",
        "organisation": "Dudley Metropolitan Borough Council",
    },
    {
        "name": "Kevin Dicks",
        "initials": "KD",
        "organisation": "Bromsgrove District and Redditch Borough Councils",
    },
    {
        "name": "Jan Britton",
        "initials": "JB",
        "organisation": "Sandwell Metropolitan Borough Council",
    },
    {"name": "Dawn Hewins", "initials": "DH", "organisation": "Stoke-on-Trent City Council"},
    {"name": "Gail Quinton", "initials": "GQ", "organisation": "Worcestershire County Council"},
    {"name": "Nigel Kletz", "initials": "NK", "organisation": "Birmingham City Council"},
    {
        "name": "John Polychronakis",
        "initials": "JP",
        "organisation": "Dudley Metropolitan Borough Council",
    },
    {"name": "Howard Davis", "initials": "HD", "organisation": "Local Government Association"},
    {
        "name": "Steve Halliday",
        "initials": "SH",
        "organisation": "Solihull Metropolitan Borough Council",
    },
    {
        "name": "Sue Banks",
        "initials": "SB",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Pete Jackson",
        "initials": "PJ",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Ged Bowles",
        "initials": "GB",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Tony Ashfield",
        "initials": "TA",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Karen Marcroft",
        "initials": "KM",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Polly Reed",
        "initials": "PR",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "Sonia Thomson",
        "initials": "ST",
        "organisation": "Improvement and Efficiency West Midlands",
    },
    {
        "name": "John van de Laarschot",
        "initials": "JvdL",
        "organisation": "Stoke-on-Trent City Council",
    },
    {
        "name": "Martin Reeves",
        "initials": "MRe",
        "organisation": "Coventry City Council",
        "job_title": "Chief Executive",
    },
    {
        "name": "Mark Rogers",
        "initials": "MR",
        "organisation": "Solihull Metropolitan Borough Council",
    },
    {"name": "Richard Partington", "initials": "RP", "organisation": "Telford & Wrekin Council"},
    {"name": "Colin Williams", "initials": "CW", "organisation": "West Midlands Councils"},
    {"name": "Andrew Burns", "initials": "AB", "organisation": "Staffordshire County Council"},
]

MEMBERSHIPS = [
    ("Trish Haines", "chair"),
    ("Paul Middlebrough", "lead_member"),
    ("Steve Winterflood", "vice_chair"),
    ("Andrea Pope-Smith", "member"),
    ("Kevin Dicks", "member"),
    ("Jan Britton", "member"),
    ("Dawn Hewins", "member"),
    ("Gail Quinton", "member"),
    ("Nigel Kletz", "member"),
    ("John Polychronakis", "member"),
    ("Howard Davis", "member"),
    ("John van de Laarschot", "member"),
    ("Martin Reeves", "member"),
    ("Mark Rogers", "member"),
    ("Richard Partington", "member"),
    ("Colin Williams", "member"),
    ("Andrew Burns", "member"),
    ("Sue Banks", "officer"),
    ("Pete Jackson", "officer"),
    ("Ged Bowles", "officer"),
    ("Tony Ashfield", "officer"),
    ("Karen Marcroft", "officer"),
    ("Polly Reed", "officer"),
    ("Sonia Thomson", "secretariat"),
]

TEAMS = [{"name": "All", "everyone": True, "members": []}]

EARLIER_MEETINGS = [
    {
        "key": "october",
        "date": dt.date(2012, 10, 11),
        "start_time": dt.time(14, 0),
        "end_time": dt.time(16, 0),
        "title": "Notes of Board Meeting",
        "actions": [],
    },
]

ATTENDANCE = [
    {"person": "Trish Haines", "category": "present", "role_label": "Chair", "chaired": True},
    {"person": "Paul Middlebrough", "category": "present", "role_label": "Lead Member"},
    {"person": "Steve Winterflood", "category": "present", "role_label": "Vice Chair"},
    {"person": "Andrea Pope-Smith", "category": "present"},
    {"person": "Kevin Dicks", "category": "present"},
    {"person": "Jan Britton", "category": "present"},
    {"person": "Dawn Hewins", "category": "present"},
    {"person": "Gail Quinton", "category": "present"},
    {"person": "Nigel Kletz", "category": "present"},
    {"person": "John Polychronakis", "category": "present"},
    {"person": "Howard Davis", "category": "present"},
    {"person": "Steve Halliday", "category": "present", "substitute_for": "Mark Rogers"},
    {"person": "Sue Banks", "category": "in_attendance", "group_label": "IEWM"},
    {"person": "Pete Jackson", "category": "in_attendance", "group_label": "IEWM"},
    {"person": "Ged Bowles", "category": "in_attendance", "group_label": "IEWM"},
    {"person": "Tony Ashfield", "category": "in_attendance", "group_label": "IEWM"},
    {"person": "Karen Marcroft", "category": "in_attendance", "group_label": "IEWM"},
    {"person": "Polly Reed", "category": "in_attendance", "group_label": "IEWM"},
    {
        "person": "Sonia Thomson",
        "category": "in_attendance",
        "group_label": "IEWM",
        "took_minutes": True,
    },
    {"person": "John van de Laarschot", "category": "apologies"},
    {"person": "Martin Reeves", "category": "apologies"},
    {"person": "Mark Rogers", "category": "apologies"},
    {"person": "Richard Partington", "category": "apologies"},
    {"person": "Colin Williams", "category": "apologies"},
    {"person": "Andrew Burns", "category": "apologies"},
]

SLI_DECISION = """
<p>Mark Roger's recommendations (as set out below) were agreed in principle subject to further refinement following further discussion with Trish Haines, Jan Britton, Mark Rogers, Gail Quinton, Andrea Pope-Smith and Sue Banks.</p>
<ul>
<li>That a copy of the “state of the nation” report be sent to each Council with supporting documentation (e.g. WMCIB &amp; WMADASS business plan/improvement models).</li>
<li>That each Council is asked to take the model report (preferably to Cabinet) with these recommendations:
<ul>
<li>to note the report overall;</li>
<li>to support the production of an annual “state of the nation” report; and</li>
<li>to endorse specifically the WMCIB &amp; WMADASS business plan(s) and improvement model(s).</li>
</ul>
</li>
<li>Also as part of the above report, each Cabinet to be invited to sign a Compact, or make a simple declaration of its commitment, supporting SLI generally (committing the Leader, Lead Members and Chief Executive specifically) and agreeing to get involved in the relevant WM groups.</li>
<li>That specific recommendations from the “state of the nation” report be remitted to the regional TEFC (WM CIB) and TEASC (WM ADASS) Boards for progressing.</li>
<li>That a formal regional oversight group for SLI is established (based on the ad hoc group presently convened by IEWM) to coordinate strategically across the West Midlands.</li>
</ul>
"""

OPERATIONAL_DECISIONS = [
    "The overall financial position was noted.",
    "The estimated programme lifetime and associated dates to invoke the Sector Transition "
    "Strategy were noted.",
    "The latest Return on Investment position was noted.",
    "The proposed allocation for the West Midlands Public Services Network (£75K capital) "
    "was approved.",
    "The proposed allocation for the social media ‘New Ideas’ fund (£50K) was approved.",
    "Proposals for the redirection of the £175K unspent Waste Programme funding were sought.",
    "The ADASS/IEWM Improvement programme was noted.",
    "All other project approvals/allocations made since the last Board were noted.",
    "The accompanying Programme Delivery Plan (paper 3b) was noted.",
]

ITEMS = [
    {
        "key": "welcome",
        "title": "Welcome & Apologies",
        "kind": "apologies",
        "minutes": (
            "<p>Trish Haines (Chair) welcomed everyone to the meeting and apologies were noted as "
            "above. Laura Maggs was also introduced who has joined the IEWM team to gain some "
            "work experience whilst studying at the University of Birmingham.</p>"
        ),
    },
    {
        "key": "minutes",
        "title": "Minutes of Board Meeting – October 2012 and Matters Arising",
        "kind": "previous_minutes",
        "minutes": """
<p>The minutes were approved as an accurate record. Trish confirmed that she had now reported back to Worcestershire County Council's Cabinet that the IEWM programme had been extended beyond March 2013 on a rolling basis.</p>
<p>Sue Banks fed back briefly about the All Change Event held in December 2012. Sue felt the event had been a success overall, with very positive engagement and feedback from delegates. There had been some negative feedback regarding one of the keynote speakers but other than that it was felt the event had met its objectives.</p>
<p>Sue also confirmed that in terms of the IEWM Business plan, it is her intention to report progress to the Board twice a year, most likely in June 2013 and again in February 2014.</p>
""",
    },
    {
        "key": "sli",
        "title": "Sector Led Improvement in the West Midlands",
        "presenter": "Sue Banks",
        "purpose": "decision",
        "papers": [{"reference": "Paper 2", "title": "Sector led position statement"}],
        "decisions": [{"verb": "agreed", "text": SLI_DECISION}],
        "minutes": """
<p>Sue referred to work completed by IEWM, WMADASS and WMADCS since the last Board meeting to prepare a ‘sector led position statement’ on behalf of the West Midlands (Paper 2). Sue also referred to the proposed recommendations put forward by Mark Rogers (Solihull), the IEWM Board lead for improvement, for the Board's consideration in terms of moving the report forward.</p>
<p>Sue indicated that the report highlights some significant issues and challenges for the region, but also some successes and areas of good practice. A key issue is for us to collectively ensure that our current models and support arrangements are as effective as they can be and are working to support the sector to improve local services and deliver better outcomes.</p>
<p>Trish then invited sector-leads to comment accordingly. Andrea Pope-Smith (Dudley and Chair of WMADASS) confirmed that WMADASS have set out their improvement plan for Adult Social Care for the next 2 to 3 years, which incorporates a number of ‘improvement enablers’ including a commitment to self assessment, peer challenge and shared learning from within and outside of the region.</p>
<p>All authorities will be invited to sign-up up to a memorandum of understanding and Martin Reeves (CEX, Coventry) has recently agreed to act as the Lead Chief Executive for Adult Social Care. WMADASS is looking to establish an Improvement Board which Martin will chair.</p>
<p>There is currently no Lead Member in place (following the latest local elections) though WMADASS is working with support from the LGA to establish/re-energise the lead members group and will seek a Lead Member as part of this.</p>
<p>Whilst good use will be made of TEASC data to complement local benchmarking, Andrea highlighted the importance of resisting the temptation to re-create previous inspection and performance management regimes.</p>
<p>Gail Quinton (Worcestershire and Chair of WMADCS) gave an update on the national and local approach to SLI in Children's Services. Gail also highlighted that she and Andrea had met and had agreed a number of joint meetings between Adults and Children's services to focus upon joint improvement issues over the next 12 months.</p>
<p>WMADCS is currently updating its business plan for 2013/14, with education and safeguarding being a particularly strong focus therein, as is workforce development. This will build upon the established improvement model that is already in place and which incorporates a Lead Member and Lead Chief Executive.</p>
<p>There is a lead member group in place, though as is the case with Adult Social Care, there is a need to secure better engagement from all Children's Services authorities.</p>
<p>The model is predicated on the need to look both outside the region and within in terms of finding, sharing and implementing best practice. It will also support targeted/bespoke improvement activity in localities in addition to more collective and generic activity.</p>
<p>Howard Davis (LGA) highlighted that the concept of SLI goes beyond the improvement of services and, for example, there is a broader issue in relation to local government financing where more work is needed to engage the government on behalf of the sector.</p>
<p>Howard also highlighted that there are some great examples of the sector supporting itself and demonstrating that it does not need central government intervention, but generally speaking there is still room for Chief Executives/ Leaders to play a more active role where we believe authorities are in difficulty.</p>
<p>Howard highlighted that the LGA support offer goes beyond the Corporate Peer Challenge, which is particularly focused upon in the report, but that of course much of the activity (such as peer to peer mentoring etc.) could not be surfaced in a report such as this.</p>
<p>Trish Haines (Chair) summarised by saying that there is a need to avoid re-inventing inspection; to deliver something that is successful and is focused upon delivering outcomes and not investing in ‘process’ etc. and opened up the discussion to the Board.</p>
<p>Andrea Pope-Smith (Dudley) said that the importance of developing a lead member network has been recognised and that collectively we need to ensure effective support for member engagement.</p>
<p>Cllr Paul Middlebrough (Wychavon) highlighted opportunities for member peer mentoring to support our lead members and that this could come from outside of the region if necessary.</p>
<p>Trish Haines asked the Board where the discussion should be taken next and whether the IEWM Board was the right forum for this to take place.</p>
<p>Jan Britton (Sandwell) said that in terms of Children's Services, there is a fundamental question in relation to the performance of the West Midlands in terms of safeguarding and educational attainment. We need to ask the question as to whether the region is failing in this respect. If this is the case we need a much more rigorous discussion across the region. If the trend is that our services are potentially worsening then we need to have discussions now, not in 12 months time and we need to find the right forums for raising awareness and getting members more engaged.</p>
<p>John Polychronakis (Dudley) remarked that the SLI report looks bleak and makes depressing reading but he was aware of examples of good practice that were not highlighted e.g. Dudley were judged to be outstanding in a recent Ofsted inspection.</p>
<p>Sue Banks replied that there are several examples of good practice across the region, many of which have been promoted nationally. However, we must not be complacent and need to look outside of the region to help us improve.</p>
<p>Gail Quinton (Worcestershire) said that the performance of our Children's Services is a legitimate concern but also it must not be assumed that every authority is in the same position and to her knowledge there is at least one other region experiencing significant challenges too – the issue can also be misleading possibly due to the timing of Ofsted inspections.</p>
<p>Trish Haines (Chair) asked how do we share those examples of good practice and look outside for new ideas and opportunities.</p>
<p>Andrea Pope-Smith (Dudley) said that ADASS requires authorities to work across all regions. With regard to failing councils, ADASS requires a regional chair whose role it is to ensure there is engagement across all authorities, where there are concerns these should be escalated to the ADASS's president's team for consideration, which is a role that not all ADASS chairs are comfortable with.</p>
<p>Trish Haines (Chair) referred to the recommendations from Mark Rogers and asked for feedback from the Board.</p>
<p>Jan Britton (Sandwell) asked who sat on the TEFC and TEASC Boards at a local level and suggested that we should consider a well supported member level board supported by IEWM which was well resourced to provide challenge.</p>
<p>Gail Quinton (Worcestershire) emphasised the importance of lead member engagement which needs to be reinforced by authorities.</p>
<p>Trish Haines (Chair) said that the Board had previously talked about the importance of face to face engagement in order to gain commitment and it was agreed that Trish, Mark Rogers and Jan Britton would visit Chief Executives on a one to one basis and would also look for other opportunities to promote e.g. Shire Leaders, sub-regional leaders meetings and the District Council Network etc.</p>
<p>John Polychronakis (Dudley) felt that the SLI report needed to be simplified prior to circulation as there was too much detail in it and members would be put off.</p>
""",
    },
    {
        "key": "transcend",
        "title": "Transcend Leadership Programme – Verbal Update",
        "presenter": "Ged Bowles",
        "purpose": "information",
        "minutes": """
<p>Ged Bowles (IEWM) gave a verbal update on the progress being made with the new Transformational Leadership Programme. There has been a good spread of interest and a steady stream of people asking how they can apply. Ged confirmed that IEWM is looking to run the programme over three cohorts with the first beginning in April, which has now been opened up for applications with a closing date of 18 February. So far three applications have been submitted but we are aware of a number in the pipeline. Ged asked the Board to urge staff who were interested to put their applications forward. Ged also highlighted the recent webinar to promote the programme which had received very good feedback.</p>
<p>Jan Britton (Sandwell) added that John Atkinson from CAPITA is meeting with Chief Executives to seek projects for delegates to work on and secure mentors etc. Jan also confirmed that 3 people from Sandwell are already working on their applications and he is confident that we will get a good response from other authorities in the next week.</p>
<p>Nigel Kletz (B'ham) asked who had received the information about the programme. Ged replied that primarily Chief Executives had been sent information and a copy of the webinar is also available for others who may be interested in receiving more information.</p>
""",
    },
    {
        "key": "operational",
        "title": "Operational Update",
        "purpose": "decision",
        "decisions": [
            {"verb": "agreed", "text": f"<p>{text}</p>"} for text in OPERATIONAL_DECISIONS
        ],
        "children": [
            {
                "key": "finance",
                "title": "Financial Overview",
                "presenter": "Sue Banks",
                "papers": [
                    {"reference": "Paper 3a", "title": "Financial overview"},
                    {"reference": "Paper 3b", "title": "Programme Delivery Plan"},
                ],
                "minutes": """
<p>Sue Banks referred to Papers 3a and 3b and confirmed that funding was in place to enable the Programme to continue in full until March 2014, at which point the sector transition strategy would need to be invoked.</p>
<p>However, this is not a fixed end date and clearly some elements of the Programme are expected to continue beyond then.</p>
<p>We have also received c£800k in new income since our last report to the Board (mostly ringfenced for specific activities) and Sue added that she would provide a fuller update about programme timescales etc. at the next meeting in June.</p>
<p>Sue also confirmed that Return on Investment remains on track to deliver £200M by March 2013 and £350M (cumulatively) by October 2014.</p>
""",
            },
            {
                "key": "psn",
                "title": "West Midlands Public Service Network (WMPSN)",
                "presenter": "Steve Halliday",
                "minutes": """
<p>Sue introduced Steve Halliday who had joined the meeting on behalf of Mark Rogers to talk about the WMPSN and explained that IEWM has been approached by Solihull, who is coordinating the WMPSN on behalf of the region, for funding to support the initiative.</p>
<p>Steve Halliday briefly explained that the purpose and benefits of a PSN which is essentially a shared IT infrastructure which will not only lead to substantial savings on IT costs but can also help facilitate shared data/support improved service outcomes etc.</p>
<p>Solihull MBC is happy to be the lead partner for this joint procurement initiative and to be responsible for stakeholder management and programme management with a view to driving down costs and achieving better efficiencies on behalf of all participating organisations.</p>
""",
            },
            {
                "key": "social",
                "title": "Social Media ‘New Ideas’ Fund",
                "presenter": "Sue Banks",
                "minutes": """
<p>Sue ‘set the scene’ by showing a Winter Maintenance message from Torfaen Council featuring Darren ‘Graceland’ Jones.</p>
<p>Sue highlighted that, following discussion at the previous meeting, IEWM has been working with Dan Slee from Walsall MBC and other social media colleagues to work up a proposal for a ‘new ideas’ fund. This fund (£50k) would be used to help authorities experiment with social media and to accelerate take-up/learning across the region in a fun and creative way.</p>
<p>Sue also confirmed that Jan Britton (Sandwell) has agreed to sponsor the initiative on behalf of the IEWM Board if approved.</p>
<p>Pete Jackson (IEWM) emphasised that in order for IEWM to effectively support the social media agenda, we need to engage more to recognise innovation and sponsor it.</p>
<p>Trish Haines (Chair) gave the example of Twitter Gritter at Worcestershire and how it receives consistently great feedback which is instant and direct from the community itself. Trish was supportive of the ‘new ideas’ fund and asked the Board to think about ideas and to put them forward.</p>
<p>Howard Davis (LGA) said that it was good to see something different that was promoting public services in a simple way. This approach could be used to support the SLI agenda which is rooted in the community and so working with social media opportunities makes great sense.</p>
<p>Jan Britton (Sandwell) said he is hoping that the £50K funding will help identify ‘the next steps’ needed to deliver public services and potential big returns on investment, for example social media can play a huge role in supporting public-to-public engagement and self sufficiency and ultimately reduce demand on council services.</p>
""",
            },
            {
                "key": "waste",
                "title": "Waste Management Programme",
                "presenter": "Sue Banks",
                "minutes": """
<p>Sue confirmed that the Waste programme had come to an end in December 2012, which coincided with Nina Dawes' retirement. There remains £175K of unspent cash within the programme and the Board were asked to give a steer regarding how they wanted to invest this cash; if no priorities are forthcoming the funding will be redirected to the sector transition/contingency fund.</p>
<p>Trish Haines (Chair) asked the Board for any proposals. Jan Britton highlighted that there may be an opportunity to ‘top up’ some national funding which has recently been released to Waste authorities and Sue agreed to follow this up. Trish asked for any other suggestions to be made to Sue Banks directly for consideration.</p>
""",
            },
            {
                "key": "improvement_plan",
                "title": "WMADASS/IEWM Improvement Plan",
                "presenter": "Andrea Pope-Smith",
                "minutes": (
                    "<p>Andrea Pope-Smith confirmed the production of an overarching improvement "
                    "plan for Adult Social Care to March 2014 and beyond. This has been agreed by "
                    "WMADASS and incorporates local and national priorities with a particular "
                    "emphasis on sector-led improvement.</p>"
                ),
            },
            {
                "key": "dcn",
                "title": "District Council Network",
                "presenter": "Steve Winterflood",
                "minutes": """
<p>Steve Winterflood (Vice Chair, S Staffs) confirmed that John Sellgren, Chief Executive of Newcastle-under-Lyme has been appointed the new Chair of the District Council Network. He will be supported by Ian Miller, Chief Executive of Wyre Forest.</p>
<p>John will hopefully be attending future IEWM Board meetings and has the dates in his diary.</p>
""",
            },
            {
                "key": "accommodation",
                "title": "Accommodation Update",
                "presenter": "Sue Banks",
                "minutes": """
<p>Sue gave an update on the proposed closure of the Partnership Centre and confirmed that WMC and IEWM would vacate Albert House around the end of March 2013. IEWM is likely to relocate to Sandwell MBC alongside the West Midlands Employers Service and is due to meet colleagues from Sandwell on 14th February to look at available options.</p>
<p>Trish Haines (Chair) thanked Jan Britton for his offer of support and expressed her appreciation on behalf of IEWM and the Board.</p>
""",
            },
        ],
    },
    {
        "key": "governance",
        "title": "Governance – Verbal Update",
        "presenter": "Paul Middlebrough",
        "purpose": "information",
        "minutes": """
<p>Councillor Paul Middlebrough (Wychavon and Lead Member) gave an update on the current status of West Midlands Councils (WMC). Essentially, membership is yet to be confirmed but it was likely that nominated roles such as the Lead Member for IEWM on behalf of WMC would not operate as before, however the review is yet to be fully concluded.</p>
<p>Paul confirmed his continued support for the IEWM Programme and Trish Haines (Chair) asked Paul to continue to attend IEWM Board meetings in a ‘lead member’ capacity if he was happy to do so, which Paul confirmed he would be happy to do.</p>
""",
    },
    {
        "key": "communications",
        "title": "Communications/Forthcoming Events",
        "presenter": "Ged Bowles",
        "purpose": "information",
        "minutes": """
<p>Ged Bowles (IEWM) confirmed that following the launch of the new Social Value Act on 31st January, IEWM are supporting Coventry, Solihull &amp; Warwickshire authorities to host a Social Value Event at the Ricoh Arena on 22nd March 2013. The event has been opened up to the region and is targeted primarily towards Directors, Commissioners etc. It will be a half day session and an agenda will follow in the next week or so.</p>
<p>Nigel Kletz (B'ham) mentioned that the Birmingham/Solihull LEP group had received some funding from Cadburys to explore social value and it might be worth linking this in. Nigel agreed to send some information to Ged.</p>
""",
    },
    {
        "key": "aob",
        "title": "Any Other Business",
        "kind": "aob",
        "minutes": "<p>No other business was discussed.</p>",
    },
    {
        "key": "next",
        "title": "Dates of Future Meetings – 2013",
        "kind": "next_meeting",
        "minutes": """
<ul>
<li>Thursday 13th June 2013 – 2pm to 4pm – venue to be confirmed.</li>
<li>Thursday 10th October 2013 – 2pm to 4pm – venue to be confirmed.</li>
</ul>
""",
    },
]

JUNE_MEETING = dt.date(2013, 6, 13)

MEETING = {
    "date": dt.date(2013, 2, 12),
    "venue": "The Partnership Centre, Birmingham",
    "kind": "ordinary",
    "title": "Notes of Board Meeting",
    "no_interests_declared": False,
    "attendance": ATTENDANCE,
    "items": ITEMS,
    "approvals": [{"previous": "october", "item": "minutes", "outcome": "approved"}],
    "actions": [
        {
            "item": "sli",
            "description": (
                "Visit Chief Executives on a one to one basis to gain commitment to sector led "
                "improvement, and look for other opportunities to promote it (Shire Leaders, "
                "sub-regional leaders meetings, the District Council Network)."
            ),
            "owners": ["Trish Haines", "Mark Rogers", "Jan Britton"],
        },
        {
            "item": "waste",
            "description": (
                "Follow up the opportunity to ‘top up’ the national funding recently released "
                "to Waste authorities from the £175K unspent Waste Programme funding."
            ),
            "owners": ["Sue Banks"],
        },
        {
            "item": "finance",
            "description": (
                "Give the Board a fuller update about programme timescales at the next meeting "
                "in June."
            ),
            "owners": ["Sue Banks"],
            "due_date": JUNE_MEETING,
            "due_note": "at the next meeting in June",
        },
        {
            "item": "communications",
            "description": (
                "Send Ged Bowles information about the Cadburys funding to the "
                "Birmingham/Solihull LEP group to explore social value."
            ),
            "owners": ["Nigel Kletz"],
        },
        {
            "item": "waste",
            "description": (
                "Send any other suggestions for investing the £175K unspent Waste Programme "
                "funding to Sue Banks directly."
            ),
            "owners": [{"team": "All"}],
        },
        {
            "item": "social",
            "description": "Think about ideas for the social media ‘New Ideas’ fund and put them forward.",
            "owners": [{"team": "All"}],
        },
        {
            "item": "transcend",
            "description": (
                "Urge interested staff to apply for the Transcend Leadership Programme before "
                "the first cohort's closing date."
            ),
            "owners": [{"team": "All"}],
            "due_date": dt.date(2013, 2, 18),
            "due_note": "closing date 18 February",
        },
    ],
    "reviews": [],
}

NEXT_MEETINGS = [
    {
        "date": JUNE_MEETING,
        "start_time": dt.time(14, 0),
        "end_time": dt.time(16, 0),
        "title": "Notes of Board Meeting",
    },
    {
        "date": dt.date(2013, 10, 10),
        "start_time": dt.time(14, 0),
        "end_time": dt.time(16, 0),
        "title": "Notes of Board Meeting",
    },
]


# The demo's current cycle (see DECISIONS.md): a Thursday about four weeks ahead of the load
# date, 2–4pm, as the Board's 2013 meetings; the venue of the February meeting.
CURRENT_MEETING = {
    "weekday": 3,
    "min_days_ahead": 28,
    "start_time": dt.time(14, 0),
    "end_time": dt.time(16, 0),
    "venue": "The Partnership Centre, Birmingham",
    "title": "Notes of Board Meeting",
}
