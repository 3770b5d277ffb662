"""What several test files need, written once: the built site, its sitemap, a copy of the tree.

TensorFlow's variables, the browser finder and the static server live in ``sitekit.env`` (``make
bench`` uses them too); the session fixtures built on these helpers are in ``tests/conftest.py``.
"""

from __future__ import annotations

import ast
import functools
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path

# The files of this repository's modules (snippets, sitekit), which may import TensorFlow.
from sitekit.deps import module_file

ROOT = Path(__file__).resolve().parents[1]
# Instant navigation only intercepts URLs under site_url: the browser checks serve the site on it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")

# Set (to SITE_URL) by a parallel run's controller that serves the site for its workers.
SERVED = "TESTS_SITE_SERVED_AT"

# The outer run's coverage, xdist and site settings must not leak into a pytest it starts.
ENV_DROP = ("COV_CORE_", "COVERAGE_", "PYTEST_", "SITE_DIR", SERVED)

# A clean checkout has none of these: builds, caches, virtualenvs, test output. ``.cache/``
# (mkdocs-jupyter's notebook runs) is left to each caller: see ``copy_project``.
NOT_IN_A_CLONE = (
    ".venv", ".uv", ".git", "site", "*_cache", "__pycache__", ".hypothesis",
    "test-artifacts", "htmlcov", ".coverage*",
)  # fmt: skip


def child_env() -> dict[str, str]:
    """This process's environment without what ``ENV_DROP`` names, for a pytest it starts."""
    return {k: v for k, v in os.environ.items() if not k.startswith(ENV_DROP)}


def copy_project(dest: Path) -> Path:
    """Copy the working tree to ``dest`` as a clone would have it, and return ``dest``; with the
    notebook cache (``.cache/``), so builds of the copy replay the notebook runs of the real tree
    instead of executing every notebook again."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_IN_A_CLONE))
    return dest


def strict_build(
    project: Path, out: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict --quiet`` of ``project`` into ``out``, with ``env`` added to the
    environment; returns the finished process (the caller decides what a failure means)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=project,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def given_site_dir() -> Path | None:
    """The built site named by ``SITE_DIR`` (``make test`` builds ``site/`` first), if any.

    Raises ValueError when ``SITE_DIR`` names a folder that holds no built site.
    """
    given = os.environ.get("SITE_DIR")
    if not given:
        return None
    path = (ROOT / given).resolve()
    for name in ("index.html", "sitemap.xml"):
        if not (path / name).is_file():
            raise ValueError(f"SITE_DIR={given} has no {name}: run `make site` first")
    return path


def sitemap(site: Path) -> list[tuple[str, str | None]]:
    """``(loc, lastmod)`` of every ``<url>`` in the built site's ``sitemap.xml``."""
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = []
    for url in root:
        if not url.tag.endswith("url"):
            continue
        fields = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in url}
        if fields.get("loc"):
            entries.append((fields["loc"], fields.get("lastmod") or None))
    return entries


def site_url_of(site: Path) -> str:
    """The ``site_url`` the site was built with: its home page's entry in ``sitemap.xml``."""
    locs = [loc for loc, _ in sitemap(site)]
    if not locs:
        raise ValueError(f"site={site}: sitemap.xml lists no page")
    return min(locs, key=len)


def used_fixtures(item: object) -> set[str]:
    """Names of the fixtures a collected test uses (direct parameters such as
    ``@pytest.mark.parametrize("page", ...)`` are values, not the fixture of that name)."""
    names = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    return names - set(callspec.params) if callspec is not None else names


# --- which code imports TensorFlow (for the markers, see tests/conftest.py) ---------------------

TF_PACKAGES = ("tensorflow", "keras")


def _imported(node: ast.AST) -> Iterator[str]:
    """Dotted names an ``import`` statement may load (``from a import b`` may load ``a.b``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        yield node.module
        yield from (f"{node.module}.{alias.name}" for alias in node.names)


def imports_tensorflow(nodes: list[ast.stmt]) -> bool:
    """Whether these statements import TensorFlow or Keras when they run: directly, or through a
    module of ``snippets``/``sitekit`` that imports it when imported. Imports inside functions
    are not counted (they run only when the function is called)."""
    for node in nodes:
        for child in _statements(node):
            for name in _imported(child):
                if name.split(".")[0] in TF_PACKAGES:
                    return True
                local = module_file(name)
                if local is not None and module_imports_tensorflow(local):
                    return True
    return False


def _statements(node: ast.stmt) -> Iterator[ast.stmt]:
    """The statement and those nested in it that run with it (not the bodies of functions)."""
    yield node
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        children = getattr(node, field, [])
        for child in children if isinstance(children, list) else []:
            yield from _statements(child)


@functools.cache
def module_imports_tensorflow(path: Path) -> bool:
    """Whether importing the module at ``path`` imports TensorFlow or Keras."""
    if path in _VISITING:
        return False  # an import cycle: the module's other imports decide
    _VISITING.add(path)
    try:
        return imports_tensorflow(ast.parse(path.read_text(encoding="utf-8")).body)
    finally:
        _VISITING.discard(path)


_VISITING: set[Path] = set()


def port_taken(host: str, port: int, error: OSError) -> str:
    """What to do when the site cannot be served on ``host:port``."""
    return (
        f"cannot serve the site on {host}:{port} ({error}). Stop whatever uses the port "
        f"(`make serve`?) or set SITE_URL to another local address."
    )
