"""The no-code workshop app: the OKR drafter, the KPI picker, upload and download on one page.

Served with Voilà by `okrcoach app` (the notebook next to this file holds one line that shows
`WorkshopApp()`), and usable in any notebook too. Everything a participant types is autosaved to
their drafts folder (OKRCOACH_DRAFTS, default ~/okrcoach-drafts), so a closed tab loses nothing.
"""

from __future__ import annotations

import base64
import html
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from okrcoach.errors import LoadError, OkrcoachError
from okrcoach.model import Plan

UPLOAD_SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".xlsx", ".md", ".txt", ".json")
DOWNLOADS = {"yaml": ("okrs.yaml", "application/x-yaml"), "markdown": ("okrs.md", "text/markdown"),
             "xlsx": ("okrs.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}  # fmt: skip
HELP = """
<h2 style="margin:0">okrcoach workshop</h2>
<p style="max-width:60em">Three steps: draft your OKRs (the coach checks them as you type and your
draft is saved automatically), choose the KPIs your team will watch, then download the result.
Already have OKRs in a file? Use <b>Upload a file</b> to check them.</p>
"""


def drafts_folder() -> Path:
    """Return the folder where this user's drafts are autosaved."""
    return Path(os.environ.get("OKRCOACH_DRAFTS") or Path.home() / "okrcoach-drafts")


class WorkshopApp(widgets.VBox):
    """Three steps for a participant who never writes code: draft, choose KPIs, download (or upload to check)."""

    def __init__(self, *, drafts: str | os.PathLike[str] | None = None, debounce: float = 0.4, scheduler: Any = None) -> None:
        from okrcoach.widgets.drafter import OKRDrafter
        from okrcoach.widgets.picker import KPIPicker

        super().__init__()
        folder = Path(drafts) if drafts is not None else drafts_folder()
        self.drafter = OKRDrafter(autosave=folder / "workshop.yaml", debounce=debounce, scheduler=scheduler)
        self.picker = KPIPicker()
        # Files on the server mean nothing to a browser user: downloads and uploads replace them here.
        hidden = {self.drafter.path_text, self.drafter.save_button}
        self.drafter.children = tuple(child for child in self.drafter.children
                                      if not (isinstance(child, widgets.HBox) and hidden & set(child.children)))  # fmt: skip
        self.upload = widgets.FileUpload(accept=",".join(UPLOAD_SUFFIXES), multiple=False, description="Choose a file",
                                         tooltip="An OKR file (.yaml, .csv, .xlsx, .md, .txt) to check and keep editing")  # fmt: skip
        self.upload_message = widgets.HTML()
        self.upload.observe(self._on_upload, names="value")
        self.download_buttons = {
            kind: widgets.Button(description=f"Prepare {label} download", tooltip=f"Make a {label} file of your OKRs and KPIs",
                                 layout=widgets.Layout(width="auto"))
            for kind, label in (("yaml", "YAML"), ("markdown", "Markdown"), ("xlsx", "Excel"))
        }  # fmt: skip
        for kind, button in self.download_buttons.items():
            button.on_click(lambda _button, kind=kind: self.prepare_download(kind))
        self.download_links = widgets.HTML()
        upload_box = widgets.VBox([
            widgets.HTML("<p>Already have OKRs in a file? Upload it to check it and keep editing here.</p>"),
            self.upload, self.upload_message,
        ])  # fmt: skip
        download_box = widgets.VBox([
            widgets.HTML("<p>Your objectives, key results and the KPIs you chose, as a file to keep or share.</p>"),
            widgets.HBox(list(self.download_buttons.values())), self.download_links,
        ])  # fmt: skip
        self.tabs = widgets.Tab(children=[self.drafter, self.picker, download_box, upload_box])
        for index, title in enumerate(("1. Draft OKRs", "2. Choose KPIs", "3. Download", "Upload a file")):
            self.tabs.set_title(index, title)
        self.children = [widgets.HTML(HELP), self.tabs]

    # --- the result --------------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """Return the draft plus the KPIs chosen in the picker."""
        plan = self.drafter.plan
        chosen = list(self.picker.to_kpis(team=plan.objectives[0].team if plan.objectives else None) or ())
        if not chosen:
            return plan
        known = {kpi.id for kpi in plan.kpis}
        return plan.model_copy(update={"kpis": (*plan.kpis, *(kpi for kpi in chosen if kpi.id not in known))})

    def file_bytes(self, kind: str) -> bytes:
        """Return the plan as a file's bytes: 'yaml', 'markdown' or 'xlsx'."""
        from okrcoach.writers import dumps, save

        if kind == "xlsx":
            with tempfile.TemporaryDirectory() as folder:
                path = save(self.plan, Path(folder) / "okrs.xlsx")
                return path.read_bytes()
        if kind not in DOWNLOADS:
            raise ValueError(f"unknown download {kind!r}: expected yaml, markdown or xlsx")
        return dumps(self.plan, kind).encode("utf-8")

    def prepare_download(self, kind: str) -> str:
        """Show a download link for the plan as `kind`; return the link's HTML."""
        name, mime = DOWNLOADS[kind]
        try:
            payload = base64.b64encode(self.file_bytes(kind)).decode("ascii")
        except (OkrcoachError, ValueError) as error:
            self.download_links.value = f'<p style="color:#c62828">Could not make the file: {html.escape(str(error))}</p>'
            return self.download_links.value
        link = (f'<a class="okrcoach-download" download="{name}" href="data:{mime};base64,{payload}" '
                f'style="font-size:1.1em">Download {html.escape(name)}</a>')  # fmt: skip
        self.download_links.value = f"<p>{link} (your browser saves it where downloads go)</p>"
        return self.download_links.value

    # --- upload ------------------------------------------------------------------------------------

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.receive(str(item["name"]), bytes(item["content"]))

    def receive(self, name: str, content: bytes) -> bool:
        """Check an uploaded file; on success open it in the drafter, else explain what is wrong."""
        from okrcoach.loaders import load

        clean = re.sub(r"[^\w.-]+", "_", Path(name).name) or "upload"
        suffix = Path(clean).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            self._upload_error(f"{name}: okrcoach reads {', '.join(UPLOAD_SUFFIXES)} files, not '{suffix or 'no extension'}'.")
            return False
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / clean
            path.write_bytes(content)
            try:
                plan = load(path)
            except LoadError as error:
                problems = "".join(f"<li>{html.escape(_relative(str(problem), folder, name))}</li>" for problem in error.problems[:10])
                more = f"<li>... and {len(error.problems) - 10} more</li>" if len(error.problems) > 10 else ""
                self._upload_error(f"{name} could not be read. Nothing in your draft changed.", f"<ul>{problems}{more}</ul>")
                return False
            except (OkrcoachError, OSError, ValueError) as error:
                self._upload_error(f"{name} could not be read: {_relative(str(error), folder, name)}. Nothing in your draft changed.")
                return False
        self.drafter.load_plan(plan) if hasattr(self.drafter, "load_plan") else self._load_via_file(plan)
        findings = len(self.drafter.findings)
        self.upload_message.value = (f'<p style="color:#2e7d32">Opened {html.escape(name)}: {len(plan.objectives)} objectives, '
                                     f"{len(plan.key_results)} key results, {findings} findings. See tab 1.</p>")  # fmt: skip
        self.tabs.selected_index = 0
        return True

    def _load_via_file(self, plan: Plan) -> None:
        from okrcoach.writers import save

        with tempfile.TemporaryDirectory() as folder:
            self.drafter.load(save(plan, Path(folder) / "upload.yaml"))
        self.drafter.flush()

    def _upload_error(self, message: str, details: str = "") -> None:
        self.upload_message.value = f'<div role="alert" style="color:#c62828"><b>{html.escape(message)}</b>{details}</div>'


def _relative(text: str, folder: str, name: str) -> str:
    """Show problems with the user's file name instead of the temporary path."""
    return text.replace(str(Path(folder) / re.sub(r"[^\w.-]+", "_", Path(name).name)), name).replace(folder, "")
