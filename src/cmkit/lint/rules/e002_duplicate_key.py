"""A mapping has the same key twice.

Found by the loader. YAML readers silently keep the last value, so a
consultant who writes `respond_within` twice believes in a deadline that is
not the one applied.

FAIL::

    contacts:
      - id: sav
        respond_within: 2h
        respond_within: 4h
PASS::

    contacts:
      - id: sav
        respond_within: 2h
"""

CODE = "E002"
SEVERITY = "error"
NAME = "duplicate-key"
