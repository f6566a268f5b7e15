"""Forms of the sign-off pages. They check the shape of what was typed; whether the step is
allowed, and in which state, is for ``records.rules`` and ``records.services``."""

from __future__ import annotations

from django import forms

from .services import COMMENT_MAX_CHARS


class CommentForm(forms.Form):
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Your comment on accuracy",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(forms.Form):
    response = forms.CharField(
        label="What was done", required=False, max_length=2000, widget=forms.TextInput
    )


class CirculateForm(forms.Form):
    comments_due = forms.DateField(
        label="Comments due by",
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
        error_messages={
            "required": "Enter the day accuracy comments are due by.",
            "invalid": "Enter a date, such as 9 November 2026.",
        },
    )

    def __init__(self, *args, window=None, **kwargs):
        """``window`` (``selectors.CommentsWindow``): the days the browser's date picker
        offers; the service checks them again."""
        super().__init__(*args, **kwargs)
        if window is not None:
            attrs = self.fields["comments_due"].widget.attrs
            attrs["min"] = window.earliest.isoformat()
            if window.latest is not None:
                attrs["max"] = window.latest.isoformat()


class ApproveForm(forms.Form):
    corrections = forms.CharField(
        label="Corrections made on approval",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave empty when approved as a correct record.",
    )


class SignForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Signing is final. Re-enter your password to confirm it is you.",
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Added below the signed minutes with today’s date and your name. "
        "The signed minutes themselves do not change.",
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label="Fingerprint", max_length=64, min_length=16, strip=True)
