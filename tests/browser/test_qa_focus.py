"""Keyboard focus is visible on the dark top bar (found in the QA pass: a faint blue ring)."""

import pytest

from tests.browser.conftest import login
from tests.conftest import make_login
from tests.factories import BodyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_JS = """() => {
  const s = getComputedStyle(document.activeElement);
  return [document.activeElement.textContent.trim(), s.outlineStyle, s.outlineWidth, s.outlineColor];
}"""


def test_top_bar_link_shows_a_white_focus_outline(page, live_server):
    user = make_login(BodyFactory(), "member", name="Valerie Hayllor")
    login(page, live_server, user)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My actions").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    assert page.evaluate(FOCUS_JS) == ["My actions", "solid", "2px", "rgb(255, 255, 255)"]
