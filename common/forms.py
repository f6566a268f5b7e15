"""Services refuse with ``ValidationError``; pages show the refusal beside the field it names."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def errors_to_form(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's complaint beside the field it concerns (``rename`` maps a service's
    argument to the form's field), or on top of the form when the form has no such field."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.error_dict.items():
        field = (rename or {}).get(field, field)
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error)
