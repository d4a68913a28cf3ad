"""Read a YAML file into plain Python values, remembering where every key and value stood.

We build the values from PyYAML's parser events ourselves, without its
composer, so that we can (1) keep a line and column for every node, (2) refuse a key written twice
(PyYAML silently keeps the last), (3) bound alias expansion and nesting so that a
billion-laughs file is refused at once, and (4) read scalars the YAML 1.2 way,
where `no`, `on` and `yes` are strings, not booleans: a keyword list holding
`no` must not turn into `False`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cmkit.errors import LoadError
from cmkit.i18n import current
from cmkit.i18n.numbers import number

try:  # the C composer is several times faster; fall back to pure Python without libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from cmkit.io import MAX_FILE_BYTES as MAX_BYTES  # noqa: E402 (with the other limits)

#: Keys and values in one file, each alias counted as the size of what it stands
#: for: a 5,000-line playbook holds ~11,000; an alias bomb is refused as soon as
#: it passes this, and validation never walks more.
MAX_NODES = 100_000
#: Nesting depth: a playbook is five levels deep; a hostile file can be thousands.
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_ALLOWED_TAGS = {
    yaml.ScalarNode: {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP},
    yaml.SequenceNode: {_SEQ},
    yaml.MappingNode: {_MAP},
}
_YAML12_BOOL = re.compile(r"true|false", re.IGNORECASE)
#: YAML 1.2 core numbers; YAML 1.1's others (`1:30` in base 60, `1_000`, `0b11`) stay text.
_YAML12_NUMBER = re.compile(
    r"[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_DECIMAL = re.compile(r"[-+]?[0-9]+")


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


def format_path(path: PathKey) -> str:
    """('topics', 2, 'escalate_to') -> 'topics[2].escalate_to'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def source_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them: split at LF only (CRLF is LF by now)."""
    return text.split("\n")


class _Lines:
    """Turns PyYAML's 0-based (line, column) marks into the editor's 1-based position.

    PyYAML reads YAML 1.1, where NEL, LS, PS and a lone CR also end a line;
    editors, `grep -n` and cmkit's own source excerpts show them inside one.
    Text without them (nearly all) needs no mapping. A mark past the end (libyaml
    adds a line after a last line without a line feed) is the end of the text.
    """

    _YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.end = offset_position(text, len(text))
        self.yaml_starts: list[int] | None = None
        self.starts: list[int] = []
        if any(ch in text for ch in "\r\x85\u2028\u2029"):
            self.yaml_starts = [0, *(m.end() for m in self._YAML_BREAK.finditer(text))]
            self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, line: int, column: int) -> Position:
        if self.yaml_starts is None:
            return Position(line + 1, column + 1) if line < self.end.line else self.end
        offset = min(self.yaml_starts[min(line, len(self.yaml_starts) - 1)] + column, self.length)
        line = bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)


def _char_at(text: str, where: Position) -> str:
    """The character at an editor position, or '' past the end."""
    lines = source_lines(text)
    return lines[where.line - 1][where.column - 1 : where.column] if where.line <= len(lines) else ""


def offset_position(text: str, offset: int) -> Position:
    """The editor position of the character at `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - start + 1)


@dataclass
class SourceMap:
    """Where each value and key of a loaded document stood in its file."""

    file: str
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def value_at(self, path: PathKey) -> Position:
        """The position of the value at `path`, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:end]))
            if found:
                return found
        return Position(1, 1)

    def key_at(self, path: PathKey) -> Position:
        """The position of the key naming `path` (falls back to the value's position)."""
        return self.keys.get(tuple(path)) or self.value_at(path)

    def error_at(self, path: PathKey, message: str, *, key: bool = False) -> LoadError:
        """A LoadError at the value (or the key) at `path`: for checks made after loading,
        such as a scenario or a case naming a channel its playbook lacks."""
        where = self.key_at(path) if key else self.value_at(path)
        return LoadError(message, file=self.file, line=where.line, column=where.column)


class DuplicateKeys(LoadError):
    """Keys written twice (E002): all of them, so that lint reports every one at once."""

    def __init__(self, each: list[LoadError]) -> None:
        first = each[0]
        super().__init__(
            first.message, file=first.file, line=first.line, column=first.column, code=first.code, path=first.path
        )
        self.each = each


@dataclass
class Document:
    """A parsed YAML file: its plain data and its source map."""

    data: Any
    source: SourceMap


def read_text(path: Path, *, kind: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 file (BOM and CRLF accepted) or raise LoadError saying why not.

    The read itself is bounded (not `stat`, which says 0 for a device that
    never ends), and a device, a socket or a folder is refused before reading.
    """
    from cmkit.io import NotAFile, read_bounded

    name = str(path)
    _ = current()
    try:
        raw = read_bounded(path, max_bytes)
    except FileNotFoundError:
        raise LoadError(_("no such {kind}").format(kind=_kind(kind)), file=name) from None
    except PermissionError:
        raise LoadError(_("cannot read this {kind}: permission denied").format(kind=_kind(kind)), file=name) from None
    except (NotAFile, IsADirectoryError):
        if Path(path).is_dir():
            raise LoadError(_("{kind} is a folder, not a file").format(kind=_kind(kind)), file=name) from None
        raise LoadError(
            _("{kind} is a device, not a file; give a regular file").format(kind=_kind(kind)), file=name
        ) from None
    except OSError as exc:
        raise LoadError(
            _("cannot read this {kind}: {reason}").format(kind=_kind(kind), reason=exc.strerror or exc), file=name
        ) from None
    if len(raw) > max_bytes:
        raise LoadError(
            _("{kind} is too large (more than {limit} MB, the limit)").format(
                kind=_kind(kind), limit=max_bytes // 1_048_576
            ),
            file=name,
            code="E001",
        )
    return decode_utf8(raw, name)


def _kind(kind: str) -> str:
    """What is being read, as a noun of the run's language."""
    _ = current()
    nouns = {"playbook": _("playbook"), "scenario": _("scenario"), "case file": _("case file"), "file": _("file")}
    return nouns.get(kind, kind)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode UTF-8 text, naming the line and column of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    _ = current()
    if _is_utf16(raw):
        raise LoadError(_("UTF-16 text, not UTF-8; save the file as UTF-8"), file=name, line=1, column=1, code="E001")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        byte = f"0x{raw[exc.start]:02x}"
        message = (
            _("not UTF-8 text (byte {byte}; it looks like Latin-1 or Windows-1252); save the file as UTF-8")
            if _is_cp1252(raw)
            else _("not UTF-8 text (byte {byte}); save the file as UTF-8")
        )
        raise LoadError(
            message.format(byte=byte),
            file=name,
            line=raw.count(b"\n", 0, exc.start) + 1,
            column=len(raw[line_start : exc.start].decode("utf-8")) + 1,
            code="E001",
        ) from None
    if "\x00" in text:
        where = offset_position(text, text.index("\x00"))
        raise LoadError(
            _("binary data (a NUL byte), not a YAML text file"),
            file=name,
            line=where.line,
            column=where.column,
            code="E001",
        )
    return text.replace("\r\n", "\n")


def _is_utf16(raw: bytes) -> bool:
    """A UTF-16 byte-order mark, or the zero byte every other byte that UTF-16 gives ASCII text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    return len(head) >= 8 and any(head[i::2].count(0) * 10 >= len(head[i::2]) * 9 for i in (0, 1))


def _is_cp1252(raw: bytes) -> bool:
    """Whether bytes read as Windows-1252 text (a superset of Latin-1's letters) without control codes."""
    try:
        decoded = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in decoded)


def parse_yaml(text: str, name: str) -> Document:
    """Parse YAML text into plain values and a source map, or raise LoadError (E001/E002)."""
    source = SourceMap(file=name)
    _ = current()
    lines = _Lines(text)
    loader = _Loader(text)
    try:
        return Document(_Builder(loader, source, lines).document(), source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = lines.position(mark.line, mark.column) if mark else None
        problem = exc.problem or ""
        if "nesting depth" in problem:
            # libyaml (PyYAML >= 6.0.2's bundled copy) stops deep nesting itself, while
            # scanning ahead of the events our own depth guard counts: same limit, our words
            raise LoadError(
                _("nested more than {limit} levels deep").format(limit=MAX_DEPTH),
                file=name,
                line=where.line if where else None,
                column=where.column if where else None,
                code="E001",
            ) from None
        # PyYAML's own words (English), said in the run's language where the catalogue has them
        problem = _.p("yaml", problem) if problem else problem
        if where and _char_at(text, where) == "\t":
            problem = _("a tab character; YAML indents with spaces only")
        opened = exc.context_mark and lines.position(exc.context_mark.line, exc.context_mark.column)
        if exc.context and opened and where and opened.line != where.line:
            problem += " " + _("({context} opened at line {line}, column {column})").format(
                context=_.p("yaml", exc.context), line=opened.line, column=opened.column
            )
        raise LoadError(
            _("not valid YAML: {problem}").format(problem=problem) if problem else _("not valid YAML"),
            file=name,
            line=where.line if where else None,
            column=where.column if where else None,
            code="E001",
        ) from None
    except yaml.reader.ReaderError as exc:
        # libyaml gives a byte offset here, so find the character itself
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        where = offset_position(text, found) if found >= 0 else Position(1, 1)
        raise LoadError(
            _("the character {code} is not allowed in YAML text").format(code=f"U+{exc.character:04X}"),
            file=name,
            line=where.line,
            column=where.column,
            code="E001",
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(_("not valid YAML: {problem}").format(problem=exc), file=name, code="E001") from None
    finally:
        loader.dispose()


@dataclass
class _Open:
    """A sequence or mapping being built: where it is, and what it holds so far."""

    value: list[Any] | dict[str, Any]
    path: PathKey
    anchor: str | None
    size_before: int
    key: str | None = None  # a mapping's key waiting for its value


class _Builder:
    """Builds values from the parser's events, iteratively, filling the source map as it goes.

    PyYAML's composer recurses once per nesting level (libyaml's crashes the
    interpreter on a few thousand `[`), and expanding aliases copies subtrees;
    here nesting is a list, an alias shares the anchored value, and the
    expanded size is counted, so a billion-laughs file is refused in
    microseconds and validation never walks a billion nodes.
    """

    def __init__(self, loader: Any, source: SourceMap, lines: _Lines) -> None:
        self.loader = loader
        self.source = source
        self.lines = lines
        self.size = 0  # values built, aliases counted as the size of what they stand for
        self.by_aliases = 0  # the part of `size` that aliases stand for
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.int_reader = yaml.SafeLoader("")
        self.plain_tags: dict[str, str] = {}
        self.duplicates: list[LoadError] = []

    def _mark(self, event: yaml.Event) -> Position:
        return self.lines.position(event.start_mark.line, event.start_mark.column)

    def _fail(self, event: yaml.Event, message: str, code: str = "E001") -> LoadError:
        where = self._mark(event)
        return LoadError(message, file=self.source.file, line=where.line, column=where.column, code=code)

    def document(self) -> Any:
        """The single document's value (None for an empty file)."""
        get = self.loader.get_event
        get()  # StreamStart
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        get()  # DocumentStart
        value = self._value()
        get()  # DocumentEnd
        if not self.loader.check_event(yaml.StreamEndEvent):
            _ = current()
            raise self._fail(get(), _("holds more than one YAML document; keep one per file"))
        if self.duplicates:
            raise DuplicateKeys(self.duplicates)
        return value

    def _grow(self, event: yaml.Event, by: int) -> None:
        self.size += by
        if isinstance(event, yaml.AliasEvent):
            self.by_aliases += by
        if self.size > MAX_NODES:
            _ = current()
            limit = number(MAX_NODES, _.lang)
            if self.by_aliases * 2 > self.size:  # mostly made of repeats: an alias bomb, or close
                raise self._fail(
                    event,
                    _(
                        "its aliases (*name) expand it to more than {limit} keys and values, the limit "
                        "for one file (an alias bomb?); write the values out or repeat fewer of them"
                    ).format(limit=limit),
                )
            raise self._fail(
                event,
                _(
                    "holds more than {limit} keys and values, the limit for one file (a 5,000-line "
                    "playbook holds about 11,000); split the list, or check that it was meant to be this long"
                ).format(limit=limit),
            )

    def _tag(self, event: yaml.Event, kind: type[yaml.Node], value: str | None = None) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            implicit = getattr(event, "implicit", (True, False))
            if kind is not yaml.ScalarNode or not implicit[0]:
                tag = self.loader.resolve(kind, value, implicit)
            else:  # plain scalars repeat (ids, actions, keys): resolve each text once
                tag = self.plain_tags.get(value)
                if tag is None:
                    tag = self.plain_tags[value] = self.loader.resolve(kind, value, implicit)
        if tag == _MERGE:
            _ = current()
            raise self._fail(event, _("merge keys (<<) are not supported; write the keys out"))
        if tag not in _ALLOWED_TAGS[kind]:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            _ = current()
            raise self._fail(event, _("the tag {tag} is not allowed here in a playbook; remove it").format(tag=shown))
        return tag

    def _value(self) -> Any:
        stack: list[_Open] = []
        get = self.loader.get_event
        while True:
            event = get()
            parent = stack[-1] if stack else None
            if isinstance(parent, _Open) and isinstance(parent.value, dict) and parent.key is None:
                if isinstance(event, yaml.MappingEndEvent):
                    value = self._close(stack.pop())
                else:
                    self._key(event, parent)
                    continue
            elif isinstance(event, yaml.SequenceEndEvent):
                value = self._close(stack.pop())
            else:
                path = _child_path(parent)
                self.source.values.setdefault(path, self._mark(event))
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    if len(stack) >= MAX_DEPTH:
                        _ = current()
                        raise self._fail(event, _("nested more than {limit} levels deep").format(limit=MAX_DEPTH))
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    self._tag(event, yaml.MappingNode if is_map else yaml.SequenceNode)
                    self._grow(event, 1)
                    stack.append(_Open({} if is_map else [], path, event.anchor, self.size - 1))
                    continue
                value = self._leaf(event)
            if not stack:
                return value
            _attach(stack[-1], value)

    def _leaf(self, event: yaml.Event) -> Any:
        """The value of a scalar or an alias."""
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                _ = current()
                raise self._fail(
                    event,
                    _("the alias *{anchor} refers to no anchor before it (or to the node that contains it)").format(
                        anchor=event.anchor
                    ),
                )
            value, size = self.anchors[event.anchor]
            self._grow(event, size)
            return value
        value = self._scalar(event)
        self._grow(event, 1)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        return value

    def _close(self, done: _Open) -> Any:
        if done.anchor:
            self.anchors[done.anchor] = (done.value, self.size - done.size_before)
        return done.value

    def _key(self, event: yaml.Event, mapping: _Open) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            _ = current()
            raise self._fail(event, _("a key must be a plain word, not a list, a mapping or an alias"))
        key = self._scalar(event)
        key = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        child = (*mapping.path, key)
        assert isinstance(mapping.value, dict)
        if key in mapping.value:
            first = self.source.keys[child]
            _ = current()
            duplicate = self._fail(
                event,
                _("the key {key} appears twice in this mapping (first at line {line}, column {column}); remove one").format(
                    key=repr(key), line=first.line, column=first.column
                ),
                code="E002",
            )
            duplicate.path = format_path(child)
            self.duplicates.append(duplicate)
        else:
            self.source.keys[child] = self._mark(event)
        self._grow(event, 1)
        mapping.key = key

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        tag = self._tag(event, yaml.ScalarNode, value)
        if tag == _BOOL and not _YAML12_BOOL.fullmatch(value):
            return value  # YAML 1.1's yes/no/on/off stay words
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        if tag in (_INT, _FLOAT) and not _YAML12_NUMBER.fullmatch(value):
            return value
        if tag in (_INT, _FLOAT):
            node = yaml.ScalarNode(tag, value)
            try:
                if _DECIMAL.fullmatch(value):
                    return int(value)  # YAML 1.2: 010 is ten, not octal eight
                if tag == _INT:
                    return self.int_reader.construct_yaml_int(node)
                return self.int_reader.construct_yaml_float(node)
            except ValueError:
                _ = current()
                digits = number(len(value), _.lang)
                sentence = _("a number of {count} digits is too long to read")
                raise self._fail(event, sentence.format(count=digits)) from None
        return value  # strings, and timestamps as written (pydantic parses them)


def _child_path(parent: _Open | None) -> PathKey:
    """The path of the next value inside `parent` (the root's path is empty)."""
    if parent is None:
        return ()
    if isinstance(parent.value, list):
        return (*parent.path, len(parent.value))
    assert parent.key is not None
    return (*parent.path, parent.key)


def _attach(parent: _Open, value: Any) -> None:
    if isinstance(parent.value, list):
        parent.value.append(value)
    else:
        assert parent.key is not None
        parent.value[parent.key] = value
        parent.key = None


def load_document(path: Path | str, *, kind: str = "file") -> Document:
    """Read and parse a YAML file, raising LoadError with file, line and column."""
    path = Path(path)
    return parse_yaml(read_text(path, kind=kind), str(path))
