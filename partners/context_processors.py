from . import rules


def navigation(request):
    """What the top bar needs: the person behind the login and whether they draft minutes."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    editable = rules.editable_body_ids(user)
    return {
        "nav_person": rules.person_for(user),
        "nav_is_secretariat": editable is None or bool(editable),
    }
