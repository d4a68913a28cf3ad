"""The few errors the CLI turns into one sentence on stderr and exit code 2."""

from __future__ import annotations


class CmkitError(Exception):
    """An input cmkit cannot work with; `str()` is the sentence shown to the user.

    `file`, `line` and `column` (1-based) say where, when known, so the sentence
    always starts with `file:line:column:` like a compiler's.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        code: str | None = None,
        path: str = "",
        lang: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.path = path
        #: The language `message` is in, when it is not the run's (a playbook's own, while it was
        #: validated): the line around it ("error:") is said in the same one.
        self.lang = lang

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class LoadError(CmkitError):
    """A playbook, scenario or case file that cannot be read, parsed or validated."""


class UsageError(CmkitError):
    """Arguments that do not make sense together, or name something that does not exist."""
