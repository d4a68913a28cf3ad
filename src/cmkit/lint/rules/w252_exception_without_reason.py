"""An inline exception (`# cmkit: disable=CODE`) gives no reason.

Found by the engine, from the comments of the file. An exception is a
decision the charter's readers must be able to audit: the lawyer who answers
within a day because they are external and it was agreed, not a warning
someone wanted gone. The framework frames community management as a process
decided with the organisation; an exception without its reason is a decision
nobody can check. The exception still silences its finding, but this warning
takes its place, so `lint --strict` fails until the reason is written.

FAIL::

    contacts:
      - id: juridique
        respond_within: 1d  # cmkit: disable=W202
PASS::

    contacts:
      - id: juridique
        respond_within: 1d  # cmkit: disable=W202 — avocat externe, délai d'un jour convenu
"""

CODE = "W252"
SEVERITY = "warning"
NAME = "exception-without-reason"
