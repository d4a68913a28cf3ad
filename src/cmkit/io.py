"""Read files with a bound, and write them so that a failed run never leaves a half-written one.

Writing: everything cmkit writes to a regular file (or a new path) goes to a
temporary file in the destination's folder, then replaces the destination in
one `os.replace`: the old file stays whole until the new one is complete, and
an error leaves the old one untouched. Anything else (`/dev/null`, a
terminal, a FIFO, `/proc/self/fd/1`) is not a file that can be replaced: it
is opened and written into, like a shell's `>` does. A symlink to a regular
file keeps being a symlink: the file it points to is the one replaced.

Reading: `read_bounded` reads at most a limit, whatever `stat` says (a device
says 0 bytes and never ends), opens without waiting on a FIFO that has no
writer, and refuses devices, sockets and folders.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cmkit.errors import UsageError


#: Files larger than this are refused before parsing: a 5,000-line playbook is ~200 KB.
#: (Here, not beside the YAML reader, so that the `check` cache can bound its read
#: without importing PyYAML.)
MAX_FILE_BYTES = 4 * 1024 * 1024


class NotAFile(OSError):
    """A path that names a device, a socket or a folder: something that is not read as a file."""


def read_bounded(path: Path | str, limit: int, *, regular_only: bool = False, follow: bool = True) -> bytes:
    """The bytes of `path`, at most `limit + 1` of them (more than `limit` means "too large").

    Regular files are read; so are pipes and FIFOs (`-p <(generate)`), unless
    `regular_only`. A FIFO is opened without waiting for a writer. With
    `follow=False` a symlink is refused (for the cache, where a planted link
    could point anywhere). Raises OSError, or NotAFile for anything else.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotAFile(f"{path} is a folder")
        if not stat.S_ISREG(mode) and (regular_only or not stat.S_ISFIFO(mode)):
            raise NotAFile(f"{path} is a device, not a file")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _replaceable(target: Path) -> Path | None:
    """The regular file (or new path) to replace for `target`; None when `target` must be streamed into."""
    try:
        info = target.stat()  # follows symlinks: a link to /dev/null is /dev/null
    except FileNotFoundError:
        return Path(os.path.realpath(target)) if target.is_symlink() else target  # dangling link: create what it names
    except OSError:
        return target
    if stat.S_ISDIR(info.st_mode):
        from cmkit.i18n import current

        _ = current()
        raise UsageError(_("cannot write {target}: it is a folder").format(target=target))
    if not stat.S_ISREG(info.st_mode):
        return None
    return Path(os.path.realpath(target)) if target.is_symlink() else target


@contextlib.contextmanager
def atomic_output(path: Path | str, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yield a file to write to; on success it replaces `path`, on any error it vanishes.

    A `path` that is no regular file (a device, a FIFO, a terminal) is written
    into directly, since it cannot be replaced.
    """
    target = Path(path)
    options = {} if binary else {"encoding": encoding, "newline": ""}
    mode = "wb" if binary else "w"
    replaced = _replaceable(target)
    if replaced is None:
        try:
            handle = open(target, mode, **options)  # noqa: SIM115 (closed below)
        except OSError as exc:
            from cmkit.i18n import current

            _ = current()
            reason = exc.strerror or exc
            raise UsageError(_("cannot write {target}: {reason}").format(target=target, reason=reason)) from None
        with handle:
            yield handle
        return
    yield from _replacing(target, replaced, mode, options)


def _replacing(shown: Path, target: Path, mode: str, options: dict) -> Iterator[IO]:
    import tempfile

    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        from cmkit.i18n import current

        _ = current()
        sentence = _("cannot write {target}: the folder {folder} does not exist")
        raise UsageError(sentence.format(target=shown, folder=folder))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".part", dir=folder)
    except OSError as exc:
        from cmkit.i18n import current

        _ = current()
        reason = exc.strerror or exc
        raise UsageError(_("cannot write {target}: {reason}").format(target=shown, reason=reason)) from None
    try:
        with os.fdopen(fd, mode, **options) as handle:
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
    """Write `data` to `path` atomically (or into it, when it is a device or a FIFO)."""
    with atomic_output(path, binary=isinstance(data, bytes)) as handle:
        handle.write(data)
