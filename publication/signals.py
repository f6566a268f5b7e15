"""Tombstones for the open data API, recorded as the lower apps write (``publication.oparl.gone``).

``publication`` sits on top and the apps below know nothing of it, so it listens to their models'
signals (connected in ``PublicationConfig.ready``). Before a write that can take something out of
the public record, it notes what the write's scope holds (``pre_save`` / ``pre_delete``); after
it (``post_save`` / ``post_delete``, still in the write's transaction, so a write that is rolled
back leaves no tombstone), what is no longer there becomes a tombstone:

- a body deleted, or no longer publishing: everything of it;
- a meeting deleted, moved to another body or to another day (its agenda may no longer be out),
  or its venue cleared: what of it was public;
- an item deleted or made exempt (with its sub-items); a paper deleted or its file removed;
- a membership deleted or moved (its person and partner organisation may no longer be listed);
  a person deleted, or moved to another organisation.

Most saves change none of the fields that decide, and cost no query here.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from meetings.models import AgendaItem, Meeting, Paper
from partners.models import Body, Membership, Person

from .oparl import gone

BEFORE = "_publication_public_before"


def _note(instance, scopes) -> None:
    """What the scopes hold now, kept on the instance until its write is done."""
    if scopes:
        setattr(instance, BEFORE, (list(scopes), gone.scope_rows(scopes)))


def _settle(sender, instance, **kwargs) -> None:
    """After the write: what the scopes held before and no longer hold is gone."""
    noted = instance.__dict__.pop(BEFORE, None)
    if not noted or not noted[1]:
        return
    scopes, before = noted
    after = gone.scope_rows(scopes)
    left = {key: value for key, value in before.items() if key not in after}
    if left:
        gone.record(left)


def _changed(model, instance, fields: tuple[str, ...], update_fields) -> tuple | None:
    """The stored values of ``fields`` when saving ``instance`` changes any of them, else None
    (one query; none when the save creates the row or names only other fields)."""
    if instance.pk is None or instance._state.adding:
        return None
    if update_fields is not None and not {f.removesuffix("_id") for f in fields} & {
        f.removesuffix("_id") for f in update_fields
    }:
        return None
    old = model.objects.filter(pk=instance.pk).values_list(*fields).first()
    if old is None or old == tuple(getattr(instance, f) for f in fields):
        return None
    return old


def _person_bodies(person_id: int) -> list[int]:
    bodies = Membership.objects.filter(person_id=person_id).values_list("body_id", flat=True)
    return sorted(set(bodies))


# Before ---------------------------------------------------------------------------------------


@receiver(pre_save, sender=Body, dispatch_uid="publication.body_saving")
def body_saving(sender, instance, update_fields=None, **kwargs):
    if not instance.publishes and _changed(Body, instance, ("publishes",), update_fields):
        _note(instance, [("body", instance.pk)])


@receiver(pre_save, sender=Meeting, dispatch_uid="publication.meeting_saving")
def meeting_saving(sender, instance, update_fields=None, **kwargs):
    if _changed(Meeting, instance, ("body_id", "date", "venue"), update_fields):
        _note(instance, [("meeting", instance.pk)])


@receiver(pre_save, sender=AgendaItem, dispatch_uid="publication.item_saving")
def item_saving(sender, instance, update_fields=None, **kwargs):
    # Only made exempt matters: an item stays on its meeting's agenda for its whole life.
    if instance.confidential and _changed(AgendaItem, instance, ("confidential",), update_fields):
        _note(instance, [("item", instance.pk)])


@receiver(pre_save, sender=Paper, dispatch_uid="publication.paper_saving")
def paper_saving(sender, instance, update_fields=None, **kwargs):
    if _changed(Paper, instance, ("item_id", "file"), update_fields):
        _note(instance, [("paper", instance.pk)])


@receiver(pre_save, sender=Membership, dispatch_uid="publication.membership_saving")
def membership_saving(sender, instance, update_fields=None, **kwargs):
    old = _changed(Membership, instance, ("body_id", "person_id", "organisation_id"), update_fields)
    if old:
        _note(instance, [("people", pk) for pk in sorted({old[0], instance.body_id})])


@receiver(pre_save, sender=Person, dispatch_uid="publication.person_saving")
def person_saving(sender, instance, update_fields=None, **kwargs):
    if _changed(Person, instance, ("organisation_id",), update_fields):
        _note(instance, [("people", pk) for pk in _person_bodies(instance.pk)])


@receiver(pre_delete, sender=Body, dispatch_uid="publication.body_deleting")
def body_deleting(sender, instance, **kwargs):
    _note(instance, [("body", instance.pk)])


@receiver(pre_delete, sender=Meeting, dispatch_uid="publication.meeting_deleting")
def meeting_deleting(sender, instance, **kwargs):
    _note(instance, [("meeting", instance.pk)])


@receiver(pre_delete, sender=AgendaItem, dispatch_uid="publication.item_deleting")
def item_deleting(sender, instance, **kwargs):
    _note(instance, [("item", instance.pk)])


@receiver(pre_delete, sender=Paper, dispatch_uid="publication.paper_deleting")
def paper_deleting(sender, instance, **kwargs):
    _note(instance, [("paper", instance.pk)])


@receiver(pre_delete, sender=Membership, dispatch_uid="publication.membership_deleting")
def membership_deleting(sender, instance, **kwargs):
    _note(instance, [("people", instance.body_id)])


@receiver(pre_delete, sender=Person, dispatch_uid="publication.person_deleting")
def person_deleting(sender, instance, **kwargs):
    _note(instance, [("people", pk) for pk in _person_bodies(instance.pk)])


# After ----------------------------------------------------------------------------------------

for model in (Body, Meeting, AgendaItem, Paper, Membership, Person):
    name = model._meta.model_name
    post_save.connect(_settle, sender=model, dispatch_uid=f"publication.{name}_saved")
    post_delete.connect(_settle, sender=model, dispatch_uid=f"publication.{name}_deleted")
