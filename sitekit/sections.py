"""Snippet files and their sections: parse them, run them, capture what they print.

A snippet file is ordinary Python. The code a page shows sits between section markers::

    # --8<-- [start:name]
    ...shown code...
    # --8<-- [end:name]

Pages include a section with ``--8<-- "snippets/path/file.py:name"`` (pymdownx.snippets).
Code outside the markers runs in the tests but is never shown: that is where the assertions that
prove the page's claim live.

A section that fails on purpose declares it on the line just before its start marker::

    # snippet-raises: ValueError
    # --8<-- [start:wrong]

A built-in name or a dotted path (``tensorflow.errors.InvalidArgumentError``). The section's last
statement must be the one that raises.

A section that a page tells readers to save as a module of their own declares the file name on
the line just before its start marker::

    # snippet-saved-as: tf_same.py
    # --8<-- [start:tf_same]

Other sections of the same file may then ``import tf_same``, exactly as a reader who saved it
would: while a section or the file runs, the module is importable, built from that section alone.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import re
import sys
import textwrap
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUTPUTS = SNIPPETS / "_outputs"

_START = re.compile(r"^\s*# --8<-- \[start:(?P<name>[\w-]+)\]\s*$")
_END = re.compile(r"^\s*# --8<-- \[end:(?P<name>[\w-]+)\]\s*$")
_RAISES = re.compile(r"^\s*# snippet-raises: (?P<exc>[\w.]+)\s*$")
_SAVED_AS = re.compile(r"^\s*# snippet-saved-as: (?P<module>[A-Za-z_]\w*)\.py\s*$")


@dataclass(frozen=True)
class Section:
    """One marked section of a snippet file."""

    path: Path
    name: str
    first_line: int
    """1-based line number of the first shown line (just after the start marker)."""
    lines: tuple[str, ...]
    raises: str | None
    saved_as: str | None = None
    """Module name a reader saves this section as (``# snippet-saved-as: name.py``)."""

    @property
    def ref(self) -> str:
        """How a page includes it: ``snippets/dir/file.py:name``."""
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.name}"

    @property
    def code(self) -> str:
        """The code exactly as the page shows it (dedented)."""
        return textwrap.dedent("".join(self.lines))

    @property
    def output_path(self) -> Path:
        """Where its captured printed output is committed."""
        rel = self.path.relative_to(SNIPPETS).with_suffix("")
        return OUTPUTS / rel / f"{self.name}.txt"


class SnippetError(Exception):
    """A snippet file whose markers are malformed."""


def parse(path: Path) -> list[Section]:
    """Return the sections of a snippet file, checking the markers pair up."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    sections: list[Section] = []
    open_name: str | None = None
    start = 0
    raises: str | None = None
    saved_as: str | None = None
    for number, line in enumerate(lines, start=1):
        if m := _START.match(line):
            if open_name is not None:
                raise SnippetError(
                    f"{path}:{number}: section {m['name']!r} starts inside {open_name!r}"
                )
            open_name, start = m["name"], number
            before = lines[number - 2] if number >= 2 else ""
            raises = m_raises["exc"] if (m_raises := _RAISES.match(before)) else None
            saved_as = m_saved["module"] if (m_saved := _SAVED_AS.match(before)) else None
        elif m := _END.match(line):
            if m["name"] != open_name:
                raise SnippetError(
                    f"{path}:{number}: end of {m['name']!r} but {open_name!r} is open"
                )
            sections.append(
                Section(
                    path, m["name"], start + 1, tuple(lines[start : number - 1]), raises, saved_as
                )
            )
            open_name = None
    if open_name is not None:
        raise SnippetError(f"{path}:{start}: section {open_name!r} is never closed")
    names = [s.name for s in sections]
    if dupes := sorted({n for n in names if names.count(n) > 1}):
        raise SnippetError(f"{path}: duplicate section names {dupes}")
    return sections


def snippet_files() -> list[Path]:
    """Every snippet file that has at least one section."""
    return sorted(
        p
        for p in SNIPPETS.rglob("*.py")
        if any(_START.match(line) for line in p.read_text(encoding="utf-8").splitlines())
    )


def all_sections() -> list[Section]:
    """Every section of every snippet file."""
    return [s for p in snippet_files() for s in parse(p)]


def _compile(path: Path, first_line: int, source: str):
    # Blank lines in front keep line numbers true, so tracebacks and coverage point at the file.
    return compile("\n" * (first_line - 1) + source, str(path), "exec")


def _exception_type(name: str) -> type[BaseException]:
    """A built-in exception (``ValueError``) or a dotted path
    (``tensorflow.errors.InvalidArgumentError``)."""
    module_name, _, attr = name.rpartition(".")
    try:
        exc = getattr(importlib.import_module(module_name) if module_name else builtins, attr)
    except (ImportError, AttributeError):
        exc = None
    if isinstance(exc, type) and issubclass(exc, BaseException):
        return exc
    raise SnippetError(f"snippet-raises names {name!r}, which is not an exception class")


@contextlib.contextmanager
def saved_modules(path: Path) -> Iterator[None]:
    """Make the sections of ``path`` that readers save as modules importable, each built from
    its section alone; restore ``sys.modules`` afterwards."""
    modules = {}
    for section in parse(path):
        if section.saved_as is not None:
            module = types.ModuleType(section.saved_as)
            module.__file__ = str(path)
            with contextlib.redirect_stdout(io.StringIO()):
                exec(_compile(path, section.first_line, section.code), module.__dict__)
            modules[section.saved_as] = module
    previous = {name: sys.modules.get(name) for name in modules}
    sys.modules.update(modules)
    try:
        yield
    finally:
        for name, module in previous.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def run_section(section: Section) -> str:
    """Run a section alone in a fresh namespace, as a reader who copies it would, and return
    what it prints. A section declared to raise must raise exactly that exception."""
    namespace: dict[str, object] = {"__name__": "__snippet__"}
    code = _compile(section.path, section.first_line, section.code)
    out = io.StringIO()
    with saved_modules(section.path), contextlib.redirect_stdout(out):
        if section.raises is None:
            exec(code, namespace)
        else:
            expected = _exception_type(section.raises)
            try:
                exec(code, namespace)
            except expected as error:
                print(f"{type(error).__name__}: {error}")
            else:
                raise AssertionError(
                    f"{section.ref} declares snippet-raises: {section.raises}, "
                    "but ran without error"
                )
    return out.getvalue()


def run_file(path: Path) -> dict[str, object]:
    """Run a whole snippet file top to bottom in one namespace, assertions included.

    Sections declared to raise are checked to raise, and the run goes on after them.
    Returns the final namespace.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    namespace: dict[str, object] = {"__name__": "__snippet__", "__file__": str(path)}
    chunk_start = 1
    sections = {s.first_line - 1: s for s in parse(path)}
    number = 1
    with saved_modules(path), contextlib.redirect_stdout(io.StringIO()):
        while number <= len(lines):
            section = sections.get(number)
            if section is not None and section.raises is not None:
                exec(
                    _compile(path, chunk_start, "".join(lines[chunk_start - 1 : number])), namespace
                )
                expected = _exception_type(section.raises)
                try:
                    exec(_compile(path, section.first_line, section.code), namespace)
                except expected:
                    pass
                else:
                    raise AssertionError(
                        f"{section.ref} declares snippet-raises: {section.raises}, "
                        "but ran without error"
                    )
                number = section.first_line + len(section.lines)
                chunk_start = number
            number += 1
        exec(_compile(path, chunk_start, "".join(lines[chunk_start - 1 :])), namespace)
    return namespace
