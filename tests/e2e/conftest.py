"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and servers on free ports.

The tests run when a Chromium is found (OKRCOACH_CHROMIUM, or chromium / chromium-browser on PATH)
and are skipped otherwise, except when OKRCOACH_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails the run. Screenshots go to test-artifacts/ (or OKRCOACH_ARTIFACTS).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def chromium_path() -> str | None:
    """Return the Chromium executable to drive, if any."""
    candidates = [os.environ.get("OKRCOACH_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((path for path in candidates if path and Path(path).exists()), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "no Chromium found: install Debian's chromium (apt install chromium) or set OKRCOACH_CHROMIUM"
        if os.environ.get("OKRCOACH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    pytest.importorskip("playwright")
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = Path(os.environ.get("OKRCOACH_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[object]:
    # Module scope: Playwright's sync API keeps an asyncio loop running while it is open, which
    # would change how later (widget) tests see the event loop.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def start(command: list[str], url: str, env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(url, process)
    except Exception:
        stop(process)
        raise RuntimeError(f"server did not start; its log:\n{log.read_text(errors='replace')[-3000:]}") from None
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@pytest.fixture
def workshop_app(tmp_path: Path, chromium: str) -> Iterator[tuple[str, Path]]:
    port = free_port()
    drafts = tmp_path / "drafts"
    okrcoach = str(Path(sys.executable).with_name("okrcoach"))
    env = {**os.environ, "OKRCOACH_TODAY": "2026-02-15"}
    process = start([okrcoach, "app", "--port", str(port), "--drafts", str(drafts)], f"http://127.0.0.1:{port}/", env, tmp_path,
                    tmp_path / "voila.log")  # fmt: skip
    yield f"http://127.0.0.1:{port}/", drafts
    stop(process)
