"""The meaning model loads from the installed wheel with the network unplugged, lazily, and degrades to nothing."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from okrcoach import semantic

pytest.importorskip("wordllama", reason="the semantic extra is not installed")

ROOT = Path(__file__).resolve().parent.parent


def test_loads_with_sockets_blocked_and_no_download_attempted(tmp_path: Path) -> None:
    """A fresh process, an empty cache, every socket and every download function refused."""
    script = textwrap.dedent(
        f"""
        import os, socket, sys
        os.environ["OKRCOACH_CACHE"] = {str(tmp_path / "cache")!r}
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
            os.environ.pop(name, None)          # prove it without the libraries' own offline switches
        attempts = []

        def refuse(*args, **kwargs):
            attempts.append(args[:2])
            raise OSError("network unplugged in this test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import requests, tokenizers
        requests.get = requests.Session.request = refuse
        tokenizers.Tokenizer.from_pretrained = staticmethod(refuse)

        from okrcoach import semantic
        model = semantic.model()
        assert model is not None, "the model did not load offline"
        assert model.similarity("Cut the cost of each delivery", "Reduce shipping cost per parcel") > 0.3
        assert attempts == [], attempts
        tokenizer = semantic.cache_folder() / "tokenizers" / "l2_supercat_tokenizer_config.json"
        assert tokenizer.is_file() and str(tokenizer).startswith({str(tmp_path)!r}), tokenizer
        print("offline ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "offline ok" in result.stdout


def test_import_okrcoach_and_checking_a_small_plan_never_load_the_model() -> None:
    script = textwrap.dedent(
        """
        import sys
        import okrcoach
        from okrcoach.settings import Settings
        plan = okrcoach.loads("cycle: 2026-Q1\\nobjectives:\\n  - title: Answer customers fast\\n    key_results: [Cut reply time from 12 to 4 hours, Raise CSAT from 80% to 90%]\\n")
        okrcoach.check(plan, Settings(semantic_alignment=True))
        assert "wordllama" not in sys.modules and "numpy" not in sys.modules, sorted(m for m in sys.modules if m.startswith(("wordllama", "numpy")))
        print("lazy ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "lazy ok" in result.stdout


def test_loading_leaves_the_callers_logging_alone() -> None:
    script = textwrap.dedent(
        """
        import logging
        from okrcoach import semantic
        root = logging.getLogger()
        before = (list(root.handlers), root.level)
        assert semantic.model() is not None
        assert (list(root.handlers), root.level) == before, (root.handlers, root.level)
        print("logging ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def test_similarities_follow_meaning() -> None:
    model = semantic.model()
    assert model is not None
    near = model.soft_similarity(model.bag(["Cut the cost of each delivery"]), model.bag(["Reduce shipping cost per parcel"]))
    far = model.soft_similarity(model.bag(["Cut the cost of each delivery"]), model.bag(["Win two design awards"]))
    assert near > far + 0.1
    assert model.soft_similarity(model.bag([""]), model.bag(["anything"])) == 0.0
    assert model.similarity("same words", "same words") == pytest.approx(1.0, abs=1e-5)
    assert semantic.content_words("Cut the cost of each delivery") == ["cut", "cost", "delivery"]


def test_without_the_extra_there_is_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "_loaded", {})
    monkeypatch.setattr(semantic, "available", lambda: False)
    assert semantic.model() is None


def test_a_damaged_install_warns_once_and_gives_no_model(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(semantic, "_loaded", {})

    def broken(package: Path) -> Path:
        raise FileNotFoundError("the wordllama package has no l2_supercat_tokenizer_config.json; reinstall it")

    monkeypatch.setattr(semantic, "_fill_cache", broken)
    with caplog.at_level(logging.WARNING, logger="okrcoach"):
        assert semantic.model() is None
        assert semantic.model() is None
    assert [record.getMessage() for record in caplog.records].count(caplog.records[0].getMessage()) == 1
    assert "structure only" in caplog.records[0].getMessage()


def test_an_unwritable_cache_falls_back_to_a_private_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("OKRCOACH_CACHE", str(blocker))
    package = Path(semantic.util.find_spec("wordllama").origin).parent  # type: ignore[union-attr, arg-type]
    folder = semantic._fill_cache(package)
    assert not str(folder).startswith(str(blocker))
    assert (folder / "tokenizers" / "l2_supercat_tokenizer_config.json").is_file()
