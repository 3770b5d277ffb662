"""``make check PAGE=docs/myths/<name>.md``: the checks one page depends on, in a minute or so.

:func:`page_dependencies` reads the page: the snippet sections it includes (and so their files),
the printed outputs it shows, its questions module and the questions it asks, the figures it
shows; a notebook page (``docs/notebooks/<name>.py``) depends on itself. Pytest's ``--page``
option (``tests/conftest.py``) then keeps, among the tests of :data:`TEST_FILES`:

* every test parametrized by one of those things (:func:`param_keys`): the page's snippet file
  run with its assertions, each section run alone against its committed output, its questions
  module, each figure against a fresh render, the page's own docs checks and browser checks;
* every test that checks each page through the ``pages_to_check`` fixture, which ``--page``
  narrows to this page (axe in both palettes, images, copy button): it needs the built site,
  so the strict build runs;
* every test marked ``@pytest.mark.pages("docs/...md", ...)`` naming this page;
* every test marked ``@pytest.mark.site_wide``: whole-site consistency checks that take well
  under a second (each section shown by a page, one name per page, each question at home).

``python -m sitekit.check PAGE`` runs that selection, on a free local port unless ``SITE_URL``
is set, so it runs next to ``make serve``.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import socket
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitekit.sections import ROOT, Section

DOCS = ROOT / "docs"
# Where tests parametrized by a page, a snippet file, a section, a question module, a figure or a
# notebook live, and the tests that check every page or name pages: collecting only these keeps
# the run short (collecting every test file imports PyTorch, JAX and ONNX Runtime). A new file
# of such tests is added here; tests/test_check.py fails when one that names pages is missing.
TEST_FILES = (
    "tests/test_snippets.py",
    "tests/test_docs.py",
    "tests/test_quiz.py",
    "tests/test_figures.py",
    "tests/test_porting_imports.py",
    "tests/test_porting_claims.py",
    "tests/test_notebooks.py",
    "tests/browser/test_site.py",
    "tests/browser/test_figures_browser.py",
    "tests/browser/test_notebooks_browser.py",
    "tests/browser/test_quiz_browser.py",
    "tests/test_planner.py",
    "tests/browser/test_planner.py",
    "tests/browser/test_planner_code.py",
    "tests/browser/test_playground.py",
    "tests/browser/test_playground_frameworks.py",
    "tests/browser/test_layout.py",
)
EXAMPLE = "docs/myths/same-off-by-one.md"

_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$', re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
_QUIZ = re.compile(r"^<!-- quiz: (?P<id>[\w-]+) -->[ \t]*$", re.M)
_GENERATED = ("assets/figures/", "assets/animations/")


@dataclass(frozen=True)
class PageDeps:
    """What one page shows, each named as the tests' parameters name it."""

    page: str
    """The page, relative to the repository: ``docs/myths/stride-must-tile.md``."""
    url: str
    """Its path in the built site: ``myths/stride-must-tile/`` (``""`` is the home page)."""
    snippet_files: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    """Included sections, as pages include them: ``snippets/myths/x.py:name``."""
    outputs: tuple[str, ...] = ()
    questions_module: str | None = None
    question_ids: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    """Generated figures it shows, relative to ``docs/``: ``assets/figures/x.svg``."""
    notebooks: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        """Every name a test parameter of this page may have (see :func:`param_keys`)."""
        in_docs = self.page.removeprefix("docs/")
        return frozenset(
            {
                self.page,
                in_docs,
                *self.snippet_files,
                *self.sections,
                *self.outputs,
                *([self.questions_module] if self.questions_module else []),
                *self.figures,
                *self.notebooks,
            }
        )


def own_name(page: str) -> str:
    """The name a page gives its files: ``docs/cheat-sheet.md`` -> ``cheat_sheet``.

    >>> own_name("docs/myths/same-off-by-one.md")
    'myths/same_off_by_one'
    """
    return posixpath.splitext(page.removeprefix("docs/"))[0].replace("-", "_")


def site_path(page: str) -> str:
    """Where the built site serves a page, relative to its root.

    >>> [site_path(p) for p in ("docs/index.md", "docs/myths/index.md", "docs/quiz.md")]
    ['', 'myths/', 'quiz/']
    """
    stem = posixpath.splitext(page.removeprefix("docs/"))[0]
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def resolve_page(page: str, root: Path = ROOT) -> str:
    """``page`` as a path relative to ``root`` (``docs/myths/x.md``); ValueError, naming the
    value, when it is not a page of the site."""
    hint = f"give a page of the site, e.g. PAGE={EXAMPLE}"
    if not page or not page.strip():
        raise ValueError(f"PAGE is empty; {hint}")
    path = Path(page.strip())
    path = (path if path.is_absolute() else root / path).resolve()
    if not path.is_relative_to(root / "docs"):
        raise ValueError(f"PAGE={page!r} is not under docs/; {hint}")
    rel = path.relative_to(root).as_posix()
    is_notebook = rel.startswith("docs/notebooks/") and path.suffix == ".py"
    if path.suffix != ".md" and not is_notebook:
        raise ValueError(
            f"PAGE={page!r} is not a page: pages are docs/**/*.md and docs/notebooks/*.py; {hint}"
        )
    if not path.is_file():
        raise ValueError(f"PAGE={page!r}: no such page ({rel} does not exist); {hint}")
    return rel


def page_dependencies(page: str, root: Path = ROOT) -> PageDeps:
    """Read a page and name what it shows (see :class:`PageDeps`); ValueError for a PAGE that
    is not a page, naming the value."""
    rel = resolve_page(page, root)
    url = site_path(rel)
    if rel.endswith(".py"):
        return PageDeps(page=rel, url=url, notebooks=(rel,))
    text = (root / rel).read_text(encoding="utf-8")
    files: list[str] = []
    sections: list[str] = []
    outputs: list[str] = []
    for match in _INCLUDE.finditer(text):
        target = match["target"]
        path, _, section = target.partition(":")
        if path.startswith("snippets/_outputs/"):
            outputs.append(path)
        elif path.startswith("snippets/") and path.endswith(".py"):
            files.append(path)
            if section:
                sections.append(target)
    questions = f"snippets/questions/{own_name(rel)}.py"
    figures = []
    base = posixpath.dirname(rel.removeprefix("docs/"))
    for match in _IMAGE.finditer(text):
        src = posixpath.normpath(posixpath.join(base, match["src"]))
        if src.startswith(_GENERATED) and (root / "docs" / src).is_file():
            figures.append(src)
    return PageDeps(
        page=rel,
        url=url,
        snippet_files=tuple(dict.fromkeys(files)),
        sections=tuple(dict.fromkeys(sections)),
        outputs=tuple(dict.fromkeys(outputs)),
        questions_module=questions if (root / questions).is_file() else None,
        question_ids=tuple(m["id"] for m in _QUIZ.finditer(text) if m["id"] != "all"),
        figures=tuple(dict.fromkeys(figures)),
    )


def param_key(value: object, root: Path = ROOT) -> str | None:
    """How a test parameter names a page's dependency: a path relative to the repository, a
    section's ``ref``, a figure's ``path`` (relative to ``docs/``), a string as it is."""
    if isinstance(value, Section):
        return value.ref
    if isinstance(value, Path):
        path = value.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(value)
    if isinstance(value, str):
        return value
    path = getattr(value, "path", None)  # a snippets.figures Figure
    return path if isinstance(path, str) else None


def param_keys(params: Mapping[str, object], root: Path = ROOT) -> set[str]:
    """The names of a parametrized test's values (a Section also names its file)."""
    keys = set()
    for value in params.values():
        if (key := param_key(value, root)) is not None:
            keys.add(key)
        if isinstance(value, Section):
            keys.add(value.path.relative_to(root).as_posix())
    return keys


def selects(
    deps: PageDeps,
    params: Mapping[str, object],
    fixtures: Iterable[str],
    marked_pages: Iterable[str] | None,
    site_wide: bool,
    root: Path = ROOT,
) -> bool:
    """Whether a test belongs to the page's check: see the module's docstring.

    ``marked_pages`` are the arguments of its ``pages`` marker (None without one); a section's
    own parameter only selects it for a page that includes that section, not the whole file.
    """
    if site_wide or "pages_to_check" in set(fixtures):
        return True
    if marked_pages is not None and deps.page in {p.removeprefix("./") for p in marked_pages}:
        return True
    keys = param_keys(params, root)
    sections = {p.ref for p in params.values() if isinstance(p, Section)}
    if sections:
        return bool(sections & set(deps.sections))
    return bool(keys & deps.keys)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def describe(deps: PageDeps) -> str:
    """What the check of a page covers, in a few lines."""
    lines = [f"make check: {deps.page} (served at /{deps.url})"]
    items = {
        "snippet files": deps.snippet_files,
        "sections": deps.sections,
        "questions": (
            (f"{deps.questions_module} ({', '.join(deps.question_ids) or 'none asked'})",)
            if deps.questions_module
            else deps.question_ids
        ),
        "figures": deps.figures,
        "notebooks": deps.notebooks,
    }
    for name, values in items.items():
        if values:
            lines.append(f"  {name}: {', '.join(values)}")
    lines.append("  then: a strict build, and the page in Chromium (both palettes, axe)")
    return "\n".join(lines)


def pytest_command(page: str, extra: Iterable[str] = ()) -> list[str]:
    """The pytest run of a page's check (``page`` as given: conftest.py validates it again)."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        "--durations=5",
        f"--page={page}",
        *extra,
        *TEST_FILES,
    ]


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make check PAGE=...``: exit 2 on a bad PAGE, else pytest's status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="", help=f"the page, e.g. {EXAMPLE}")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (e.g. -x)")
    args = parser.parse_args(argv)
    try:
        deps = page_dependencies(args.page)
    except ValueError as error:
        print(f"make check: {error}", file=sys.stderr)
        return 2
    print(describe(deps), flush=True)
    env = {k: v for k, v in os.environ.items() if k != "SITE_DIR"}  # build what is there now
    # A free port unless told: the browser checks serve the build there, next to `make serve`.
    env.setdefault("SITE_URL", f"http://127.0.0.1:{free_port()}/")
    return subprocess.run(
        pytest_command(deps.page, args.pytest_args), cwd=ROOT, env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
