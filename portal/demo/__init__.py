"""Demo data: three real sets of minutes (shared/seeds/) held completely by the product.

One module per meeting holds its data as plain Python (organisations, people, memberships,
register, items with their minutes, decisions, papers, actions, next meetings); ``loader`` walks
them and writes everything through the services, so the demo exercises the same code a
secretariat does. Each module's docstring lists the judgement calls made reading its minutes.
"""

from .loader import (
    DEMO_PASSWORD,
    LOGINS,
    MEETING_MODULES,
    DemoAlreadyLoaded,
    DemoConflict,
    demo_is_loaded,
    demo_load,
    demo_remove,
)

__all__ = [
    "DEMO_PASSWORD",
    "LOGINS",
    "MEETING_MODULES",
    "DemoAlreadyLoaded",
    "DemoConflict",
    "demo_is_loaded",
    "demo_load",
    "demo_remove",
]
