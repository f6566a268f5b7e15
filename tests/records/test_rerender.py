"""`manage.py rerender_signed <meeting id>`: a signed meeting whose PDFs are missing gets them
made again from its intact snapshot, signed again and stored under the names the rows hold;
verification then says so. Refused when the snapshot is altered; a file that is there (altered
or not) is left alone."""

import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from pypdf import PdfReader

from partners.templatetags.minutebook import ukdate
from records import pades
from records.models import RenderJob, Rerender, SignedRecord
from records.pdf import RECORD_ATTACHMENT
from records.triggers import signed_guard_lifted

from .conftest import move, pdf_text, sign
from .test_verify import flip_a_byte, verify_command


@pytest.fixture
def signed(draft, chair_user):
    move(draft, "approved")
    return sign(draft, chair_user)


def rerender(meeting_id) -> tuple[str, str]:
    """(output, error) of ``manage.py rerender_signed``; error is "" when it exits 0."""
    out = io.StringIO()
    try:
        call_command("rerender_signed", str(meeting_id), stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), ""


def _names(meeting):
    public = RenderJob.objects.get(meeting=meeting, signed_copy=True)
    return meeting.signed_pdf.name, public.file.name


def test_missing_pdfs_are_made_again_and_verify_says_so(signed):
    members_name, public_name = _names(signed)
    default_storage.delete(members_name)
    default_storage.delete(public_name)
    before, _ = verify_command(signed.pk)

    output, error = rerender(signed.pk)

    rows = {r.part: r for r in Rerender.objects.filter(meeting=signed)}
    members = default_storage.open(members_name).read()
    public = default_storage.open(public_name).read()
    today = ukdate(timezone.localdate())
    assert before.splitlines()[2:] == [
        "  members’ PDF: missing: the stored file cannot be read",
        "  public PDF: missing: the stored file cannot be read",
    ]
    assert (output.splitlines(), error) == (
        [
            f"Meeting {signed.pk} (SIIG, 9 November 2026):",
            f"  members’ PDF: re-rendered from the signed record as {members_name}, SHA-256 "
            f"{rows['members'].sha256}",
            f"  public PDF: re-rendered from the signed record as {public_name}, SHA-256 "
            f"{rows['public'].sha256}",
        ],
        "",
    )
    assert (
        hashlib.sha256(members).hexdigest(),
        hashlib.sha256(public).hexdigest(),
        rows["members"].lost_sha256,
        rows["public"].lost_sha256,
    ) == (
        rows["members"].sha256,
        rows["public"].sha256,
        signed.signed_pdf_sha256,
        RenderJob.objects.get(meeting=signed, signed_copy=True).sha256,
    )
    assert verify_command(signed.pk) == (
        "\n".join(
            [
                f"Meeting {signed.pk} (SIIG, 9 November 2026): intact",
                f"  frozen record: intact: SHA-256 {signed.fingerprint}",
                f"  members’ PDF: intact: re-rendered from the signed record on {today} (the "
                f"file signed was lost); SHA-256 {rows['members'].sha256}, signature valid",
                f"  public PDF: intact: re-rendered from the signed record on {today} (the file "
                f"signed was lost); SHA-256 {rows['public'].sha256}, signature valid",
            ]
        )
        + "\n",
        "",
    )


def test_remade_pdfs_carry_the_record_as_signed_and_leave_the_confidential_out(signed):
    members_name, public_name = _names(signed)
    default_storage.delete(members_name)
    default_storage.delete(public_name)

    rerender(signed.pk)

    members = default_storage.open(members_name).read()
    public = default_storage.open(public_name).read()
    attached = PdfReader(io.BytesIO(members)).attachments[RECORD_ATTACHMENT][0]
    assert json.loads(attached) == SignedRecord.objects.get(meeting=signed).data
    assert hashlib.sha256(attached).hexdigest() == signed.fingerprint
    assert (pades.signature_check(members), pades.signature_check(public)) == (
        (True, "signature valid"),
        (True, "signature valid"),
    )
    assert ("420000" in pdf_text(members), "420000" in pdf_text(public)) == (True, False)


def test_only_the_missing_file_is_made_again(signed):
    members_name, public_name = _names(signed)
    public_before = default_storage.open(public_name).read()
    default_storage.delete(members_name)

    output, error = rerender(signed.pk)

    assert (
        [r.part for r in Rerender.objects.filter(meeting=signed)],
        default_storage.open(public_name).read() == public_before,
        error,
    ) == (["members"], True, "")
    assert verify_command(signed.pk)[1] == ""


def test_nothing_missing_nothing_made(signed):
    assert rerender(signed.pk) == (
        f"Meeting {signed.pk} (SIIG, 9 November 2026): no signed PDF is missing.\n",
        "",
    )
    assert Rerender.objects.count() == 0


def test_an_altered_file_is_left_as_it_is(signed):
    data = signed.signed_pdf.open("rb").read()
    flip_a_byte(signed.signed_pdf.name, len(data) // 3)

    output, error = rerender(signed.pk)

    assert (output, error, Rerender.objects.count()) == (
        f"Meeting {signed.pk} (SIIG, 9 November 2026): no signed PDF is missing.\n",
        "",
        0,
    )
    assert verify_command(signed.pk)[1] == "1 signed record(s) altered."


def test_refused_when_the_snapshot_is_altered(signed):
    members_name, public_name = _names(signed)
    default_storage.delete(members_name)
    default_storage.delete(public_name)
    frozen = SignedRecord.objects.get(meeting=signed)
    forged = frozen.canonical.replace("Strategy refresh", "Strategy rewritten")
    with signed_guard_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_signedrecord SET canonical = %s WHERE id = %s", [forged, frozen.pk]
        )
    now = SignedRecord.objects.get(pk=frozen.pk).computed_sha256()

    output, error = rerender(signed.pk)

    assert (output, error) == (
        "",
        f"The signed record itself is not intact (altered: its SHA-256 is now {now}, signed as "
        f"{signed.fingerprint}), so its PDFs are not made again from it.",
    )
    assert (
        default_storage.exists(members_name),
        default_storage.exists(public_name),
        Rerender.objects.count(),
    ) == (False, False, 0)


def test_refused_for_minutes_not_signed(draft):
    assert rerender(draft.pk) == ("", f"No signed minutes with id {draft.pk}.")


def test_the_record_of_a_rerender_cannot_be_changed(signed):
    default_storage.delete(signed.signed_pdf.name)
    rerender(signed.pk)
    row = Rerender.objects.get(meeting=signed)

    with pytest.raises(IntegrityError) as exc, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE records_rerender SET sha256 = 'x' WHERE id = %s", [row.pk])

    assert str(exc.value).splitlines()[0] == (
        "These minutes are signed and can no longer be changed (UPDATE on records_rerender). Add "
        "an addendum for a correction."
    )
