"""The review rules, one module per code (R1xx fixed by the spec, R2xx added by cmkit)."""
