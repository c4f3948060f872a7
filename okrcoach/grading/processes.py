"""Process housekeeping for the sandbox: process groups, orphans left behind, scratch folders.

A notebook may start processes of its own. They share its process group (killed as a whole),
unless they start a session of their own; those are re-parented to the grading worker, which
is made a "child subreaper" on Linux so it can find and kill them after each submission.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PR_CAPBSET_DROP = 24
#: Whether this process adopts orphans (set once per grading worker).
_SUBREAPER = {"on": False}


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux), so processes a notebook leaves behind can be killed."""
    if platform.system() != "Linux":
        return False
    try:
        _SUBREAPER["on"] = ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except OSError:
        _SUBREAPER["on"] = False
    return _SUBREAPER["on"]


def capability_dropper() -> Callable[[], None] | None:
    """Return a function that empties the capability bounding set (for a child of root), or None off Linux.

    Called between fork and exec: the exec'd interpreter then runs with user id 0 but no
    capabilities (no reboot, no raw sockets, no reading other users' files, no changing owners).
    """
    if platform.system() != "Linux":
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def drop() -> None:
        for capability in range(64):
            if prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
                raise OSError(ctypes.get_errno(), "cannot drop capabilities")

    return drop


def kill_strays() -> int:
    """Kill the processes re-parented to this (subreaper) process; return how many there were."""
    if not _SUBREAPER["on"]:
        return 0
    killed = 0
    for _ in range(20):
        strays = _children(os.getpid())
        if not strays:
            break
        for pid in strays:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except ProcessLookupError:
                pass
        for pid in strays:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    return killed


def has_exited(pid: int) -> bool:
    """Return True when the child has exited, without reaping it (its process group stays ours)."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return info is not None


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the child's whole process group; call it before reaping the child."""
    # The group leader is not reaped yet (zombie at worst), so its process group id is still ours.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == str(parent):
            found.append(int(entry.name))
    return found


def remove_tree(path: Path) -> None:
    """Remove a scratch folder, even one whose permissions the notebook changed."""
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=_force_remove)
    else:
        shutil.rmtree(path, onerror=_force_remove)


def _force_remove(function: Any, path: str, *_: Any) -> None:
    try:
        os.chmod(os.path.dirname(path), 0o700)
        os.chmod(path, 0o700)
        function(path)
    except OSError:
        pass

