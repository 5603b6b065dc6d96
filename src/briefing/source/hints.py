""""Did you mean ...?": the closest of the names a user could have meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest of `choices` ("did you mean 'title'?"), or None when none
    is close enough (`cutoff`: difflib's similarity ratio, 0 to 1)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else None
