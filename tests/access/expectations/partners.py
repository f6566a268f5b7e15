"""Home, bodies list and body pages (partners/urls.py)."""

from tests.access.spec import Access

ACCESS = [
    Access("home", anonymous=302, outsider=200, member=200, secretariat=200, chair=200),
]
