"""A compiled playbook kept on disk, so that `cmkit check` starts fast.

Loading a playbook means PyYAML, pydantic and the lint rules: more than the
rest of `check` together. The decider only needs the validated playbook as
plain data, so that is written once with `marshal` under
`$XDG_CACHE_HOME/cmkit` (else `~/.cache/cmkit`), named by a hash of the
file's bytes: an edited playbook has a new name, so a stale entry is never
read. A corrupt, unreadable or unwritable cache is ignored and the playbook
loaded the slow way; `CMKIT_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from cmkit import __version__
from cmkit.decide.engine import Decider

#: Bumped whenever what `playbook_data` returns changes shape.
CACHE_FORMAT = 2
#: Entries kept; older ones are removed when a new one is written.
KEEP = 32
_SUFFIX = ".playbook.marshal"


def cache_dir() -> Path:
    """Where compiled playbooks are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cmkit"


def load_decider(path: Path) -> Decider:
    """A decider for the playbook at `path`, from the cache when its bytes are known."""
    if os.environ.get("CMKIT_NO_CACHE"):
        return Decider.from_data(_load_data(path))
    try:
        content = path.read_bytes()
    except OSError:
        content = None  # the loader says why, with the file's name
    if content is None:
        return Decider.from_data(_load_data(path))
    entry = cache_dir() / f"{_key(content)}{_SUFFIX}"
    data = _read_entry(entry)
    if data is None:
        data = _load_data(path)
        _write_entry(entry, data)
    return Decider.from_data(data)


def _key(content: bytes) -> str:
    salt = f"{CACHE_FORMAT}:{__version__}:{sys.hexversion}:".encode()
    return hashlib.blake2b(salt + content, digest_size=20).hexdigest()


def _load_data(path: Path) -> dict[str, Any]:
    from cmkit.decide.engine import playbook_data
    from cmkit.loading.load import load_playbook

    return playbook_data(load_playbook(path))


def _read_entry(entry: Path) -> dict[str, Any] | None:
    try:
        data = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) and "topics" in data and "contacts" in data else None


def _write_entry(entry: Path, data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    from cmkit.io import atomic_write

    with contextlib.suppress(Exception):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(entry, marshal.dumps(data))
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
