"""Problems: what every stage reports to editors, with file, line and field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in the content, located for an editor."""

    path: str
    line: int
    field: str
    message: str
    warning: bool = False
    advice: bool = False  # a warning about gaps to fill, listed by `check`, counted by `build`

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        kind = " warning:" if self.warning else ""
        return f"{where}:{kind}{field} {self.message}"


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """Return ' Did you mean 'x'?' for the closest choice, or an empty string."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""


def field_name(loc: Iterable[str | int]) -> str:
    """Render a location like ('sources', 0, 'url') as 'sources[1].url' (items count from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
