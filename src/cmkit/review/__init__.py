"""`cmkit review`: is this draft reply all right by *this* charter? (spec: cli.md, `cmkit review`).

The engine (`engine.review`) reads a draft and the playbook and returns plain
findings with code-point offsets; it never prints. Each check is one module
of `review.rules` (code, severity, docstring, `check`), found by
`review.registry` the way `lint.registry` finds the lint rules.
"""
