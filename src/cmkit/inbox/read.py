"""Readers, one per input format: (line, row) pairs in input order, a `BadRecord` where a row
cannot be read, so that every record of the input gives one output record.

- JSONL: one JSON object per line, read with orjson straight from the bytes,
  with the json module where the two differ (NaN, integers beyond 64 bits,
  lone surrogates). A line nested too deep, not UTF-8 or not JSON is one
  bad record.
- CSV: `,` `;` or tab (the one the header uses most), UTF-8 (a byte-order
  mark ignored), UTF-16 with its mark (Excel's "Unicode text"), else
  Windows-1252, which is what Excel writes in France; the reader says which it
  assumed and `--encoding` forces one. Quoting is strict, and a quote that
  never closes loses its own record only: reading starts again on the line
  after it.
- XLSX: the first sheet, with openpyxl in read-only mode (rows streamed);
  the header is the first row that is not empty.
- JSON: a whole-file export: an array of records, or an object holding one
  (Sprout's `data`, Facebook's `comments_v2`).

A row is a list of cells for CSV and XLSX (the header tells what each is),
any JSON value for JSONL and JSON.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson

from cmkit.errors import UsageError
from cmkit.inbox.values import BadRecord

INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json"}
_BOM = b"\xef\xbb\xbf"
#: What `surrogateescape` makes of bytes that the encoding cannot read.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_CSV_DELIMITERS = (",", ";", "\t")
#: A quoted cell may run over this many lines, or characters, before its quote counts as never closed.
_MAX_RECORD_LINES = 1000
_MAX_RECORD_CHARS = 1 << 20


class Source(NamedTuple):
    """An opened input: its header (CSV, XLSX) and its rows, and what was assumed to read it."""

    kind: str
    header: list[str] | None
    rows: Iterator[tuple[int, Any]]
    #: The encoding a CSV was read with, when it was guessed rather than UTF-8.
    assumed_encoding: str | None = None
    #: A CSV's separator, which its output keeps.
    delimiter: str | None = None


def input_format(path: Path, given: str | None, _: Any) -> str:
    """The input's format: `--input-format`, else the file's extension."""
    if given:
        return given
    found = INPUT_FORMATS.get(path.suffix.lower())
    if found is None:
        if str(path) == "-":
            raise UsageError(_("reading stdin (-) needs --input-format jsonl, csv, xlsx or json"))
        raise UsageError(
            _("{path}: cannot tell the format; name the file .jsonl, .csv, .xlsx or .json, or pass --input-format").format(path=path)
        )
    return found


def open_source(
    handle: IO[bytes], kind: str, name: str, _: Any, *, encoding: str | None = None, records_at: tuple[str, ...] = ()
) -> Source:
    """Start reading `handle` (binary, seekable for CSV encoding detection, XLSX and JSON)."""
    if kind == "jsonl":
        return Source(kind, None, jsonl_rows(handle, _))
    if kind == "csv":
        return _csv_source(handle, name, encoding, _)
    if kind == "xlsx":
        return _xlsx_source(handle, name, _)
    return Source(kind, None, _json_rows(handle, name, records_at, _))


# -- JSON Lines ---------------------------------------------------------------------


def jsonl_rows(lines: Iterable[bytes], _: Any, first: int = 1) -> Iterator[tuple[int, Any]]:
    """(line number, record) for each line that is not blank; `first`: the number of the first
    line (a chunk of a file, see `jsonl_chunks`), whose byte-order mark is dropped on line 1."""
    loads = orjson.loads
    for number, line in enumerate(lines, start=first):
        if number == 1 and line.startswith(_BOM):
            line = line[len(_BOM):]
        try:
            record = loads(line)
        except orjson.JSONDecodeError as exc:
            if line.strip():
                yield number, _json_fallback(line, str(exc), _)
            continue
        if type(record) is dict and float in map(type, record.values()):
            record = _json_fallback(line, "", _)  # orjson reads a huge integer as a float
        yield number, record


class Chunk(NamedTuple):
    """Whole lines of a JSON Lines file: the number of the first, the bytes, and where they end."""

    first: int
    data: bytes
    end: int


#: Bytes read at once by `jsonl_chunks`.
CHUNK_BYTES = 1 << 19


def jsonl_chunks(handle: IO[bytes], size: int | None = None) -> Iterator[Chunk]:
    """A JSON Lines file in chunks of whole lines (about `size` bytes, CHUNK_BYTES by default;
    a longer line is one chunk): what `cmkit triage --jobs` hands its workers, who read them
    with `jsonl_rows`."""
    size = size or CHUNK_BYTES
    first, pending = 1, []  # blocks of a line not ended yet (joined once: a long line costs no more)
    while True:
        block = handle.read(size)
        if not block:
            if pending:
                yield Chunk(first, b"".join(pending), handle.tell())
            return
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            pending.append(block)
            continue
        data = b"".join([*pending, block[:cut]]) if pending else block[:cut]
        pending = [block[cut:]] if cut < len(block) else []
        yield Chunk(first, data, handle.tell() - (len(block) - cut))
        first += data.count(b"\n")


def _json_fallback(line: bytes, why: str, _: Any) -> Any:
    """The json module's reading of a line orjson refuses, or why it is no record."""
    if why.startswith("depth limit"):
        return BadRecord(_("not valid JSON (nested too deep)"))
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return BadRecord(_("not valid UTF-8"))
    try:
        return json.loads(text)
    except RecursionError:
        return BadRecord(_("not valid JSON (nested too deep)"))
    except ValueError as exc:  # the json module's words (its `msg`, without where), said in the run's language
        why = getattr(exc, "msg", None) or exc.args[0].split(": line ")[0]
        return BadRecord(_("not valid JSON ({why})").format(why=_.p("json", why)))


# -- JSON exports --------------------------------------------------------------------


def _json_rows(handle: IO[bytes], name: str, records_at: tuple[str, ...], _: Any) -> Iterator[tuple[int, Any]]:
    data = handle.read()
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        document = _json_fallback(data, "", _)
    if isinstance(document, BadRecord):
        raise UsageError(f"{name}: {document}")
    if not records_at and isinstance(document, dict) and ("comments_v2" in document or "comments" in document):
        raise UsageError(_("{name}: this looks like Facebook's comments export: add --from facebook").format(name=name))
    records = _records_in(document, records_at)
    if records is None:
        raise UsageError(_("{name}: no list of records in this JSON (an array of objects, or an object holding one)").format(name=name))
    return iter(enumerate(records, start=1))


def _records_in(document: Any, records_at: tuple[str, ...]) -> list | None:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return None
    for key in records_at or ("data", "records", "messages", "items"):
        if isinstance(document.get(key), list):
            return document[key]
    lists = [value for value in document.values() if isinstance(value, list)]
    return lists[0] if len(lists) == 1 and not records_at else None


# -- CSV -------------------------------------------------------------------------------


def _csv_source(handle: IO[bytes], name: str, encoding: str | None, _: Any) -> Source:
    assumed = None
    if encoding is None:
        encoding = _guess_encoding(handle)
        if encoding not in ("utf-8-sig", "utf-16"):
            assumed = encoding
    else:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(_("unknown --encoding {encoding} (for example utf-8, cp1252, latin-1)").format(encoding=encoding)) from None
        if encoding == "utf-8":
            encoding = "utf-8-sig"
    text = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")
    lines = iter(text)
    before_header: list[str] = []
    for line in lines:
        before_header.append(line)
        if line.strip():
            break
    counts = [before_header[-1].count(d) if before_header else 0 for d in _CSV_DELIMITERS]
    delimiter = _CSV_DELIMITERS[counts.index(max(counts))]
    width: list[int] = []  # the header's, once read
    rows = _csv_rows(itertools.chain(before_header, lines), delimiter, _, width)
    header: list[str] = []
    for start, row in rows:
        if isinstance(row, BadRecord) or not row:
            continue
        if any(_UNDECODABLE.search(cell) for cell in row):
            raise UsageError(_("{name}:{line}: the header is not valid {encoding}; pass --encoding").format(
                name=name, line=start, encoding=encoding))
        header = [cell.strip() for cell in row]
        width.append(len(header))
        break
    return Source("csv", header, _csv_records(rows, len(header), _), assumed, delimiter)


def _guess_encoding(handle: IO[bytes]) -> str:
    """UTF-8 when the whole file reads as UTF-8 (checked in chunks, then rewound), UTF-16
    with its mark, else Windows-1252: what Excel writes in France."""
    head = handle.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        handle.seek(0)
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head)
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        guess = "utf-8-sig"
    except UnicodeDecodeError:
        guess = "cp1252"
    handle.seek(0)
    return guess


def _csv_rows(lines: Iterator[str], delimiter: str, _: Any, width: list[int]) -> Iterator[tuple[int, list[str] | BadRecord]]:
    """(first line, cells) per record, blank lines included as empty rows.

    One strict csv reader runs over the lines while it can; when a record
    fails (a quote that never closes, one that closes many lines later with
    text after it, or a record over several lines whose cells do not match
    the header's `width`), that record's first line is one bad record and
    reading starts again on the line after it, so no other record is lost.
    """
    stack: list[str] = []  # lines to read again, the next one last
    taken: list[str] = []  # the lines of the record being read
    size = [0]

    def feed() -> Iterator[str]:
        while True:
            if stack:
                line = stack.pop()
            else:
                line = next(lines, None)
                if line is None:
                    return
            taken.append(line)
            size[0] += len(line)
            if len(taken) > _MAX_RECORD_LINES or size[0] > _MAX_RECORD_CHARS:
                raise _Unclosed
            yield line

    number = 1
    while True:
        reader = csv.reader(feed(), delimiter=delimiter, strict=True)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                if not taken:
                    return
                failure: Exception = csv.Error("unexpected end of data")
            except (csv.Error, _Unclosed) as exc:
                failure = exc
            else:
                if len(taken) == 1 or not width or len(row) == width[0]:
                    yield number, row
                    number += len(taken)
                    taken.clear()
                    size[0] = 0
                    continue
                failure = _Unclosed()  # a quote that closed lines later, in some other record
            yield number, _csv_failure(failure, _)
            stack.extend(reversed(taken[1:]))
            number += 1
            taken.clear()
            size[0] = 0
            break


class _Unclosed(Exception):
    """A quoted cell longer than any message: its quote never closes."""


def _csv_failure(exc: Exception, _: Any) -> BadRecord:
    if isinstance(exc, _Unclosed) or str(exc) == "unexpected end of data":
        return BadRecord(_("not valid CSV: a quote opened on this line never closes"))
    if "expected after" in str(exc):
        return BadRecord(_("not valid CSV: a quote opened on this line closes in the middle of a cell"))
    return BadRecord(_("not valid CSV ({why})").format(why=exc))


def _csv_records(rows: Iterator[tuple[int, Any]], width: int, _: Any) -> Iterator[tuple[int, Any]]:
    """The rows after the header: blank ones left out, a row wider than the header or with
    bytes the encoding cannot read made bad records."""
    for start, row in rows:
        if isinstance(row, BadRecord):
            yield start, row
        elif not row or (len(row) == 1 and not row[0].strip()):
            continue
        elif any(_UNDECODABLE.search(cell) for cell in row):
            yield start, BadRecord(_("not valid UTF-8 (pass --encoding if the file is in another encoding)"))
        elif len(row) > width and any(cell.strip() for cell in row[width:]):
            yield start, BadRecord(_("more cells than the header has columns"))
        else:
            yield start, row


# -- XLSX ------------------------------------------------------------------------------


def _xlsx_source(handle: IO[bytes], name: str, _: Any) -> Source:
    import zipfile

    try:
        from openpyxl import load_workbook

        book = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UsageError(_("{name}: not a readable .xlsx workbook ({why})").format(name=name, why=exc)) from None
    sheet = book.worksheets[0]
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    header: list[str] = []
    for _number, row in rows:
        if any(cell not in (None, "") for cell in row):
            header = ["" if cell is None else str(cell).strip() for cell in row]
            break

    def records() -> Iterator[tuple[int, Any]]:
        try:
            for number, row in rows:
                if any(cell not in (None, "") for cell in row):
                    yield number, list(row)
        finally:
            book.close()

    return Source("xlsx", header, records())
