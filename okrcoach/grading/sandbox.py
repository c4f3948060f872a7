"""Run one notebook in a separate, limited process and collect its answers through a pipe.

What the child gets: a fresh scratch folder holding only a copy of the notebook (its working
directory, HOME and TMPDIR), a minimal environment, its own session and process group, resource
limits (address space, CPU seconds, file size, open files, core dumps) and, on Linux with
Landlock, a file system view limited to the Python installation plus the scratch folder, no TCP,
and no signals to processes outside the sandbox. It never gets the rubric, the hidden tests, the
submissions folder or the grader's environment variables. What it does not get: a container, a
network namespace or (unless `user` names one) a different OS user. See docs/grading.md.
"""

from __future__ import annotations

import json
import math
import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from okrcoach.grading.notebook import Notebook
from okrcoach.grading.processes import capability_dropper, has_exited, kill_group, kill_strays, remove_tree
from okrcoach.grading.runs import CHANNEL_CAP, Limits, Run, interpret

#: Environment variables passed through from the grader when set (they make runs reproducible).
PASSTHROUGH = ("OKRCOACH_TODAY", "TZ", "OKRCOACH_DEBUG")
#: Files outside the Python installation that Python and its libraries read at start-up.
_SYSTEM_READ = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/ld.so.cache", "/etc/localtime",
                "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/mime.types", "/etc/ssl", "/etc/ca-certificates",
                "/dev/urandom", "/dev/random", "/dev/zero")  # fmt: skip
#: Most bytes of a notebook's printed output the grader keeps (the rest is read and dropped).
OUTPUT_KEEP = 16 * 1024


def run_notebook(notebook: Notebook, answer_cells: dict[int, str], file_name: str, data: bytes, limits: Limits) -> Run:
    """Run the notebook's code cells in a sandboxed child and return its answers (never raises for student faults).

    `answer_cells` maps a cell number to the answer variable read right after that cell runs;
    `data` is the notebook file, copied alone into the scratch folder.
    """
    scratch = Path(tempfile.mkdtemp(prefix="okrcoach-sandbox-"))
    try:
        return _run_in(scratch, notebook, answer_cells, file_name, data, limits)
    finally:
        remove_tree(scratch)


def preflight(limits: Limits) -> str | None:
    """Return why the sandbox cannot run Python on this machine with these limits, or None when it can."""
    from okrcoach.grading.notebook import read_notebook

    empty = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    run = run_notebook(read_notebook(empty), {}, "preflight.ipynb", empty, limits)
    if run.status == "ok":
        return None
    advice = f" (the user {limits.user!r} must be able to read and run {sys.executable} and its libraries)" if limits.user else ""
    return f"the sandbox cannot run notebooks here: {run.reason}{advice}"


def protections(limits: Limits) -> tuple[str, ...]:
    """Return the protections a run with these limits gets on this machine, in words."""
    from okrcoach.grading.landlock import abi_version

    items = ["scratch folder holding only the notebook", "own session and process group",
             f"limits: {limits.timeout:g} s, {limits.memory_mb} MB memory, {limits.file_mb} MB files"]  # fmt: skip
    abi = abi_version() if limits.landlock else 0
    if abi:
        extra = (", no TCP" if abi >= 4 else "") + (", no signals outside the sandbox" if abi >= 6 else "")
        items.append(f"Landlock ABI {abi}: reads limited to Python and okrcoach, writes to the scratch folder{extra}")
    else:
        items.append("no Landlock: the notebook can read and write whatever its OS user can")
    if limits.user:
        items.append(f"OS user: {limits.user}")
    elif os.geteuid() == 0:
        items.append("same OS user as the grader (root), with every capability dropped")
    else:
        items.append(f"same OS user as the grader ({_user_name()})")
    return tuple(items)


def _run_in(scratch: Path, notebook: Notebook, answer_cells: dict[int, str], file_name: str, data: bytes, limits: Limits) -> Run:
    (scratch / Path(file_name).name).write_bytes(data)
    uid, gid = _ids(limits.user)
    if uid is not None:
        os.chown(scratch, uid, gid)
        os.chown(scratch / Path(file_name).name, uid, gid)
    spec = {"cells": [{"number": cell.number, "source": cell.source, "answer": answer_cells.get(cell.number)} for cell in notebook.code_cells]}
    try:
        ruleset = _ruleset(scratch) if limits.landlock else None
    except OSError as error:  # never fall back to running unconfined without saying so
        return Run("error", f"the sandbox could not be set up ({error}); grade with --no-landlock only if you accept that", protections=protections(limits))
    read_end, write_end = os.pipe()
    started = time.monotonic()
    try:
        process = _spawn(scratch, write_end, limits, ruleset, uid, gid)
    except (OSError, subprocess.SubprocessError) as error:
        os.close(read_end)
        return Run("error", f"the sandbox could not be started: {error}", protections=protections(limits))
    finally:
        os.close(write_end)
        if ruleset is not None:
            ruleset.close()
    try:
        output, output_bytes, channel, timed_out = _collect(process, read_end, json.dumps(spec).encode("utf-8"), started + limits.timeout)
    finally:
        os.close(read_end)
        kill_group(process)
        process.wait()
        kill_strays()
    run = interpret(channel, process.returncode, timed_out, limits)
    run.output, run.output_bytes = output.decode("utf-8", "replace"), output_bytes
    run.protections, run.seconds = protections(limits), round(time.monotonic() - started, 3)
    if output_bytes > OUTPUT_KEEP:
        run.notes.append(f"the notebook printed {output_bytes / 1e6:.1f} MB; only the first {OUTPUT_KEEP // 1024} KB were kept")
    if run.status == "error" and output:
        run.reason += ": " + run.output.strip()[-400:]
    return run


def _spawn(scratch: Path, channel: int, limits: Limits, ruleset: Any, uid: int | None, gid: int | None) -> subprocess.Popen[bytes]:
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(scratch), "TMPDIR": str(scratch), "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8",
        "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(scratch / ".matplotlib"), "IPYTHONDIR": str(scratch / ".ipython"),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TZ": "UTC",
        "PLOTLY_RENDERER": "plotly_mimetype",
    }  # fmt: skip
    environment.update({name: os.environ[name] for name in PASSTHROUGH if name in os.environ})
    command = [sys.executable, "-s", "-P", "-m", "okrcoach.grading.kernel", str(channel)]
    switch = {"user": uid, "group": gid, "extra_groups": []} if uid is not None else {}
    return subprocess.Popen(  # noqa: S603 - a fixed command; the notebook arrives on stdin
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=scratch, env=environment,
        pass_fds=(channel,), start_new_session=True, preexec_fn=_limiter(limits, ruleset, uid is not None), **switch,
    )  # fmt: skip


def _limiter(limits: Limits, ruleset: Any, switched: bool) -> Callable[[], None]:
    import resource  # POSIX only: imported here so that check_platform() can say so on Windows

    cpu = math.ceil(limits.timeout) + 1
    wanted = {resource.RLIMIT_CPU: (cpu, cpu + 1), resource.RLIMIT_AS: (limits.memory_mb * 1024 * 1024,) * 2,
              resource.RLIMIT_FSIZE: (limits.file_mb * 1024 * 1024,) * 2, resource.RLIMIT_CORE: (0, 0), resource.RLIMIT_NOFILE: (256, 256)}  # fmt: skip
    if switched:
        wanted[resource.RLIMIT_NPROC] = (64, 64)
    # Never above the grader's own hard limits (setrlimit would refuse, and every notebook would fail).
    settings = [(kind, tuple(_within(value, resource.getrlimit(kind)[1]) for value in pair)) for kind, pair in wanted.items()]
    drop_capabilities = capability_dropper() if os.geteuid() == 0 and not switched else None

    def limit() -> None:  # runs in the child between fork and exec: no allocation-heavy work here
        for kind, pair in settings:
            resource.setrlimit(kind, pair)
        if drop_capabilities is not None:
            drop_capabilities()
        if ruleset is not None:
            ruleset.apply()

    return limit


def _within(value: int, hard: int) -> int:
    import resource

    return value if hard == resource.RLIM_INFINITY else min(value, hard)


def _collect(process: subprocess.Popen[bytes], channel: int, spec: bytes, deadline: float) -> tuple[bytes, int, bytes, bool]:
    assert process.stdin is not None and process.stdout is not None
    selector = selectors.DefaultSelector()
    stdin, stdout = process.stdin.fileno(), process.stdout.fileno()
    for fd in (stdin, stdout, channel):
        os.set_blocking(fd, False)
    selector.register(stdin, selectors.EVENT_WRITE)
    selector.register(stdout, selectors.EVENT_READ)
    selector.register(channel, selectors.EVENT_READ)
    output, received, answers = bytearray(), 0, bytearray()
    pending, exited_at = memoryview(spec), None
    try:
        while selector.get_map():
            now = time.monotonic()
            if now >= deadline:
                return bytes(output), received, bytes(answers), True
            if exited_at is None and has_exited(process.pid):
                exited_at = now
            if exited_at is not None and now - exited_at > 0.5:
                break  # the notebook left a process holding the pipes open; the run itself is over
            for key, _ in selector.select(timeout=min(0.2, deadline - now)):
                fd = key.fd
                if fd == stdin:
                    pending = _feed(selector, process, pending)
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    selector.unregister(fd)
                elif fd == stdout:
                    received += len(chunk)
                    output += chunk[: max(0, OUTPUT_KEEP - len(output))]
                elif len(answers) < CHANNEL_CAP:
                    answers += chunk
        return bytes(output), received, bytes(answers), False
    finally:
        selector.close()
        try:
            process.stdin.close()
        except OSError:
            pass


def _feed(selector: selectors.BaseSelector, process: subprocess.Popen[bytes], pending: memoryview) -> memoryview:
    assert process.stdin is not None
    try:
        written = os.write(process.stdin.fileno(), pending[:65536])
        pending = pending[written:]
    except BlockingIOError:
        return pending
    except OSError:
        pending = pending[len(pending):]  # the child stopped reading (it died): nothing more to send
    if not pending:
        selector.unregister(process.stdin.fileno())
        process.stdin.close()
    return pending


def _ruleset(scratch: Path) -> Any:
    from okrcoach.grading.landlock import Ruleset

    return Ruleset.build(read=_readable(), write=(scratch, "/dev/null"))


def _readable() -> list[str]:
    import sysconfig

    import okrcoach
    from okrcoach.datasets import datasets_dir

    paths = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), os.path.dirname(os.path.realpath(sys.executable))}
    paths |= {os.path.realpath(sysconfig.get_paths()[key]) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    paths.add(os.path.realpath(Path(okrcoach.__file__).parent))
    try:
        paths.add(os.path.realpath(datasets_dir()))
    except Exception:  # noqa: BLE001 - a wheel install without datasets still grades
        pass
    return sorted(paths) + list(_SYSTEM_READ)


def _ids(user: str | None) -> tuple[int | None, int | None]:
    if not user:
        return None, None
    import pwd

    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise ValueError(f"no OS user named {user!r} for the sandbox") from None
    return entry.pw_uid, entry.pw_gid


def _user_name() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return str(os.getuid())


def check_platform() -> str | None:
    """Return why grading cannot run on this system, or None when it can."""
    if os.name != "posix":
        return "grading runs notebooks under POSIX resource limits: use Linux (or macOS, with fewer protections)"
    return None
