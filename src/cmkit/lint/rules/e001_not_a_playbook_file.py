"""The file is not valid YAML, not UTF-8 text, or not a mapping.

Found by the loader, before any other rule can run: a charter that a tool
cannot read is a charter nobody can rely on. The message names the line and
column where reading stopped.

FAIL::

    topics: [livraison
PASS::

    topics: [livraison]
"""

CODE = "E001"
SEVERITY = "error"
NAME = "not-a-playbook-file"
