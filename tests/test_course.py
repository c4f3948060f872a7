"""The README's first command: `okrcoach start` serves JupyterLab at the "start here" notebook."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from okrcoach.course import START_NOTEBOOK, course_dir


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_course_dir_holds_the_start_notebook() -> None:
    assert (course_dir() / START_NOTEBOOK).is_file()


@pytest.mark.slow
def test_start_serves_jupyterlab_opening_the_start_notebook(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "lab.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "okrcoach", "start", "--no-browser", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    try:
        status = _wait_for(f"http://127.0.0.1:{port}/api", seconds=90)
        assert status == 200, log.read_text()
        assert f"/lab/tree/notebooks/{START_NOTEBOOK}" in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                json.loads(response.read())
                return int(response.status)
        except OSError:
            time.sleep(0.5)
    return None
