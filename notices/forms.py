from django import forms


class AgendaDispatchForm(forms.Form):
    """Send the agenda now, or on the morning a number of clear days before the meeting."""

    NOW, SCHEDULE = "now", "schedule"
    when = forms.ChoiceField(
        label="When",
        choices=[(NOW, "Send it now"), (SCHEDULE, "Send it a number of clear days before")],
        widget=forms.RadioSelect,
        initial=NOW,
    )
    notice_days = forms.IntegerField(
        label="Clear days before the meeting",
        min_value=0,
        max_value=90,
        required=False,
        help_text="Neither the day it is sent nor the meeting's day counts. It goes that morning.",
    )
    number = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("when") == self.SCHEDULE and data.get("notice_days") is None:
            self.add_error("notice_days", "Say how many clear days before the meeting.")
        return data

    @property
    def scheduled_days(self) -> int | None:
        """The days to schedule for, or None to send now (after ``is_valid``)."""
        if self.cleaned_data["when"] == self.SCHEDULE:
            return self.cleaned_data["notice_days"]
        return None
