import pytest

from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def admin_user(db):
    """A directory administrator: a person with the flag, member of no body at all."""
    user = UserFactory()
    PersonFactory(user=user, name="Adele Administrator", is_administrator=True)
    return user


@pytest.fixture
def users(body, member_user, secretariat_user, outsider_user, admin_user):
    """One login per role the directory tells apart (anonymous is None)."""
    return {
        "anonymous": None,
        "outsider": outsider_user,
        "member": member_user,
        "secretariat": secretariat_user,
        "administrator": admin_user,
    }
