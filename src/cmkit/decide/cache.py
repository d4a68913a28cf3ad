"""A compiled playbook kept on disk, so that `cmkit check` starts fast.

Loading a playbook means PyYAML, pydantic and the lint rules: more than the
rest of `check` together. The decider only needs the validated playbook as
plain data, so that is written once with `marshal` under
`$XDG_CACHE_HOME/cmkit` (else `~/.cache/cmkit`; a relative XDG_CACHE_HOME is
ignored, as the XDG spec says), named by a hash of the file's bytes: an
edited playbook has a new name, so a stale entry is never read.

An entry decides messages, so it is trusted no more than it must be:

- the playbook's bytes are read once, and those very bytes are both hashed
  (the entry's name) and compiled (its content): a playbook saved between
  the two can never file new rules under the old text's name;
- the folder is used only when it is a real folder (no symlink) owned by
  the user and writable by no one else; otherwise there is no cache at all;
- every entry carries a keyed BLAKE2 tag (a MAC) over its name and content,
  with a random per-user key kept 0600 in the folder: an entry planted or
  edited by anyone who does not hold the key, or swapped for another one,
  is a miss. `marshal` itself gives no integrity; the tag does;
- an entry is read only if it is a regular file (no FIFO to hang on, no
  symlink), and at most MAX_ENTRY bytes of it;
- any doubt (unreadable, too large, wrong tag, wrong shape, a decider that
  cannot be built from it) is a miss: the playbook is loaded the slow way.

`CMKIT_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
try:  # the C modules themselves: `hashlib` and `hmac` import OpenSSL's bindings, 5 ms of check's start
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b
    from hmac import compare_digest
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

from cmkit import __version__
from cmkit.decide.engine import Decider
from cmkit.io import MAX_FILE_BYTES, read_bounded

#: Bumped whenever what `playbook_data` returns, or the entry's layout, changes.
CACHE_FORMAT = 2
#: Entries kept; older ones are removed when a new one is written.
KEEP = 32
#: The largest entry read: a 4 MB playbook compiles to well under this.
MAX_ENTRY = 64 * 1024 * 1024
_SUFFIX = ".playbook.marshal"
_MAGIC = b"cmkit\x00c2"
_KEY_FILE = "key"
_KEY_BYTES = 32
_TAG_BYTES = 32


def cache_dir() -> Path:
    """Where compiled playbooks are kept: an absolute $XDG_CACHE_HOME, else ~/.cache, then cmkit."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cmkit"


def load_decider(path: Path) -> Decider:
    """A decider for the playbook at `path`, from the cache when its bytes are known."""
    try:
        content: bytes | None = read_bounded(path, MAX_FILE_BYTES)
    except OSError:
        content = None
    if content is None or len(content) > MAX_FILE_BYTES:
        return Decider.from_data(_load_data(path, None))  # the loader says why, with the file's name
    if os.environ.get("CMKIT_NO_CACHE"):
        return Decider.from_data(_load_data(path, content))
    folder = trusted_folder()
    key = _user_key(folder) if folder is not None else None
    if folder is None or key is None:
        return Decider.from_data(_load_data(path, content))
    name = f"{_name(content)}{_SUFFIX}"
    decider = _cached_decider(folder / name, name, key)
    if decider is not None:
        return decider
    data = _load_data(path, content)
    _write_entry(folder / name, name, key, data)
    return Decider.from_data(data)


def _name(content: bytes) -> str:
    salt = f"{CACHE_FORMAT}:{__version__}:{sys.hexversion}:".encode()
    return blake2b(salt + content, digest_size=20).hexdigest()


def _tag(key: bytes, name: str, payload: bytes) -> bytes:
    return blake2b(name.encode() + b"\x00" + payload, key=key, digest_size=_TAG_BYTES).digest()


def _load_data(path: Path, content: bytes | None) -> dict[str, Any]:
    from cmkit.decide.engine import playbook_data
    from cmkit.trusted import load_playbook

    return playbook_data(load_playbook(path, content=content))


def _owned_private(info: os.stat_result, others: int) -> bool:
    return info.st_uid == os.geteuid() and not info.st_mode & others


def trusted_folder() -> Path | None:
    """The cache folder, created private if missing; None when it exists but is not safe to use
    (a symlink, not a folder, someone else's, writable by group or others)."""
    folder = cache_dir()
    try:
        if not folder.exists():
            folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _owned_private(info, 0o022):
        return None
    return folder


def _user_key(folder: Path) -> bytes | None:
    """The per-user MAC key in the folder (made on first use); None when it cannot be trusted."""
    path = folder / _KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_KEY_BYTES))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _owned_private(info, 0o077):
            return None
        key = handle.read(_KEY_BYTES + 1)
    return key if len(key) == _KEY_BYTES else None


def _cached_decider(entry: Path, name: str, key: bytes) -> Decider | None:
    """The decider in `entry` when it is a sound entry written with `key` for `name`; else None."""
    try:
        raw = read_bounded(entry, MAX_ENTRY, regular_only=True, follow=False)
    except OSError:
        return None
    head = len(_MAGIC) + _TAG_BYTES
    if len(raw) > MAX_ENTRY or len(raw) <= head or not raw.startswith(_MAGIC):
        return None
    payload = raw[head:]
    if not compare_digest(raw[len(_MAGIC):head], _tag(key, name, payload)):
        return None
    try:
        data = marshal.loads(payload)
        if not (isinstance(data, dict) and isinstance(data.get("topics"), list)
                and isinstance(data.get("contacts"), list)):
            return None
        return Decider.from_data(data)
    except Exception:  # an entry of ours that this code cannot use: a miss, never a crash
        return None


def _write_entry(entry: Path, name: str, key: bytes, data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    import tempfile

    with contextlib.suppress(Exception):
        payload = marshal.dumps(data)
        fd, temp = tempfile.mkstemp(prefix=".entry.", suffix=".part", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + _tag(key, name, payload) + payload)
            os.replace(temp, entry)  # replaces a planted symlink itself, never what it points to
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"*{_SUFFIX}"), key=lambda p: p.lstat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
