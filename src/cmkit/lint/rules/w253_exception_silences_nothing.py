"""An inline exception silences nothing, or names no rule.

Found by the engine, from the comments of the file. An exception left behind
after the charter was fixed (the referent now answers within the hour) would
silently excuse the next, different problem on that line; one that names a
code that does not exist excuses nothing at all. Like ruff's unused `noqa`,
both are reported so the file only keeps exceptions that still mean something.
A comment on a line of its own covers the next line that is not blank or a
comment.

FAIL::

    contacts:
      - id: juridique
        respond_within: 30m  # cmkit: disable=W202 — avocat externe
PASS::

    contacts:
      - id: juridique
        respond_within: 30m
"""

CODE = "W253"
SEVERITY = "warning"
NAME = "exception-silences-nothing"
