"""Write the Word and PDF samples of the import bench (their truth files are beside them).

    .venv/bin/python -m bench.import_samples.make_samples

The Word file is built with python-docx the way a secretariat's template would lay it out:
heading paragraphs, the register as a table, an actions table at the end. The PDF is printed
from HTML by WeasyPrint, council style, so it has a real text layer for pdftotext.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def riverside_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph("Riverside Community Safety Partnership").runs[0].bold = True
    d.add_paragraph("Minutes of the Partnership Board")
    d.add_paragraph("Tuesday 8 June 2021, 2.00pm to 4.00pm")
    d.add_paragraph("Venue: Committee Room 2, Riverside Civic Centre")
    d.add_paragraph("Members present")
    rows = [
        ("Name", "Organisation", "Role"),
        ("Cllr Martin Doyle", "Riverside Borough Council", "Chair"),
        ("Supt Karen Bell", "Riverside Police", "Vice Chair"),
        ("Insp Tom Hale", "Riverside Police", "Substitute for Ch Insp Mary Dunn"),
        ("Lucy Adeyemi", "Riverside Fire and Rescue Service", ""),
        ("Owen Price", "National Probation Service", ""),
        ("Farah Siddiqui", "Riverside Clinical Commissioning Group", ""),
    ]
    _table(d, rows)
    d.add_paragraph("Officers in attendance")
    _table(
        d,
        [
            ("Name", "Organisation", "Role"),
            ("Dan Whitfield", "Riverside Borough Council", "Community Safety Manager"),
            ("Priya Nair", "Riverside Borough Council", "Minute taker"),
        ],
    )
    d.add_paragraph("Apologies")
    _table(
        d,
        [
            ("Name", "Organisation", "Role"),
            ("Ch Insp Mary Dunn", "Riverside Police", ""),
            ("Cllr Joan Ashby", "Riverside Borough Council", ""),
        ],
    )
    paragraphs = [
        ("h", "1. Welcome and introductions"),
        (
            "p",
            "The Chair welcomed everyone, in particular Insp Tom Hale who was attending in place of Ch Insp Mary Dunn.",
        ),
        ("h", "2. Minutes of the previous meeting"),
        (
            "p",
            "The minutes of the meeting held on 9 March 2021 were approved subject to one amendment: Owen Price had given apologies and was not present.",
        ),
        ("h", "3. Strategic assessment 2021/22"),
        ("h", "3.1 Crime trends"),
        (
            "p",
            "Dan Whitfield presented the strategic assessment. Overall recorded crime had fallen by 8% but domestic abuse incidents had risen by 11%.",
        ),
        ("p", "Members discussed:"),
        ("b", "the effect of lockdown on reporting of domestic abuse;"),
        ("b", "the rise in anti-social behaviour in the town centre;"),
        ("b", "the need for better data sharing with health partners."),
        (
            "p",
            "AGREED: The strategic assessment was accepted as the basis for the partnership plan.",
        ),
        ("h", "3.2 Partnership priorities"),
        ("p", "Members considered the three proposed priorities."),
        (
            "p",
            "AGREED: The priorities for 2021/22 are domestic abuse, serious violence and town centre anti-social behaviour.",
        ),
        ("h", "4. Serious Violence Duty"),
        (
            "p",
            "Supt Karen Bell outlined the new Serious Violence Duty and the need for a joint needs assessment.",
        ),
        ("p", "RESOLVED that a serious violence task group be set up, chaired by the Vice Chair."),
        ("h", "5. Any other business"),
        ("p", "Lucy Adeyemi reminded members of the safe and well visit referral scheme."),
        ("p", "Farah Siddiqui left the meeting."),
        ("h", "6. Date of next meeting"),
        ("p", "Tuesday 14 September 2021 at 2pm, Riverside Civic Centre."),
    ]
    for kind, text in paragraphs:
        if kind == "b":
            d.add_paragraph(text, style="List Bullet")
        else:
            p = d.add_paragraph(text)
            if kind == "h":
                p.runs[0].bold = True
                p.runs[0].font.size = Pt(12)
    d.add_paragraph("Actions")
    _table(
        d,
        [
            ("Ref", "Action", "Owner", "Due"),
            ("1", "Share the domestic abuse data with the CCG", "DW", "30 June 2021"),
            (
                "2",
                "Draft terms of reference for the serious violence task group",
                "KB",
                "Next meeting",
            ),
            ("3", "Circulate the safe and well referral form to all partners", "LA / DW", "ASAP"),
        ],
    )
    d.save(path)


def _table(d, rows) -> None:
    table = d.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


WESTBROOK_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm; } body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; }
h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 1.2em; } p { margin: 0.4em 0; }
</style></head><body>
<h1>WESTBROOK HEALTH AND WELLBEING BOARD</h1>
<p>MINUTES OF THE MEETING held on Tuesday, 20 September 2022 at 6.00 pm in the Council Chamber, Westbrook Town Hall</p>
<p>PRESENT: Councillor Angela Smith (Chair), Councillor Brian Jones, Councillor Chen Li, Dr Chandra Patel (Westbrook Integrated Care Board), Rebecca Moore (Director of Public Health), Gary Hughes (Healthwatch Westbrook)</p>
<p>ALSO IN ATTENDANCE: Nadia Farouk (Senior Democratic Services Officer), Steven Cole (Head of Adult Social Care)</p>
<p>APOLOGIES: Councillor Peter Grant, Julia Reid (Westbrook Voluntary Action)</p>
<h2>12. DECLARATIONS OF INTEREST</h2>
<p>There were no declarations of interest.</p>
<h2>13. MINUTES</h2>
<p>RESOLVED – That the minutes of the meeting held on 12 July 2022 be confirmed as a correct record and signed by the Chair.</p>
<h2>14. JOINT STRATEGIC NEEDS ASSESSMENT 2022</h2>
<p>Rebecca Moore presented the Joint Strategic Needs Assessment. Healthy life expectancy in the most deprived wards was eleven years lower than in the least deprived. Members asked about the data on childhood obesity and on smoking in pregnancy.</p>
<p>RESOLVED – (1) That the Joint Strategic Needs Assessment 2022 be approved for publication.</p>
<p>(2) That the Director of Public Health report on childhood obesity to the next meeting.</p>
<p>ACTION: Rebecca Moore to bring a report on childhood obesity to the next meeting.</p>
<h2>15. BETTER CARE FUND PLAN 2022/23</h2>
<p>Steven Cole introduced the Better Care Fund plan, which had to be submitted to NHS England by 26 September 2022.</p>
<p>RESOLVED – That the Better Care Fund plan 2022/23 be approved and that authority to make final amendments be delegated to the Director of Adult Social Care in consultation with the Chair.</p>
<h2>16. HEALTHWATCH ANNUAL REPORT</h2>
<p>Gary Hughes presented the Healthwatch annual report. The Board noted the report and thanked Healthwatch volunteers for their work.</p>
<p>ACTION: Gary Hughes to circulate the GP access survey results to Board members within two weeks.</p>
<h2>17. WORK PROGRAMME</h2>
<p>RESOLVED – That the work programme be noted.</p>
<p>The meeting closed at 7.45 pm.</p>
</body></html>"""


def westbrook_pdf(path: Path) -> None:
    from weasyprint import HTML

    HTML(string=WESTBROOK_HTML).write_pdf(path)


def lowmoor_docx(path: Path) -> None:
    """Headings in Word's Heading 2 style, no numbers; a run of names; a table per item."""
    import docx

    d = docx.Document()
    d.add_heading("Lowmoor Regeneration Partnership Board", level=1)
    d.add_paragraph("Notes of the meeting held on 3 October 2017 at Lowmoor Library, 10:00 - 11:30")
    d.add_paragraph(
        "Present: Margaret Hale (Chair), Cllr Kevin Boyd (Lowmoor Council), Sunita Rao "
        "(Lowmoor Housing Trust), Alan Pike (Lowmoor Business Forum) and Grace Obi (Jobcentre Plus)."
    )
    d.add_paragraph("In attendance: Dean Fowler (Lowmoor Council), Helen Marsh (notes).")
    d.add_paragraph("Apologies: Rev. John Carr (Lowmoor Churches Together).")
    sections = [
        (
            "Apologies and declarations",
            [
                "Apologies were noted. Alan Pike declared an interest in the shopfront scheme as a recipient.",
            ],
            [],
        ),
        (
            "Notes of the last meeting",
            [
                "The notes of the meeting held on 4 July 2017 were agreed as a correct record.",
            ],
            [],
        ),
        (
            "High street action plan",
            [
                "Dean Fowler presented the draft high street action plan. Footfall had fallen by 12% since 2015.",
                "The Board RESOLVED to adopt the high street action plan and to bid to the Coastal Communities Fund.",
            ],
            [("Prepare the Coastal Communities Fund bid", "DF", "w/c 16 October")],
        ),
        (
            "Employment support",
            [
                "Grace Obi reported that 46 residents had started the work coach programme.",
                "The Board noted the progress report.",
            ],
            [("Send the work coach case studies to the Chair", "GO", "end October")],
        ),
        ("Any other business", ["None."], []),
    ]
    for title, paragraphs, actions in sections:
        d.add_heading(title, level=2)
        for text in paragraphs:
            d.add_paragraph(text)
        if actions:
            _table(d, [("Action", "Responsible", "Timescale"), *actions])
    d.add_heading("Date of next meeting", level=2)
    d.add_paragraph("Tuesday 5 December 2017, 10:00, Lowmoor Library.")
    d.save(path)


def main() -> None:
    lowmoor_docx(HERE / "lowmoor-regeneration-2017-10-03.docx")
    riverside_docx(HERE / "riverside-csp-2021-06-08.docx")
    westbrook_pdf(HERE / "westbrook-hwb-2022-09-20.pdf")


if __name__ == "__main__":
    main()
