"""Start the workshop app with Voilà, on localhost, with nothing fetched from the internet.

Voilà's stock "lab" template links Font Awesome from a CDN. At start-up we derive an
`okrcoach-offline` template from the installed one with those links removed (so it always
matches the Voilà version in use) and point Voilà at it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

TEMPLATE = "okrcoach-offline"
NOTEBOOK = Path(__file__).parent / "workshop.ipynb"
_REMOTE = re.compile(r"^\s*<link[^>]+href=\"https?://[^\"]+\"[^>]*>\s*$", re.MULTILINE)


def offline_template(data_dir: Path) -> Path:
    """Write the offline template under data_dir/voila/templates and return data_dir (for JUPYTER_PATH)."""
    from jupyter_core.paths import jupyter_path

    source = next((Path(base) / "lab" / "index.html.j2" for base in jupyter_path("voila", "templates")
                   if (Path(base) / "lab" / "index.html.j2").is_file()), None)  # fmt: skip
    if source is None:
        raise FileNotFoundError("Voila's lab template is missing: reinstall with pip install -e \".[app]\"")
    target = data_dir / "voila" / "templates" / TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html.j2").write_text(_REMOTE.sub("", source.read_text(encoding="utf-8")), encoding="utf-8")
    (target / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    return data_dir


def voila_command(port: int, *, open_browser: bool = False) -> list[str]:
    """Return the command line that serves the workshop notebook on 127.0.0.1:port."""
    command = [
        sys.executable, "-m", "voila", str(NOTEBOOK), f"--port={port}", "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE}", "--show_tracebacks=False", "--theme=light",
    ]  # fmt: skip
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(data_dir: Path, drafts: Path | None = None) -> dict[str, str]:
    """Return the environment for Voilà: the offline template on JUPYTER_PATH, and the drafts folder."""
    environment = dict(os.environ)
    environment["JUPYTER_PATH"] = os.pathsep.join(filter(None, (str(offline_template(data_dir)), environment.get("JUPYTER_PATH"))))
    if drafts is not None:
        environment["OKRCOACH_DRAFTS"] = str(drafts)
    return environment
