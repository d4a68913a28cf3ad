"""Exercises drawn from a playbook: the handout's and `cmkit drill`'s, from one source."""
