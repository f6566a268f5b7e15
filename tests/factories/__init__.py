"""factory_boy factories for every model; tests build their data with these."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from actions.models import Action, ActionOwner, ActionUpdate
from meetings.models import AgendaItem, Attendance, Decision, Meeting
from partners.models import Body, Membership, Organisation, Person, Team

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Board {n}")
    short_name = factory.Sequence(lambda n: f"B{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.MEMBER


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Working group {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = dt.date(2026, 11, 9)
    start_time = dt.time(13, 0)
    venue = "Civic Centre"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    category = Attendance.Category.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    text = "<p>The report was agreed.</p>"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    # Circulated minutes: their actions are issued (see actions.rules.issued_q).
    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.CIRCULATED)
    item = factory.SubFactory(AgendaItemFactory, meeting=factory.SelfAttribute("..meeting"))
    number = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Do thing {n}")
    body = factory.SelfAttribute("meeting.body")
    # Unique within the body whatever numbers a test gives; the services count per body-year.
    reference = factory.LazyAttributeSequence(
        lambda o, n: (
            f"{o.meeting.body.short_name or o.meeting.body.name} {o.meeting.date.year}/f{n}"
        )
    )


class ActionOwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionOwner

    action = factory.SubFactory(ActionFactory)
    person = factory.SubFactory(PersonFactory)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    status_before = Action.Status.OPEN
    status_after = Action.Status.IN_PROGRESS
    note = "Under way."
