"""Files in and out. In: other people's files read within bounds, never a pipe or a device
that could be read for ever. Out: files complete or absent, never over an existing file
unasked; standard output in pieces, so that a reader who goes away is noticed."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.errors import OutputError, UsageError, os_reason


class InputRefused(Exception):
    """A file that is not read: not a regular file, or larger than its bound. The message
    says why, without the file's name (the caller names it as it names files); `hint` what
    to do about it, where there is something."""

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason)
        self.hint = hint


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    A named pipe, a device or a socket is refused before a byte is read: reading one may
    never end. The size is checked before reading and again while reading, for a file that
    grows meanwhile. `OSError` as the system raises it; `InputRefused` for the rest.
    """
    # Non-blocking, so that opening a FIFO nobody writes to returns at once to be refused.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused("not a regular file (a pipe or a device); save it as a file")
        too_large = InputRefused(f"larger than {_size(limit)}", hint="split it")
        if info.st_size > limit:
            raise too_large
        chunks = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count} bytes"


@dataclass(frozen=True)
class ZipBounds:
    """How much a zip package (a Word template, a workbook) may hold once unpacked."""

    members: int = 1_000
    member_bytes: int = 64 * 1024 * 1024
    total_bytes: int = 128 * 1024 * 1024


def check_zip(data: bytes, bounds: ZipBounds) -> None:
    """Refuse a zip package whose parts are too many or unpack to too much, before any is
    unpacked. The sizes its directory declares are the most Python's zip reader will unpack
    (more fails its check), so a small file that claims little and inflates to gigabytes is
    stopped too. `InputRefused` says which bound; `zipfile.BadZipFile` if it is no zip."""
    import io
    import zipfile

    members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    if len(members) > bounds.members:
        raise InputRefused(f"holds more than {bounds.members} parts")
    declared = [m.file_size for m in members]
    if max(declared, default=0) > bounds.member_bytes:
        raise InputRefused(f"a part of it unpacks to more than {_size(bounds.member_bytes)}")
    if sum(declared) > bounds.total_bytes:
        raise InputRefused(f"unpacks to more than {_size(bounds.total_bytes)}")


def _stream(path: Path) -> bool:
    """A device or a named pipe (`/dev/null`, `/dev/stdout`, a FIFO): written into, never
    replaced by a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse early, before any work is done, what `write_atomic` would refuse: in one line
    with the system's reason, whatever the path (a name too long for the file system, a
    folder the user may not enter)."""
    status = path_status(path)
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise UsageError(f"{path}: is a folder; give a file name")
        if not force:
            raise UsageError(f"{path}: already exists; use --force to overwrite it")
        if not stat.S_ISREG(status.st_mode) and not _stream(path):
            raise UsageError(f"{path}: not a regular file, a device or a pipe")
    folder = path_status(path.parent)
    if folder is None:
        raise UsageError(f"{path.parent}: no such folder")
    if not stat.S_ISDIR(folder.st_mode):
        raise UsageError(f"{path.parent}: not a folder")


def path_status(path: Path) -> os.stat_result | None:
    """The path's status; None when nothing is there."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"{printable(str(path), one_line=True)}: {os_reason(error)}") from None


TEMPORARY_NAME_START = 40


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    Readers see the old file or the new one, never half of it; a failure leaves no
    temporary file behind. Without `force`, an existing file is left untouched, even one
    created by someone else while we were writing.
    """
    check_writable(path, force=force)
    if force and _stream(path):
        _write_into(path, data)
        return
    existing = path.stat() if force and path.is_file() else None
    import tempfile  # only commands that write a file need it; every command imports this module

    try:
        # The start of the name only: a name near the file system's limit stays within it.
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name[:TEMPORARY_NAME_START]}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise UsageError(f"{path}: cannot write here ({os_reason(error)})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _take_over(temporary, existing)
        if force:
            Path(temporary).replace(path)
            _give_back(path, existing)
        else:
            _publish_without_overwrite(temporary, path)
    except FileExistsError:
        _remove(temporary)
        raise UsageError(f"{path}: already exists; use --force to overwrite it") from None
    except OSError as error:
        _remove(temporary)
        raise UsageError(f"{path}: cannot write the file ({os_reason(error)})") from None
    except BaseException:
        _remove(temporary)
        raise


def _take_over(temporary: str, existing: os.stat_result | None) -> None:
    """Give the new file the mode of the one it replaces: a briefing kept at 0600 stays
    private. A new file gets the user's usual mode."""
    if existing is None:
        Path(temporary).chmod(0o666 & ~_umask())
        return
    Path(temporary).chmod(stat.S_IMODE(existing.st_mode))


def _give_back(path: Path, existing: os.stat_result | None) -> None:
    """Give the new file, where allowed, the owner of the one it replaced. Only once it is in
    place: a temporary file given away could not be removed again from a sticky folder
    (such as /tmp) if the replacement fails."""
    if existing is not None and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only root may give a file to someone else
            os.chown(path, existing.st_uid, existing.st_gid)


def _write_into(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as out:
            out.write(data)
    except OSError as error:
        raise UsageError(f"{path}: cannot write ({os_reason(error)})") from None


def _publish_without_overwrite(temporary: str, path: Path) -> None:
    """Move `temporary` to `path` unless `path` exists, with no window for a lost file."""
    try:
        os.link(temporary, path)  # fails if the name exists
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links; checking first is the best they allow.
        if path.exists():
            raise FileExistsError(path) from None
        Path(temporary).replace(path)
        return
    Path(temporary).unlink()


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        Path(path).unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class PipedStdout:
    """Standard output written in pieces, each flushed at once.

    One large write into a pipe whose reader has gone away can end short without an error
    (the kernel reports the part it took, and the rest is dropped); written in pieces, the
    next piece meets the closed pipe, and `dossier export | head -1` exits 1 as promised.
    Everything else (isatty, encoding, fileno) is the real standard output's.
    """

    PIECE = 8192  # characters; at most 32 KiB of UTF-8, below a pipe's capacity

    def write(self, text: str) -> int:
        _in_pieces(_stdout(), text, self.PIECE)
        return len(text)

    def flush(self) -> None:
        flush_stdout()

    def isatty(self) -> bool:
        return sys.stdout is not None and sys.stdout.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(_stdout(), name)


def _stdout() -> Any:
    if sys.stdout is None:  # started with standard output closed (`dossier show x >&-`)
        raise OutputError("cannot write to standard output (it is closed)")
    return sys.stdout


def flush_stdout() -> None:
    """Flush standard output, so that an error there is reported while the command runs."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write to standard output ({os_reason(error)})") from None


_LINE_END_PADDING = re.compile(r"(?:[ ]|\x1b\[[0-9;]*m)+(?=\n|\Z)")
_STYLE_CODE = re.compile(r"\x1b\[[0-9;]*m")


class ViewStdout(PipedStdout):
    """Views without the spaces Rich pads every line with to the terminal's width (noise in
    pipes and diffs); style codes at a line's end are kept, so colours still end."""

    def write(self, text: str) -> int:
        def unpadded(match: re.Match[str]) -> str:
            return "".join(_STYLE_CODE.findall(match.group(0)))

        return super().write(_LINE_END_PADDING.sub(unpadded, text))


def write_stdout(text: str) -> None:
    PipedStdout().write(text)


def write_stdout_bytes(data: bytes) -> None:
    """UTF-8 bytes to standard output, in pieces as `PipedStdout` writes text."""
    flush_stdout()  # what was written as text comes first
    _in_pieces(_stdout().buffer, data, PipedStdout.PIECE * 4)


def _in_pieces(out: Any, data: str | bytes, size: int) -> None:
    """`data` written and flushed `size` characters (or bytes) at a time (see `PipedStdout`)."""
    try:
        for start in range(0, len(data), size):
            out.write(data[start : start + size])
            out.flush()
    except BrokenPipeError:
        raise  # the reader went away: the command group ends quietly
    except OSError as error:
        raise OutputError(f"cannot write to standard output ({os_reason(error)})") from None


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text that a terminal shows as written: control characters (an escape sequence in a
    file name, a bell) as `\\x1b`, and with `one_line` newlines and tabs as `\\n`, `\\t`, so
    that no value can retitle or clear the terminal or fake a line of a report."""
    shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    # A file name that is not UTF-8 arrives with its bytes as lone surrogates (U+DC80…).
    shown = _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", shown)
    if one_line:
        shown = shown.replace("\n", "\\n").replace("\t", "\\t")
    return shown


# Only these stay as written in a link's target; a space, a quote or a control character is
# percent-encoded, so the link goes where its text says and no further word of an address
# can become a second link, a style or an attribute. (Markdown needs more: see its writer.)
_LINK_SAFE = ":/?#@!$&'()*+,;=%~-._[]"


def link_target(url: str) -> str:
    """The target of a hyperlink in a terminal (OSC 8) or a Word document: `url`, and only it."""
    from urllib.parse import quote

    return quote(url, safe=_LINK_SAFE)


def silence_stdout() -> None:
    """The reader of standard output went away (`dossier export | head -1`): what is still
    buffered goes nowhere, silently, instead of a second error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a folder, or the file of a
    worktree or submodule), as git itself finds its repository; None outside one."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def repository_path(path: str) -> str:
    """`path` (as the user named it) relative to the root of the repository that holds it, in
    `/` form, as GitHub names files in annotations; unchanged outside a repository."""
    if not path:
        return path
    absolute = Path(path).absolute()
    root = _root_of_folder(absolute.parent)
    if root is None:
        return path
    return Path(os.path.relpath(absolute, root)).as_posix()


@functools.lru_cache(maxsize=64)
def _root_of_folder(folder: Path) -> Path | None:
    """`repository_root`, once per folder: a report names the same few files many times."""
    return repository_root(folder)
