"""Sending a batch of notices: each notice to each person exactly once, as reminders are sent.

The pattern is ``actions.reminders``' (read its docstring for the reasoning):

1. the batch takes a PostgreSQL advisory lock of its own (two attempts of one batch never
   overlap; the lock dies with the worker's connection);
2. it claims its people's notices in one statement, committed at once, before anything is
   sent: ``INSERT ... ON CONFLICT DO NOTHING`` into ``NoticeDelivery`` (unique per person,
   meeting, kind and occasion). A notice someone else's live batch holds is skipped; unsent
   claims of an attempt that died are taken over. A person who takes their notices in the
   morning digest gets a claim with ``digest`` set and nothing now: the digest batch claims
   those rows (a conditional ``UPDATE``, the same take-over) and sends them together;
3. it writes each person's message and sends them over one SMTP connection; as the server
   accepts a message, that person's claims are marked sent.

**Failures** are kept, not released: the claim stays unsent with the reason (``error``) and a
``NoticeFailure`` row per attempt, so the outbox shows every one. A temporary failure (the
server unreachable, a 4xx answer) makes the task retry the batch with a growing delay
(``notices.tasks``); the retry takes over its own unsent claims and sends only those. A
permanent refusal (a 5xx answer: no such address) stops that notice (``stopped``) until the
secretariat asks for another try. A notice that no longer applies when its turn comes (the
minutes went back to draft) is stopped too, with the reason.

The one window left is the reminders' one: a worker killed after the server accepted a message
and before its receipt was written sends that message again.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import connection as db
from django.db.models import F
from django.utils import timezone

from common.locks import batch_lock as common_batch_lock
from partners import rules as partner_rules
from partners.models import Membership, Person

from . import rules
from .messages import Claim, Composer
from .models import Kind, NoticeBatch, NoticeDelivery, NoticeFailure

log = logging.getLogger(__name__)

ADVISORY_LOCK_CLASS = 0x4E54  # "NT": the advisory-lock namespace of notice batches

CLAIM_SQL = """
    INSERT INTO notices_noticedelivery
        (kind, meeting_id, occasion, person_id, batch_id, digest, claimed_at, sent_at,
         email, subject, attempts, error, failed_at, stopped)
    SELECT %s, %s, %s, column1, CASE WHEN column2 THEN NULL ELSE %s END, column2, %s, NULL,
           '', '', 0, '', NULL, false
    FROM (VALUES {values}) AS claim
    WHERE true
    ON CONFLICT (person_id, meeting_id, kind, occasion) DO NOTHING
    RETURNING person_id, digest
"""
# Unsent claims whose attempt is gone (no live process holds their batch's lock), taken over.
# Without PostgreSQL (``make run``) there is one process, so no other attempt is alive.
LIVE_ELSEWHERE = """EXISTS (
    SELECT 1 FROM pg_locks AS l
    WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
      AND l.classid::bigint = %(lock)s AND l.objid::bigint = d.batch_id %% 2147483648
      AND l.objsubid = 2)"""
TAKE_OVER_SQL = """
    UPDATE notices_noticedelivery AS d SET batch_id = %(batch)s, claimed_at = %(now)s
    WHERE d.sent_at IS NULL AND NOT d.stopped AND d.digest = %(digest)s
      AND d.person_id IN ({people}) {notice}
      AND (d.batch_id IS NULL OR d.batch_id = %(batch)s OR NOT {live})
    RETURNING person_id, kind, meeting_id, occasion
"""
ONE_NOTICE = "AND d.kind = %(kind)s AND d.meeting_id = %(meeting)s AND d.occasion = %(occasion)s"


@dataclass
class SendResult:
    messages: int = 0
    failures: int = 0
    stopped: int = 0
    held_for_digest: int = 0
    retry: bool = False  # a temporary failure: worth trying again later


def batch_lock(batch_id: int):
    """Yield True when this process holds the notice batch (``common.locks.batch_lock``)."""
    return common_batch_lock(ADVISORY_LOCK_CLASS, batch_id)


def notice_batch_send(*, batch_id: int) -> SendResult:
    """Send one batch (see the module docstring); safe to run twice or at once. Runs outside
    any transaction: each claim and receipt commits as it is written.

    Side effects: e-mails over one SMTP connection; ``NoticeDelivery`` rows claimed, marked
    sent, failed or stopped; ``NoticeFailure`` rows; the batch marked done when nothing of it
    is left to send."""
    with batch_lock(batch_id) as locked:
        batch = NoticeBatch.objects.filter(pk=batch_id).first()
        if not locked or batch is None or batch.done_at or batch.gave_up_at:
            return SendResult()
        NoticeBatch.objects.filter(pk=batch.pk).update(attempts=F("attempts") + 1)
        people = Person.objects.in_bulk(batch.people)
        now = timezone.now()
        if batch.kind == Kind.DIGEST:
            held, result = _claim_digest(batch, people, now), SendResult()
        else:
            held, result = _claim(batch, people, now)
        result = _send(batch, held, people, result)
        if not NoticeDelivery.objects.filter(
            batch=batch, sent_at__isnull=True, stopped=False
        ).exists():
            NoticeBatch.objects.filter(pk=batch.pk).update(done_at=timezone.now())
    return result


def _claim(batch, people: dict[int, Person], now) -> tuple[dict[int, list[Claim]], SendResult]:
    """Claim the batch's one notice for each of its people; those who take it in the digest
    get a held claim. Returns the people this attempt sends to now."""
    result = SendResult()
    rows = []
    for pid in batch.people:
        person = people.get(pid)
        if person is not None:
            digest = rules.may_have_digest(batch.kind) and (
                person.notice_timing == Person.NoticeTiming.DIGEST
            )
            rows.append((pid, digest))
    notice = {"kind": batch.kind, "meeting": batch.meeting_id, "occasion": batch.occasion}
    sending: set[int] = set()
    if rows:
        params = [batch.kind, batch.meeting_id, batch.occasion, batch.pk, now]
        params += [value for row in rows for value in row]
        with db.cursor() as cursor:
            cursor.execute(CLAIM_SQL.format(values=", ".join(["(%s, %s)"] * len(rows))), params)
            for pid, digest in cursor.fetchall():
                if digest:
                    result.held_for_digest += 1
                else:
                    sending.add(pid)
    sending |= {
        pid for pid, *_ in _take_over(batch, list(people), now, digest=False, notice=notice)
    }
    claim = Claim(batch.kind, batch.meeting_id, batch.occasion)
    return {pid: [claim] for pid in sending}, result


def _claim_digest(batch, people: dict[int, Person], now) -> dict[int, list[Claim]]:
    held: dict[int, list[Claim]] = defaultdict(list)
    for pid, kind, meeting_id, occasion in _take_over(batch, list(people), now, digest=True):
        held[pid].append(Claim(kind, meeting_id, occasion))
    return held


def _take_over(batch, person_ids: list[int], now, *, digest: bool, notice=None) -> list[tuple]:
    if not person_ids:
        return []
    params = {"batch": batch.pk, "now": now, "digest": digest, "lock": ADVISORY_LOCK_CLASS}
    params.update({f"p{i}": pid for i, pid in enumerate(person_ids)})
    params.update(notice or {})
    sql = TAKE_OVER_SQL.format(
        people=", ".join(f"%(p{i})s" for i in range(len(person_ids))),
        notice=ONE_NOTICE if notice else "",
        live=LIVE_ELSEWHERE if db.vendor == "postgresql" else "false",
    )
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _body_ids(person_ids) -> dict[int, set[int]]:
    """Each person's bodies (current memberships): what they may be told. One query."""
    bodies: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(
        partner_rules.current_memberships_q(), person_id__in=person_ids
    ).values_list("person_id", "body_id")
    for person_id, body_id in rows:
        bodies[person_id].add(body_id)
    return bodies


def _send(batch, held: dict[int, list[Claim]], people, result: SendResult) -> SendResult:
    """Send each person's message over one connection; mark each as the server answers."""
    outgoing = _compose(batch, held, people, result)
    if not outgoing:
        return result
    mail = get_connection()
    try:
        mail.open()  # one connection for the batch
    except Exception as exc:  # noqa: BLE001  (every cause is reported and retried)
        for pid, _ in outgoing:
            _failed(batch, pid, exc, result)
        return result
    try:
        for index, (pid, message) in enumerate(outgoing):
            message.connection = mail
            try:
                message.send()
            except Exception as exc:  # noqa: BLE001
                _failed(batch, pid, exc, result)
                if not _reopen(mail):  # the rest would fail the same way: try them later
                    for rest, _ in outgoing[index + 1 :]:
                        _failed(batch, rest, exc, result)
                    break
                continue
            NoticeDelivery.objects.filter(
                batch=batch, person_id=pid, sent_at__isnull=True, stopped=False
            ).update(
                sent_at=timezone.now(),
                email=people[pid].email,
                subject=message.subject[:300],
                attempts=F("attempts") + 1,
            )
            result.messages += 1
    finally:
        mail.close()
    return result


def _compose(batch, held, people, result: SendResult) -> list[tuple[int, object]]:
    """Each person's message, written before the connection opens; notices that no longer
    apply, or have no address to go to, are stopped with the reason."""
    composer = Composer()
    bodies = _body_ids(list(held))
    outgoing = []
    for pid in sorted(held):
        person = people[pid]
        sections = []
        for claim in held[pid]:
            section, reason = composer.section(claim, person, bodies[pid])
            if section is not None and not person.email:
                section, reason = None, "No e-mail address."
            if section is None:
                _stop(batch, pid, reason, claim)
                result.stopped += 1
            else:
                sections.append(section)
        if sections:
            outgoing.append((pid, composer.message(person, sections)))
    return outgoing


def _reopen(mail) -> bool:
    mail.close()
    try:
        mail.open()
    except Exception:  # noqa: BLE001
        return False
    return True


def _reason(exc: Exception) -> tuple[str, bool]:
    """The failure in words, and whether it is permanent (the server said no for good)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, text = next(iter(exc.recipients.values()))
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}", code >= 500
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{exc.smtp_code} {text}", exc.smtp_code >= 500
    return f"{type(exc).__name__}: {exc}", False


def _failed(batch, person_id: int, exc: Exception, result: SendResult) -> None:
    reason, permanent = _reason(exc)
    log.warning("Notice batch %s to person %s failed: %s", batch.pk, person_id, reason)
    now = timezone.now()
    rows = NoticeDelivery.objects.filter(batch=batch, person_id=person_id, sent_at__isnull=True)
    rows = rows.filter(stopped=False)
    ids = list(rows.values_list("pk", flat=True))
    NoticeDelivery.objects.filter(pk__in=ids).update(
        attempts=F("attempts") + 1, error=reason[:2000], failed_at=now, stopped=permanent
    )
    NoticeFailure.objects.bulk_create(
        [NoticeFailure(delivery_id=pk, at=now, reason=reason[:2000]) for pk in ids]
    )
    result.failures += 1
    result.retry = result.retry or not permanent


def _stop(batch, person_id: int, reason: str, claim: Claim) -> None:
    NoticeDelivery.objects.filter(
        batch=batch,
        person_id=person_id,
        kind=claim.kind,
        meeting_id=claim.meeting_id,
        occasion=claim.occasion,
        sent_at__isnull=True,
    ).update(stopped=True, error=reason)


def notice_batch_give_up(*, batch_id: int) -> None:
    """After the last retry: the batch stops; its unsent notices stay failed in the outbox."""
    NoticeBatch.objects.filter(pk=batch_id, done_at__isnull=True).update(gave_up_at=timezone.now())
