from . import rules


def navigation(request):
    """What the top bar needs: the person behind the login, whether they draft minutes and
    whether they set partnerships up (the directory). No query beyond the two cached ones."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    editable = rules.editable_body_ids(user)
    return {
        "nav_person": rules.person_for(user),
        "nav_is_secretariat": editable is None or bool(editable),
        "nav_directory": rules.can_use_directory(user),
    }
