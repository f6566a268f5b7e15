"""Public verification: was a document with this fingerprint signed here, by whom, when, and
is the record (and each stored PDF) still exactly what was signed? Recomputed on every look."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import VerifyForm
from ..selectors import addenda_in_order, meeting_record, signed_meeting_for_code
from ..verify import signed_record_check


@require_GET
def verify(request, code=""):
    """Public: was a document with this fingerprint signed, by whom, when; is it intact?"""
    form = VerifyForm({"code": code}) if code else VerifyForm(request.GET or None)
    context = {"form": form, "found": None, "checked": False}
    if form.is_bound and form.is_valid():
        context["checked"] = True
        meeting = signed_meeting_for_code(form.cleaned_data["code"])
        if meeting is not None:
            context.update(
                found=meeting,
                # Names as signed (the frozen record), not as the rows say now.
                shown=meeting_record(meeting_id=meeting.pk, include_confidential=False).meeting,
                check=signed_record_check(meeting),
                addenda=addenda_in_order(meeting=meeting),
            )
    return render(request, "records/verify.html", context)
