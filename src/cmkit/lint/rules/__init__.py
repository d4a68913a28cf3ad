"""One module per lint rule; `cmkit.lint.registry` finds them by their `CODE`."""
