"""The open data API: the public record in the shape of OParl 1.1 (https://oparl.org/spezifikation/).

How Minutebook's record maps onto OParl's objects:

- **System**: this installation, the client's starting point (``/api/oparl/v1/system/``).
- **Body**: a body (board or group) that publishes its record.
- **Organization**: the body itself as the group that meets (key ``b<body>``), and each partner
  organisation represented on it (``b<body>-o<organisation>``), which memberships name as
  ``onBehalfOf``.
- **Person**: the body's members, and the people on the register of its signed minutes.
- **Membership**: a membership of the body, with its role and dates.
- **Meeting**: every meeting of the body (that it takes place is public). Its agenda items and the
  agenda as a PDF (``invitation``) are embedded once the agenda is public; the public version of
  the signed minutes (``resultsProtocol``) and who attended (``participant``) once signed.
- **AgendaItem**: an item of a public agenda. A confidential (exempt) item keeps its number and
  heading with ``public: false`` and nothing else: no papers, no decisions.
- **Paper** and **File**: the papers of public items, and the agenda and minutes PDFs.
- **Location**: where a meeting is held (its venue).

Lists are pages of at most 100 objects (``limit`` asks for fewer) in a stable order, filtered by
``modified_since`` and ``modified_until``. An object's ``modified`` is the latest of its own
changes (the history rows every model keeps), of what is embedded in it, and of the moments it
became public (the body began publishing; the agenda's publication day; the minutes' signing),
so a client that syncs with ``modified_since`` also learns of what became public since. What
left the public record (deleted, or no longer public) is kept as a tombstone: a list asked for
a window carries those of the window with ``deleted: true``, and the object's URL answers the
same (``gone``).

The package, in the order its modules import each other: ``base`` (the request's view of the
public record, the window, paged lists, times and empty properties), ``organisations``
(System, Body, Organization, Membership, Person) and ``gone`` (tombstones: what a write takes
out of the public record, and what the API answers for it), ``agenda`` (AgendaItem, Paper and
a paper's File) and ``meetings`` (Meeting, Location, the agenda and minutes Files and the File
list). The views in ``publication/views/api.py`` use the names re-exported here; the model
signals that record tombstones are in ``publication/signals.py``.
"""

from ..models import Tombstone
from .agenda import (
    agenda_item,
    agenda_item_segments,
    get_agenda_item,
    get_paper,
    paper,
    paper_file,
    paper_segments,
)
from .base import MAX_PAGE, OPARL, Api, BadRequest, NotFound, Segment, Window, object_list
from .gone import get_gone, gone_segments, withdrawn_body
from .meetings import (
    PARTICIPANTS,
    agenda_file,
    file_segments,
    get_file,
    get_location,
    get_meeting,
    location,
    meeting,
    meeting_segments,
    minutes_file,
)
from .organisations import (
    board,
    board_key,
    body,
    body_segments,
    get_body,
    get_membership,
    get_organization,
    get_person,
    membership,
    membership_segments,
    organization_segments,
    partner_key,
    person_segments,
    system,
)

__all__ = [
    "MAX_PAGE",
    "OPARL",
    "PARTICIPANTS",
    "Api",
    "BadRequest",
    "NotFound",
    "Segment",
    "Tombstone",
    "Window",
    "agenda_file",
    "agenda_item",
    "agenda_item_segments",
    "board",
    "board_key",
    "body",
    "body_segments",
    "file_segments",
    "gone_segments",
    "get_agenda_item",
    "get_body",
    "get_file",
    "get_gone",
    "get_location",
    "get_meeting",
    "get_membership",
    "get_organization",
    "get_paper",
    "get_person",
    "location",
    "meeting",
    "meeting_segments",
    "membership",
    "membership_segments",
    "minutes_file",
    "object_list",
    "organization_segments",
    "paper",
    "paper_file",
    "paper_segments",
    "partner_key",
    "person_segments",
    "system",
    "withdrawn_body",
]
