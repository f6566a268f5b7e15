"""A real digital signature on the signed PDFs: PAdES (baseline B) with pyHanko.

The certificate and key come from a PKCS#12 file (``SIGNING_P12_PATH``, its passphrase in
``SIGNING_P12_PASSPHRASE``). Without one, development and test settings make a self-signed
certificate on first use under ``SIGNING_SELF_SIGNED_DIR``; production has no such folder and
refuses to sign, so a signed PDF there always carries the organisation's own certificate.
Any PDF reader (or ``pdfsig``) can then show who signed and that not one byte has changed.

pyHanko is imported inside the functions: only the worker that signs needs it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SELF_SIGNED_FILE = "minutebook-self-signed.p12"
SELF_SIGNED_NAME = "Minutebook (self-signed, not for production)"
FIELD_NAME = "MinutebookSignature"


def credentials() -> tuple[Path, bytes | None]:
    """(PKCS#12 path, passphrase) to sign with; a self-signed pair where the settings allow."""
    if settings.SIGNING_P12_PATH:
        passphrase = settings.SIGNING_P12_PASSPHRASE
        return Path(settings.SIGNING_P12_PATH), passphrase.encode() if passphrase else None
    folder = settings.SIGNING_SELF_SIGNED_DIR
    if not folder:
        raise ImproperlyConfigured(
            "Signing needs the organisation's certificate: set SIGNING_P12_PATH (a PKCS#12 "
            "file) and SIGNING_P12_PASSPHRASE."
        )
    path = Path(folder) / SELF_SIGNED_FILE
    if not path.exists():
        _self_signed_create(path)
    return path, None


def _self_signed_create(path: Path) -> None:
    """A self-signed RSA certificate and key, unencrypted (development and tests only). Written
    to a temporary file and renamed, so two processes starting at once both get a whole one."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SELF_SIGNED_NAME)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"minutebook", key, certificate, None, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".p12")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(temporary, path)


@functools.lru_cache(maxsize=2)
def _signer(path: str, mtime_ns: int, passphrase: bytes | None):
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=passphrase)
    if signer is None:
        raise ImproperlyConfigured(f"The signing certificate in {path} could not be read.")
    return signer


def signer():
    path, passphrase = credentials()
    return _signer(str(path), path.stat().st_mtime_ns, passphrase)


def signing_certificate():
    """The certificate signatures are made with (asn1crypto), e.g. as a validator's trust root."""
    return signer().signing_cert


def _outside_event_loop(function, *args):
    """pyHanko's synchronous calls run their own event loop (``asyncio.run``), which fails in
    a thread that already runs one (an ASGI server, Playwright's sync API in tests): there,
    the call runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def sign_pdf(data: bytes, *, name: str, reason: str, location: str = "") -> bytes:
    """``data`` with a PAdES signature added as an incremental update (the original bytes stay
    as they are, so a PDF/A document stays one)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=name,
    )
    out = _outside_event_loop(signers.PdfSigner(metadata, signer=signer()).sign_pdf, writer)
    return out.getvalue()


def signature_check(data: bytes) -> tuple[bool, str]:
    """(intact and valid, a short account) of the PDF's signature, trusting our certificate."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001  (a damaged file is an answer, not a crash)
        return False, f"unreadable ({exc})"
    if not signatures:
        return False, "no signature"
    context = ValidationContext(trust_roots=[signing_certificate()])
    status = _outside_event_loop(validate_pdf_signature, signatures[0], context)
    if not status.intact:
        return False, "signature broken: the signed bytes have changed"
    if not status.valid:
        return False, "signature invalid"
    if status.coverage.name != "ENTIRE_FILE":
        return False, "bytes added after the signature"
    return True, "signature valid"
