"""Which column holds which field: `--map FIELD=COLUMN` and the built-in mappings of `--from`.

A help-desk export calls the message `Description`, a social tool `Message`,
Facebook nests it three levels deep. A mapping names, for each triage field,
the column (CSV, XLSX: a header name, case, accents and spacing ignored) or
the key (JSON: a key, or a dotted path such as `from.screen_name`, a number
standing for a list's position) that holds it. Several columns for one field
are alternatives in a built-in mapping (the first the file has wins) and, for
`text`, are joined: a ticket's subject and description are one message.
`--map` overrides a built-in mapping field by field; `--map text=A --map
text=B` joins A and B.

Without `--map` or `--from`, a field is read from the column of its own name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from cmkit.errors import UsageError
from cmkit.inbox.values import fold, unmojibake

#: The fields of a triage record, in the order an output lists them.
FIELDS = ("id", "text", "channel", "author_kind", "author", "followers", "engagement", "at")


class Tool(NamedTuple):
    """A known export: for each field, alternatives (each a tuple of columns, joined for `text`)."""

    label: str
    fields: dict[str, tuple[tuple[str, ...], ...]]
    #: The channel of every record when the export has no such column (used if the playbook has it).
    channel: str | None = None
    #: Strings stored as UTF-8 bytes read as Latin-1 (Facebook's exports).
    mojibake: bool = False
    #: Where the records are in a JSON export (the first key present).
    records_at: tuple[str, ...] = ()


TOOLS: dict[str, Tool] = {
    "zendesk": Tool(
        "Zendesk tickets (CSV)",
        {
            "id": (("Id",), ("Ticket ID",)),
            "text": (("Subject", "Description"), ("Subject",), ("Description",)),
            "channel": (("Via",), ("Channel",)),
            "author": (("Requester email",), ("Requester",)),
            "at": (("Created at",),),
        },
    ),
    "freshdesk": Tool(
        "Freshdesk tickets (CSV)",
        {
            "id": (("Ticket ID",), ("Ticket Id",)),
            "text": (("Subject", "Description"), ("Subject",), ("Description",)),
            "channel": (("Source",),),
            "author": (("Email",), ("Contact ID",), ("Full name",)),
            "at": (("Created time",),),
        },
    ),
    "hootsuite": Tool(
        "Hootsuite Inbox (CSV)",
        {
            "id": (("Message ID",), ("ID",)),
            "text": (("Message",), ("Message Text",), ("Content",)),
            "channel": (("Network",), ("Social Network",)),
            "author": (("Author",), ("From",), ("Author Handle",)),
            "followers": (("Author Followers",), ("Followers",)),
            "engagement": (("Engagement",), ("Engagements",)),
            "at": (("Date",), ("Date (UTC)",), ("Created",)),
        },
    ),
    "sprout": Tool(
        "Sprout Social messages (API JSON)",
        {
            "id": (("guid",),),
            "text": (("text",),),
            "channel": (("network",),),
            "author": (("from.screen_name",), ("from.name",)),
            "at": (("created_time",),),
        },
        records_at=("data",),
    ),
    "facebook": Tool(
        "Facebook comments (Download your information, JSON)",
        {
            "text": (("data.0.comment.comment",),),
            "author": (("data.0.comment.author",),),
            "at": (("timestamp",), ("data.0.comment.timestamp",)),
        },
        channel="facebook",
        mojibake=True,
        records_at=("comments_v2", "comments"),
    ),
}

#: Column names that probably hold a field, for the hint of a file whose header has no `text`.
_LIKELY = {
    "text": ("message", "texte", "contenu", "content", "body", "commentaire", "comment", "description", "subject"),
    "channel": ("reseau", "réseau", "canal", "network", "source", "via", "plateforme", "platform"),
    "at": ("date", "created at", "heure", "time", "timestamp"),
    "author": ("auteur", "author", "from", "de", "requester"),
    "followers": ("abonnes", "abonnés", "followers"),
}


class Mapping(NamedTuple):
    """For each field, the alternatives of columns that may hold it, first found wins."""

    fields: dict[str, tuple[tuple[str, ...], ...]]
    channel: str | None = None
    mojibake: bool = False
    records_at: tuple[str, ...] = ()
    tool: str | None = None


def mapping(tool: str | None, maps: Sequence[str], _: Any) -> Mapping:
    """The mapping of `--from TOOL` and the `--map FIELD=COLUMN` options (UsageError if malformed)."""
    base = TOOLS[tool] if tool else None
    if tool and base is None:
        raise UsageError(_("unknown --from {tool} (one of {tools})").format(tool=tool, tools=", ".join(TOOLS)))
    fields = {field: ((field,),) for field in FIELDS} if base is None else dict(base.fields)
    given: dict[str, list[str]] = {}
    for item in maps:
        field, sep, column = item.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise UsageError(_("--map takes FIELD=COLUMN, as in --map text=Message, not {item}").format(item=repr(item)))
        if field not in FIELDS:
            raise UsageError(
                _("--map {field}=…: no such field (the fields: {fields})").format(field=field, fields=", ".join(FIELDS))
            )
        given.setdefault(field, []).append(column.strip())
    for field, columns in given.items():
        fields[field] = (tuple(columns),)
    return Mapping(
        fields,
        base.channel if base else None,
        base.mojibake if base else False,
        base.records_at if base else (),
        tool,
    )


def columns_of(mapped: Mapping, header: Sequence[str], given: Sequence[str], name: str, _: Any) -> dict[str, tuple[int, ...]]:
    """For each field, the positions in `header` of the columns holding it.

    `given`: the fields the user named with --map, whose columns must exist.
    Raises UsageError when a column named by --map is missing, or no column
    holds `text` (the message: nothing can be decided without it), listing
    the columns found.
    """
    folded = {}
    for position, column in enumerate(header):
        folded.setdefault(fold(str(column)), position)
    found = ", ".join(str(c) for c in header if str(c).strip()) or _("none")
    positions: dict[str, tuple[int, ...]] = {}
    for field, alternatives in mapped.fields.items():
        for columns in alternatives:
            if all(fold(c) in folded for c in columns):
                positions[field] = tuple(folded[fold(c)] for c in columns)
                break
        else:
            if field in given:
                missing = next(c for c in alternatives[0] if fold(c) not in folded)
                raise UsageError(
                    _("{name}: no column {column} for --map {field}= (columns found: {found})").format(
                        name=name, column=repr(missing), field=field, found=found
                    )
                )
    if "text" not in positions:
        raise UsageError(_no_text(mapped, header, name, found, _))
    return positions


def _no_text(mapped: Mapping, header: Sequence[str], name: str, found: str, _: Any) -> str:
    if mapped.tool:
        return _("{name}: not a {tool} export: no column for `text` (columns found: {found}); name it with --map text=COLUMN").format(
            name=name, tool=TOOLS[mapped.tool].label, found=found
        )
    hints = []
    for field, likely in _LIKELY.items():
        match = next((str(c) for c in header if fold(str(c)) in {fold(w) for w in likely}), None)
        if match is not None and (field == "text" or hints):
            hints.append(f"--map {field}={_quoted(match)}")
    suggestion = " ".join(hints) if hints else "--map text=COLUMN"
    return _("{name}: no column for `text` (columns found: {found}); say which holds what, e.g. {suggestion}").format(
        name=name, found=found, suggestion=suggestion
    )


def _quoted(column: str) -> str:
    """A column name as a shell takes it."""
    return column if column.replace("_", "").replace("-", "").isalnum() else f"'{column}'"


Extract = Callable[[Any], dict]


def row_reader(positions: dict[str, tuple[int, ...]]) -> Extract:
    """A function from a row (a list of cells) to its fields' raw values; absent or empty cells
    are left out, several columns of `text` joined by a blank line, of another field the first
    not empty."""
    single = [(field, cols[0]) for field, cols in positions.items() if len(cols) == 1]
    several = [(field, cols) for field, cols in positions.items() if len(cols) > 1]

    def extract(row: list) -> dict:
        size = len(row)
        fields = {field: row[col] for field, col in single if col < size and row[col] not in ("", None)}
        for field, cols in several:
            values = [row[c] for c in cols if c < size and row[c] not in ("", None)]
            if values:
                fields[field] = "\n\n".join(str(v) for v in values) if field == "text" else values[0]
        return fields

    return extract


def record_reader(mapped: Mapping) -> Extract:
    """A function from a JSON record (an object) to its fields' raw values, by key or dotted path."""
    plain = all(alternatives == ((field,),) for field, alternatives in mapped.fields.items())
    if plain and not mapped.mojibake:
        return lambda record: record  # the record's own keys: the common case, at no cost
    fields = list(mapped.fields.items())
    fix = unmojibake if mapped.mojibake else None

    def extract(record: dict) -> dict:
        found: dict = {}
        for field, alternatives in fields:
            for columns in alternatives:
                values = [v for v in (_at_path(record, c) for c in columns) if v not in ("", None)]
                if values:
                    value = "\n\n".join(str(v) for v in values) if field == "text" and len(values) > 1 else values[0]
                    found[field] = fix(value) if fix else value
                    break
        return found

    return extract


def _at_path(record: Any, path: str) -> Any:
    """`record[path]`, else the dotted path (`data.0.comment.comment`) into objects and lists."""
    if type(record) is dict and path in record:
        return record[path]
    for key in path.split("."):
        if type(record) is dict:
            record = record.get(key)
        elif type(record) is list and key.isdigit() and int(key) < len(record):
            record = record[int(key)]
        else:
            return None
    return record
