"""Linux Landlock: confine a child process to reading a few folders and writing one.

Landlock (Linux 5.13+) lets an unprivileged process give up access rights for itself and its
children: once restricted, files outside the allowed folders cannot be opened, whatever the user
id. ABI 4 (Linux 6.7) adds TCP bind/connect control and ABI 6 (Linux 6.12) stops the process
from signalling processes outside its domain and from reaching abstract Unix sockets.

The ruleset is built in the grader (`Ruleset.build`), and applied in the child between fork and
exec (`Ruleset.apply`, called from a `preexec_fn`), so the whole child program, interpreter
start-up included, runs confined. Where Landlock is missing, `abi_version()` returns 0 and the
grader says so instead of pretending.
"""

from __future__ import annotations

import ctypes
import os
import platform
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same numbers on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1

#: Rights that apply to a regular file (a rule on a file may grant only these).
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
READ = EXECUTE | READ_FILE | READ_DIR
WRITE = READ | WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SYM | MAKE_FIFO | MAKE_SOCK | REFER | TRUNCATE


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL | None:
    if platform.system() != "Linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def abi_version() -> int:
    """Return the Landlock ABI version the running kernel offers (0: no Landlock)."""
    libc = _libc()
    if libc is None:
        return 0
    version = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(int(version), 0)


def _handled_fs(abi: int) -> int:
    rights = (1 << 13) - 1  # ABI 1: EXECUTE .. MAKE_SYM
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


@dataclass
class Ruleset:
    """A Landlock ruleset file descriptor, ready to be applied in a child process."""

    fd: int
    abi: int
    libc: ctypes.CDLL

    @classmethod
    def build(cls, read: Iterable[str | Path], write: Iterable[str | Path]) -> Ruleset | None:
        """Return a ruleset allowing reads beneath `read`, everything beneath `write`; None without Landlock.

        Everything else on the file system is denied; with ABI 4+ every TCP bind and connect is
        denied, and with ABI 6+ signals and abstract Unix sockets cannot leave the sandbox.
        Paths that do not exist are skipped.
        """
        libc, abi = _libc(), abi_version()
        if libc is None or abi < 1:
            return None
        handled = _handled_fs(abi)
        attr = _RulesetAttr(handled, (NET_BIND_TCP | NET_CONNECT_TCP) if abi >= 4 else 0,
                            (SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= 6 else 0)  # fmt: skip
        size = 24 if abi >= 6 else 16 if abi >= 4 else 8
        fd = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
        if fd < 0:
            return None
        ruleset = cls(int(fd), abi, libc)
        try:
            for paths, rights in ((read, READ), (write, WRITE)):
                for path in paths:
                    ruleset._allow(Path(path), rights & handled)
        except OSError:
            ruleset.close()
            raise
        return ruleset

    def _allow(self, path: Path, rights: int) -> None:
        try:
            target = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not os.path.isdir(path):
                rights &= _FILE_RIGHTS
            rule = _PathBeneathAttr(rights, target)
            if self.libc.syscall(_ADD_RULE, ctypes.c_int(self.fd), ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(rule), ctypes.c_uint32(0)) < 0:
                error = ctypes.get_errno()
                raise OSError(error, f"Landlock refused the rule for {path}: {os.strerror(error)}")
        finally:
            os.close(target)

    def apply(self) -> None:
        """Restrict the calling process (call it in the child, between fork and exec)."""
        if self.libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if self.libc.syscall(_RESTRICT_SELF, ctypes.c_int(self.fd), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")

    def close(self) -> None:
        """Close the ruleset's file descriptor in the grader."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def describe(self) -> str:
        """Return what this ruleset enforces, in words."""
        parts = ["file system limited to the scratch folder and the Python installation"]
        if self.abi >= 4:
            parts.append("no TCP connections")
        if self.abi >= 6:
            parts.append("no signals to processes outside the sandbox")
        return f"Landlock ABI {self.abi}: " + ", ".join(parts)
