"""Validate and audit playbooks: one module per rule under `rules/`, found by `registry`."""
