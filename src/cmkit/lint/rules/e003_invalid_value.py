"""A key is missing, unknown, or has a value of the wrong type or form.

Found by validating the file against the model. Unknown keys are errors, with
a "did you mean" hint, so that a typo (`escalte_to`) never passes silently and
leaves a message without its referent.

FAIL::

    topics:
      - id: livraison
        label: Livraison
        action: escalade
PASS::

    topics:
      - id: livraison
        label: Livraison
        action: escalate
"""

CODE = "E003"
SEVERITY = "error"
NAME = "invalid-value"
