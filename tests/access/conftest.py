import pytest

from .spec import build_scenario


@pytest.fixture
def scenario(db):
    return build_scenario()
