"""``make serve`` end to end: in a copy of the project, ``mkdocs serve`` on a free port; a snippet
section is edited, and the page shows the new output, then the error of the section made to
fail, while its output file keeps what the last good run printed."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import ROOT, child_env, copy_project

from sitekit.check import free_port, site_path
from sitekit.env import TF_ENV
from sitekit.live import output_of, pages_including
from sitekit.sections import Section, all_sections

FRAMEWORKS = re.compile(r"\b(tensorflow|keras|torch|jax|onnx\w*)\b")
TIMEOUT = 180.0


def light_section() -> Section:
    """A section whose output a page shows and which imports no framework (it runs in
    a moment, so the test times the hook and the rebuild, not TensorFlow's import)."""
    return next(
        s
        for s in all_sections()
        if s.output_path.exists() and not s.saved_as and not s.raises
        if not FRAMEWORKS.search(s.code) and "snippets/porting/" not in s.ref
    )


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(what: str, check: Callable[[], bool], log: Path) -> float:
    """Seconds until ``check()`` holds; fails with the server's log after TIMEOUT."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > TIMEOUT:
            pytest.fail(f"{what}: not within {TIMEOUT:.0f} s\n{log.read_text()[-4000:]}")
        time.sleep(0.5)
    return time.monotonic() - start


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """The copy, the address ``mkdocs serve`` serves it on, and the server's log."""
    project = copy_project(tmp_path / "project")
    (project / ".cache" / "live-snippets.json").unlink(missing_ok=True)
    url = f"http://127.0.0.1:{free_port()}/"
    log = tmp_path / "serve.log"
    env = child_env() | TF_ENV | {"PYTHONPATH": str(project), "SITE_URL": url}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", url[7:-1], "--livereload"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for("mkdocs serve", lambda: "Serving on" in log.read_text(), log)
        yield project, url, log
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.tf  # the copy's first build runs the notebooks (from the copied cache)
def test_a_snippet_edit_reaches_its_page(served: tuple[Path, str, Path]) -> None:
    project, url, log = served
    section = light_section()
    rel = section.path.relative_to(ROOT).as_posix()
    page = pages_including(rel)[0]
    address = url + site_path(page)
    output = project / output_of(section.ref)
    snippet = project / rel
    end = f"# --8<-- [end:{section.name}]"
    original = snippet.read_text(encoding="utf-8")

    snippet.write_text(original.replace(end, 'print("live-serve-marker")\n' + end), "utf-8")
    seconds = wait_for("the new output", lambda: "live-serve-marker" in fetch(address), log)
    assert output.read_text(encoding="utf-8").endswith("live-serve-marker\n")
    assert f"live snippets: re-ran {section.ref}" in log.read_text()
    print(f"{section.ref}: new output on {page} after {seconds:.1f} s")

    good = output.read_bytes()
    failing = 'raise ValueError("live-serve-failure")\n'
    snippet.write_text(original.replace(end, failing + end), "utf-8")
    wait_for("the error", lambda: "live-serve-failure" in fetch(address), log)
    html = fetch(address)
    assert '<div class="admonition failure">' in html
    assert f"Live preview: {section.ref} raised an error" in html
    assert output.read_bytes() == good, "a failing section must not write its output file"
    assert f"live snippets: {section.ref} FAILED" in log.read_text()
    # Writing output files started no rebuild of its own: the first build and one per edit.
    time.sleep(2)  # a rebuild started by the hook's own writes would have begun by now
    assert log.read_text().count("Building documentation") == 3
