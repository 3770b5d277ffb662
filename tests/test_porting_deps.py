"""The other frameworks are locked test dependencies, and the site's build never needs them.

PyTorch, JAX and ONNX Runtime are in the ``porting`` dependency group, which ``dev`` includes, so
``uv sync --locked`` (``make test``) installs them on a fresh machine. ``make serve`` and
``make site`` sync the docs group only, without removing what is installed (``--inexact``), and
nothing the build imports may import them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = {"torch", "jax", "jaxlib", "onnx", "onnxruntime"}
NAME = re.compile(r"^[A-Za-z0-9_.-]+")


def _groups() -> dict[str, list]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]


def _names(requirements: list) -> set[str]:
    return {NAME.match(r)[0].lower() for r in requirements if isinstance(r, str)}


def _recipe(target: str) -> tuple[str, list[str]]:
    """The prerequisites and the command lines of a Makefile target."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith(f"{target}:"):
            body = []
            for cmd in lines[index + 1 :]:
                if not cmd.startswith("\t"):
                    break
                body.append(cmd.strip())
            return line.split(":", 1)[1].split("##")[0], body
    raise AssertionError(f"the Makefile has no target {target!r}")


def _variables() -> dict[str, str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Z_]+) :?= (.*)$", text, re.M))


def _expand(text: str, variables: dict[str, str]) -> str:
    for _ in range(5):
        text = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables.get(m[1], m[0]), text)
    return text


def test_porting_group_holds_the_frameworks_and_dev_includes_it() -> None:
    groups = _groups()
    assert _names(groups["porting"]) >= FRAMEWORKS
    assert {"include-group": "porting"} in groups["dev"]
    assert not FRAMEWORKS & _names(groups["docs"]), "the docs group must not need a framework"


def test_frameworks_are_locked() -> None:
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    for name in FRAMEWORKS:
        versions = re.findall(rf'^name = "{name}"\nversion = "([^"]+)"', lock, re.M)
        assert len(versions) == 1, f"uv.lock must hold exactly one {name}, has {versions}"


def test_serve_and_site_sync_without_the_porting_group() -> None:
    variables = _variables()
    for target in ("serve", "site"):
        prerequisites, body = _recipe(target)
        assert "install-docs" in prerequisites.split(), f"make {target} must not run full sync"
        assert "install" not in prerequisites.split(), f"make {target} must not run full sync"
        for line in body:
            cmd = _expand(line, variables)
            assert "--no-default-groups --group docs" in cmd, f"make {target}: {cmd}"
            assert "--exact" not in cmd, f"make {target} must not remove what is installed: {cmd}"
    _, body = _recipe("install-docs")
    (sync,) = [_expand(line, variables) for line in body]
    assert re.search(r"sync --locked --inexact --no-default-groups --group docs$", sync), sync
    _, body = _recipe("install")
    assert [line.split(" ", 1)[1] for line in body] == ["sync --locked"]


def test_deploy_build_installs_the_docs_group_only() -> None:
    site = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    runs = [s.get("run", "") for s in site["jobs"]["build"]["steps"]]
    assert "uv sync --locked --no-default-groups --group docs" in runs
    assert "uv sync --locked" not in runs


def test_the_build_imports_no_framework() -> None:
    """What MkDocs loads (hooks, the quiz bank, the notebook glue) imports no framework."""
    code = (
        "import sys\n"
        "import sitekit.hooks, sitekit.notebooks, sitekit.live, sitekit.mathml\n"
        "from snippets.questions import all_questions\n"
        "all_questions()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        f"set({sorted(FRAMEWORKS)!r})))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"the build imports {done.stdout.strip()}"
