"""What a lint rule reports, before and after it is placed in the file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from cmkit.loading.yamlnodes import PathKey

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Flag:
    """What a rule's `check` yields: where (a path into the document), what, and how to fix.

    `at_key` places the finding on the key rather than its value (for a whole
    entry, say), so the column points at something the user can see; `at`
    places it elsewhere than `path` when `path` is not in the file (a missing
    section is reported at the top of the file).
    """

    path: PathKey
    message: str
    hint: str | None = None
    at_key: bool = False
    at: PathKey | None = None


@dataclass(frozen=True)
class Finding:
    """A located problem: the unit every output format prints."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    path: str
    hint: str | None = None
    rule: str = ""
    #: The reason of the inline exception that silences this finding ("" when it gives none);
    #: None for a finding that is reported.
    suppression: str | None = None
    #: The lines an inline exception may sit on to silence it: the value's and the key's.
    anchors: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a finding (spec: cli.md, "Lint findings"); `suppression`
        (`{"justification": …}`) only on a silenced finding, shown with --show-suppressed."""
        data = asdict(self)
        del data["anchors"]
        if self.suppression is None:
            del data["suppression"]
        else:
            data["suppression"] = {"kind": "inSource", "justification": self.suppression}
        return data
