"""Read rendered pages the way a person does: the text of the elements that hold it."""

import lxml.html


def _tree(response):
    return lxml.html.fromstring(response.content.decode())


def _text(element) -> str:
    return " ".join(element.text_content().split())


def texts(response, xpath: str) -> list[str]:
    """Whitespace-normalised text of every element matching ``xpath``."""
    return [_text(e) for e in _tree(response).xpath(xpath)]


def by_class(cls: str, tag: str = "*") -> str:
    """XPath for elements carrying a CSS class."""
    return f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"


def links(response, xpath: str) -> list[str]:
    return [e.get("href") for e in _tree(response).xpath(xpath)]
