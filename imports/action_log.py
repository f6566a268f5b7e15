"""Read an action log (CSV or Excel) into rows: number, action, owners, due, status, meeting date.

Plain Python (tablib reads both formats). Column headings are recognised by their usual names
("No.", "Action", "Owner"/"Who"/"Lead", "Due"/"By when", "Status", "Meeting"/"Date raised");
each row keeps its spreadsheet row number and the problems found in it, so the preview can say
"row 7: no owner" before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from .parser.dates import find_dates, relative_due
from .reader import ReadError

COLUMNS = {
    "number": r"no\.?|number|ref\.?|#|action\s+no\.?|id",
    "text": r"actions?|description|task|what",
    "owners": r"owners?|who|lead|by\s+whom|responsible|action\s+by|assigned\s+to",
    "due": r"due|due\s+date|by\s+when|deadline|target(?:\s+date)?|when|timescale",
    "status": r"status|progress|rag|state",
    "meeting": r"meeting|meeting\s+date|date\s+raised|raised|date\s+of\s+meeting|date\s+agreed|date",
}
STATUSES = {
    "open": "open",
    "new": "open",
    "not started": "open",
    "outstanding": "open",
    "ongoing": "in_progress",
    "in progress": "in_progress",
    "underway": "in_progress",
    "amber": "in_progress",
    "red": "open",
    "green": "done",
    "done": "done",
    "complete": "done",
    "completed": "done",
    "closed": "done",
    "dropped": "dropped",
    "withdrawn": "dropped",
    "cancelled": "dropped",
    "superseded": "dropped",
}


@dataclass
class LogRow:
    row: int  # the spreadsheet's row number (the heading row is 1)
    number: int | None
    text: str
    owners: list[str]
    due: str | None
    due_note: str
    status: str
    meeting: str | None  # YYYY-MM-DD
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def read_action_log(name: str, data: bytes, *, max_bytes: int) -> list[LogRow]:
    import tablib  # only when an action log comes in

    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in ("csv", "xlsx"):
        raise ReadError("Upload the action log as a spreadsheet (.xlsx) or a CSV file.")
    if len(data) > max_bytes:
        raise ReadError("The file is too large.")
    if not data.strip():
        raise ReadError("The file is empty.")
    try:
        if suffix == "csv":
            text = data.decode("utf-8-sig", errors="replace")
            dataset = tablib.Dataset().load(text, format="csv")
        else:
            dataset = tablib.Dataset().load(data, format="xlsx")
    except Exception as exc:  # tablib raises whatever its format library raises
        raise ReadError("This spreadsheet cannot be read; is it a .xlsx or .csv file?") from exc
    columns = _columns(dataset.headers or [])
    if "text" not in columns or "owners" not in columns or "meeting" not in columns:
        raise ReadError(
            "The first row must name the columns: at least the action, who owns it and the "
            "date of the meeting it came from."
        )
    rows = []
    for index, values in enumerate(dataset, start=2):
        cells = {key: values[i] if i < len(values) else "" for key, i in columns.items()}
        if not any(str(v or "").strip() for v in cells.values()):
            continue
        rows.append(_row(index, cells))
    if not rows:
        raise ReadError("The spreadsheet has no actions in it.")
    return rows


def _columns(headers: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        label = " ".join(str(header or "").split()).strip(" :")
        for key, pattern in COLUMNS.items():
            if key not in found and re.fullmatch(pattern, label, re.I):
                found[key] = index
                break
    return found


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = find_dates(str(value or ""))
    return found[0][0] if found else None


def _row(index: int, cells: dict) -> LogRow:
    errors = []
    text = " ".join(str(cells.get("text") or "").split())
    if not text:
        errors.append("No action.")
    owners = [
        o.strip() for o in re.split(r"[/;,&]|\band\b", str(cells.get("owners") or "")) if o.strip()
    ]
    if not owners:
        errors.append("No owner.")
    meeting = _date(cells.get("meeting"))
    if meeting is None:
        errors.append("No meeting date that can be read.")
    raw_due = cells.get("due")
    due_date = _date(raw_due) if isinstance(raw_due, dt.date) else None
    if due_date is not None:
        due, note = due_date.isoformat(), ""
    else:
        due, note = relative_due(str(raw_due or ""), meeting=meeting, next_meeting=None)
        note = note or str(raw_due or "").strip()
        if due and re.fullmatch(r"\d{4}-\d\d-\d\d", due):
            note = ""  # the date says it all
    status_text = " ".join(str(cells.get("status") or "").lower().split())
    status = STATUSES.get(status_text, "open" if not status_text else "")
    if not status:
        errors.append(f"Unknown status “{cells.get('status')}”.")
        status = "open"
    number_text = str(cells.get("number") or "").strip().rstrip(".")
    number = int(float(number_text)) if re.fullmatch(r"\d+(?:\.0)?", number_text) else None
    return LogRow(
        row=index,
        number=number,
        text=text,
        owners=owners,
        due=due,
        due_note=note[:120],
        status=status,
        meeting=meeting.isoformat() if meeting else None,
        errors=errors,
    )
