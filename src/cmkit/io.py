"""Write files so that an interrupted or failed run never leaves a half-written one.

Everything cmkit writes goes to a temporary file in the destination's folder,
then replaces the destination in one `os.replace`: the old file stays whole
until the new one is complete, and an error leaves the old one untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cmkit.errors import UsageError


@contextlib.contextmanager
def atomic_output(path: Path | str, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yield a file to write to; on success it replaces `path`, on any error it vanishes."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    mode = "wb" if binary else "w"
    try:
        with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": ""})) as handle:
            yield handle
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp_name, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_output(path, binary=isinstance(data, bytes)) as handle:
        handle.write(data)
