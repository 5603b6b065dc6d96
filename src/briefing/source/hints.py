""""Did you mean ...?": the closest of the names a user could have meant. Every suggestion
briefing makes comes from `did_you_mean` (names, fields, figures, themes, layouts, topics)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest of `choices` ("did you mean 'title'?"), or None when none
    is close enough (`cutoff`: difflib's similarity ratio, 0 to 1). Case is ignored (`usd`
    is 'USD'), and two letters typed the wrong way round (`lable`) count as closer than one
    letter wrong ('table'), as they are the commoner slip. When no name is that close, a
    name the word begins with (`goverment`, `government`: 'gov') or that begins with the
    word (`inv`: 'investor'), three letters at least, is meant: a short name's long form, or
    a long name cut short, which difflib's ratio misses."""
    by_folded = {choice.casefold(): choice for choice in choices}
    folded = word.casefold()
    if folded in by_folded:
        return _hint(by_folded[folded])
    for candidate, choice in by_folded.items():
        if _swapped(folded, candidate):
            return _hint(choice)
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    if not close:  # of the names sharing the word's start, the most similar one
        close = difflib.get_close_matches(
            folded, [c for c in by_folded if _begins(folded, c)], n=1, cutoff=0)
    return _hint(by_folded[close[0]]) if close else None


def with_hint(message: str, word: str, choices: Iterable[str],
              otherwise: str | None = None) -> str:
    """`message; did you mean '...'?` (else `message; otherwise`), for a message that has no
    hint line of its own: a validator's, the command line's."""
    hint = did_you_mean(word, choices) or otherwise
    return f"{message}; {hint}" if hint else message


def _hint(choice: str) -> str:
    return f"did you mean '{choice}'?"


# the shorter of the two has three letters at least: two begin too many words to mean one
# (`entry` is not the field 'en' made longer, nor `in` 'investor' cut short)
_SHORTEST_START = 3


def _begins(word: str, choice: str) -> bool:
    """`word` is `choice` made longer, or `choice` cut short."""
    shorter, longer = sorted((word, choice), key=len)
    return len(shorter) >= _SHORTEST_START and longer.startswith(shorter)


def _swapped(word: str, choice: str) -> bool:
    """`word` is `choice` with two neighbouring letters exchanged."""
    if len(word) != len(choice) or word == choice:
        return False
    differ = [i for i, (a, b) in enumerate(zip(word, choice, strict=True)) if a != b]
    return (len(differ) == 2 and differ[1] == differ[0] + 1
            and word[differ[0]] == choice[differ[1]] and word[differ[1]] == choice[differ[0]])
