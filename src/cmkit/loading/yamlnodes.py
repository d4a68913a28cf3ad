"""Read a YAML file into plain Python values, remembering where every key and value stood.

PyYAML's composer gives nodes with marks; we build the values ourselves so that
we can (1) keep a line and column for every node, (2) refuse a key written twice
(PyYAML silently keeps the last), (3) bound alias expansion and nesting so that a
billion-laughs file is refused at once, and (4) read scalars the YAML 1.2 way,
where `no`, `on` and `yes` are strings, not booleans: a keyword list holding
`no` must not turn into `False`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cmkit.errors import LoadError

try:  # the C composer is several times faster; fall back to pure Python without libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Files larger than this are refused before parsing: a 5,000-line playbook is ~200 KB.
MAX_BYTES = 4 * 1024 * 1024
#: Nodes built from one file, aliases expanded: far above any real playbook,
#: far below what an alias bomb needs to hurt.
MAX_NODES = 1_000_000
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
_KNOWN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP}
_YAML12_BOOL = re.compile(r"true|false", re.IGNORECASE)


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


@dataclass
class SourceMap:
    """Where each value and key of a loaded document stood in its file."""

    file: str
    text: str = ""
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

    def line_text(self, line: int) -> str:
        """The source line, for showing a finding in context."""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass
class Document:
    """A parsed YAML file: its plain data and its source map."""

    data: Any
    source: SourceMap


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def read_text(path: Path, *, kind: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 file (BOM and CRLF accepted) or raise LoadError saying why not."""
    name = str(path)
    try:
        if path.is_dir():
            raise LoadError(f"{kind} is a folder, not a file", file=name, code="E001")
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                f"{kind} is too large ({size / 1_048_576:.1f} MB; the limit is "
                f"{max_bytes // 1_048_576} MB)",
                file=name,
                code="E001",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"no such {kind}", file=name) from None
    except PermissionError:
        raise LoadError(f"cannot read this {kind}: permission denied", file=name) from None
    except OSError as exc:
        raise LoadError(f"cannot read this {kind}: {exc.strerror or exc}", file=name) from None
    return decode_utf8(raw, name)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode UTF-8 text, naming the line and column of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            file=name,
            line=line,
            column=column,
            code="E001",
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise LoadError("binary data (a NUL byte), not a YAML text file", file=name, line=line, code="E001")
    return text.replace("\r\n", "\n")


def parse_yaml(text: str, name: str) -> Document:
    """Parse YAML text into plain values and a source map, or raise LoadError (E001/E002)."""
    source = SourceMap(file=name, text=text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "not valid YAML"
        if exc.context and "expected a single document" in exc.context:
            problem = "holds more than one YAML document; keep one per file"
        raise LoadError(
            f"not valid YAML: {problem}",
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            code="E001",
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}", file=name, code="E001") from None
    except RecursionError:
        raise LoadError(
            f"nested more than {MAX_DEPTH} levels deep", file=name, code="E001"
        ) from None
    finally:
        loader.dispose()
    if root is None:
        return Document(None, source)
    builder = _Builder(source)
    return Document(builder.build(root, (), 0), source)


class _Builder:
    """Turns composed nodes into values, filling the source map as it goes."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")

    def _fail(self, node: yaml.Node, message: str, code: str = "E001") -> LoadError:
        pos = _position(node)
        return LoadError(message, file=self.source.file, line=pos.line, column=pos.column, code=code)

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail(node, f"expands to more than {MAX_NODES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise self._fail(node, f"nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _KNOWN_TAGS:
            raise self._fail(node, f"the tag {node.tag!r} is not allowed in a playbook")
        self.source.values.setdefault(path, _position(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(key_node, "a key must be a plain word, not a list or mapping")
            key = self._scalar(key_node)
            key = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            child = (*path, key)
            if key in out:
                first = self.source.keys[child]
                raise self._fail(
                    key_node,
                    f"the key {key!r} appears twice in this mapping (first at line "
                    f"{first.line}); remove one",
                    code="E002",
                )
            self.source.keys[child] = _position(key_node)
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _BOOL and not _YAML12_BOOL.fullmatch(value):
            return value  # YAML 1.1's yes/no/on/off stay words
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        if tag == _INT:
            return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return self.constructor.construct_yaml_float(node)
        return value  # strings, and timestamps as written (pydantic parses them)


def load_document(path: Path | str, *, kind: str = "file") -> Document:
    """Read and parse a YAML file, raising LoadError with file, line and column."""
    path = Path(path)
    return parse_yaml(read_text(path, kind=kind), str(path))
