"""Helpers with no domain of their own, used by every layer (the bottom of the layers)."""
