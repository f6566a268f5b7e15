"""Meetings URLs, one module per feature so the pieces stay apart."""

from .urls_drafting import urlpatterns as drafting
from .urls_record import urlpatterns as record
from .urls_search import urlpatterns as search
from .urls_signoff import urlpatterns as signoff

urlpatterns = [*record, *drafting, *signoff, *search]
