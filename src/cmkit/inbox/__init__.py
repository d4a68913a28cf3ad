"""Real inboxes in: the files community managers have, read into triage records.

A CM's messages leave a social-media or help-desk tool as a CSV, a
spreadsheet or a JSON export whose columns, dates, numbers and channel names
are the tool's, not cmkit's. This package turns them into the fields a
decision needs, without losing a record:

- `read`: one reader per file format (JSONL, CSV as Excel writes it, XLSX, JSON
  exports), each giving (line, row) pairs in input order; a row that cannot be
  read is a `BadRecord` in its place, never the end of the file;
- `mapping`: which column holds which field (`--map`, and the built-in
  mappings of `--from`);
- `values`: each field's value as tools write it (channel names and aliases,
  French author kinds, `12 500`, `02/03/2026 09:15`, Facebook's mojibake).

Nothing here decides or prints: `cmkit.decide.triage` decides the records and
the formatters write them.
"""
