"""Learn from the existing: measure a charter on a labelled history, and teach it new keywords.

The framework's first rule for a community project is « partir de l'existant »
and its last « mesurer la valeur ajoutée ». `evaluate` measures how often the
playbook decides as a careful community manager did on last quarter's
messages (`cmkit eval`, `cmkit test HISTORY`); `suggest` proposes ordinary
keywords, learned from those rows, that the consultant reads and accepts or
rejects (`cmkit suggest`). Nothing here is a hidden model: every proposal is a
word or phrase of the history, with the rows it catches and those it would
wrongly catch.
"""
