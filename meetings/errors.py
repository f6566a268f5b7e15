from django.core.exceptions import ValidationError


class RecordLocked(ValidationError):
    """The meeting's record may not change in its current state (signed, or not a draft)."""


class EditConflict(Exception):
    """Someone else saved this text since the editor loaded it."""

    def __init__(self, *, current_text: str, current_revision: int):
        super().__init__("Someone else saved this item while you were editing.")
        self.current_text = current_text
        self.current_revision = current_revision
