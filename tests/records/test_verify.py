"""Verification recomputes: the hash of the stored snapshot and of each stored PDF's bytes, and
each PDF's digital signature. A row changed behind the triggers' back, or one byte of a PDF,
and both the verify page and `manage.py verify_signed` say "altered" and what differs."""

import io
import subprocess

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from records import pades
from records.models import RenderJob, SignedRecord
from records.triggers import signed_guard_lifted

from .conftest import move, sign


@pytest.fixture
def signed(draft, chair_user):
    move(draft, "approved")
    return sign(draft, chair_user)


def verify_command(*ids) -> tuple[str, str]:
    """(output, error) of ``manage.py verify_signed``; error is "" when it exits 0."""
    out = io.StringIO()
    try:
        call_command("verify_signed", *map(str, ids), stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), ""


def page_findings(client, meeting) -> tuple[str, list[str]]:
    response = client.get(f"/v/{meeting.fingerprint[:16]}/")
    check = response.context["check"]
    return check.verdict, [f"{f.part}: {f.detail}" for f in check.findings]


def flip_a_byte(name: str, at: int) -> None:
    path = default_storage.path(name)
    with open(path, "r+b") as fh:
        fh.seek(at)
        byte = fh.read(1)
        fh.seek(at)
        fh.write(bytes([byte[0] ^ 0x01]))


def pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    run = subprocess.run(["/usr/bin/pdfsig", str(path)], capture_output=True, text=True)
    return next(line.strip() for line in run.stdout.splitlines() if "Signature Validation" in line)


def test_intact_record_and_files(client, signed):
    public = RenderJob.objects.get(meeting=signed, signed_copy=True)

    output, error = verify_command(signed.pk)

    assert (output.splitlines(), error) == (
        [
            f"Meeting {signed.pk} (SIIG, 9 November 2026): intact",
            f"  frozen record: intact: SHA-256 {signed.fingerprint}",
            f"  members’ PDF: intact: SHA-256 {signed.signed_pdf_sha256}, signature valid",
            f"  public PDF: intact: SHA-256 {public.sha256}, signature valid",
        ],
        "",
    )
    assert page_findings(client, signed)[0] == "intact"


def test_a_row_changed_behind_the_triggers_back_is_altered(client, signed):
    frozen = SignedRecord.objects.get(meeting=signed)
    titles = [i["title"] for i in frozen.data["items"]]
    index = titles.index("Strategy refresh")
    forged = frozen.canonical.replace('"title":"Strategy refresh"', '"title":"Strategy rewritten"')
    with signed_guard_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_signedrecord SET canonical = %s WHERE id = %s", [forged, frozen.pk]
        )
    now = SignedRecord.objects.get(pk=frozen.pk).computed_sha256()

    output, error = verify_command(signed.pk)
    verdict, findings = page_findings(client, signed)

    assert output.splitlines()[:2] == [
        f"Meeting {signed.pk} (SIIG, 9 November 2026): altered",
        f"  frozen record: altered: its SHA-256 is now {now}, signed as {signed.fingerprint}; "
        f"changed: items[{index}].title",
    ]
    assert error == "1 signed record(s) altered."
    assert (verdict, findings[0]) == ("altered", output.splitlines()[1].strip())


def test_the_whole_guard_can_be_bypassed_only_as_a_tamperer_would(signed):
    """session_replication_role = replica turns every trigger off (superuser only): the
    tamperer's way round the guard, and what verify is there to catch."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE meetings_meeting SET fingerprint = %s WHERE id = %s", ["f" * 64, signed.pk]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")

    output, error = verify_command(signed.pk)

    assert output.splitlines()[1] == (
        f"  frozen record: altered: the meeting's fingerprint is now {'f' * 64}, signed as "
        f"{signed.fingerprint}"
    )
    assert error == "1 signed record(s) altered."


def test_one_byte_of_a_stored_pdf_changed_is_altered(client, signed):
    data = signed.signed_pdf.open("rb").read()
    flip_a_byte(signed.signed_pdf.name, len(data) // 3)
    changed = __import__("hashlib").sha256(default_storage.open(signed.signed_pdf.name).read())

    output, error = verify_command(signed.pk)
    verdict, findings = page_findings(client, signed)

    assert output.splitlines()[2] == (
        f"  members’ PDF: altered: its SHA-256 is now {changed.hexdigest()}, stored as "
        f"{signed.signed_pdf_sha256}"
    )
    assert (error, verdict, findings[1]) == (
        "1 signed record(s) altered.",
        "altered",
        output.splitlines()[2].strip(),
    )


def test_signed_pdf_signature_checks_with_pdfsig_and_pyhanko(signed, tmp_path):
    data = signed.signed_pdf.open("rb").read()
    broken = bytearray(data)
    broken[len(data) // 3] ^= 0x01

    assert (pdfsig(data, tmp_path), pades.signature_check(data)) == (
        "- Signature Validation: Signature is Valid.",
        (True, "signature valid"),
    )
    assert (pdfsig(bytes(broken), tmp_path), pades.signature_check(bytes(broken))) == (
        "- Signature Validation: Digest Mismatch.",
        (False, "signature broken: the signed bytes have changed"),
    )


def test_command_refuses_an_id_that_is_not_signed(draft):
    assert verify_command(draft.pk) == ("", f"No signed minutes with id {draft.pk}.")
