"""What a piece of Python code depends on in this repository, found by reading it (``ast``),
never by running it: the local modules it imports, transitively, and the files it names.

The notebook cache (:mod:`sitekit.notebooks`) and the live snippets of ``make serve``
(:mod:`sitekit.live`) key their work on :func:`digest` of these, so an edit re-runs only what
reads the edited file.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages of this repository; every other import is a library, pinned by the lock file.
LOCAL_PACKAGES = ("snippets", "sitekit")


def imported_names(tree: ast.AST, package: str = "") -> set[str]:
    """Dotted names every ``import`` in ``tree`` may load, inside functions too (a function
    that runs later still reads the module). ``from a import b`` may load ``a.b``; a relative
    import is resolved against ``package``.

    >>> sorted(imported_names(ast.parse("import a.b\\nfrom c import d\\nfrom . import e"), "p"))
    ['a.b', 'c', 'c.d', 'p', 'p.e']
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if node.level > 1 else base
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module:
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def module_file(name: str, root: Path = ROOT) -> Path | None:
    """The file of a module of this repository (a package is its ``__init__.py``), or None for
    a library or a name that is not a module (``snippets.arithmetic.conv_output_size``)."""
    if name.split(".")[0] not in LOCAL_PACKAGES:
        return None
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _package_of(path: Path, root: Path) -> str:
    """``snippets.figures`` for ``snippets/figures/grids.py`` and for its ``__init__.py``."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1])


def _parents(name: str) -> Iterator[str]:
    """``a``, ``a.b`` for ``a.b.c``: importing a module runs its packages' ``__init__`` first."""
    parts = name.split(".")
    for end in range(1, len(parts)):
        yield ".".join(parts[:end])


def _names_in(source: str, package: str) -> set[str]:
    try:
        return imported_names(ast.parse(source), package)
    except SyntaxError:
        return set()  # the run itself reports it; a digest still holds the text


@functools.lru_cache(maxsize=1024)
def _names_in_file(path: Path, package: str, stamp: tuple[int, int]) -> frozenset[str]:
    """What a module file imports; ``stamp`` (mtime, size) makes an edit a new entry. A serve
    rebuild digests every section, and most import the same few modules."""
    return frozenset(_names_in(path.read_text(encoding="utf-8"), package))


def local_modules(source: str, root: Path = ROOT, package: str = "") -> list[Path]:
    """Every file of this repository that running ``source`` may import: its local imports,
    their packages' ``__init__.py`` and what those import in turn. Sorted."""
    found: set[Path] = set()
    pending = [_names_in(source, package)]
    while pending:
        for name in pending.pop():
            for candidate in (*_parents(name), name):
                path = module_file(candidate, root)
                if path is not None and path not in found:
                    found.add(path)
                    stat = path.stat()
                    stamp = (stat.st_mtime_ns, stat.st_size)
                    pending.append(_names_in_file(path, _package_of(path, root), stamp))
    return sorted(found)


def named_files(source: str, bases: Iterable[Path], root: Path = ROOT) -> list[Path]:
    """Files of this repository that ``source`` names in a string literal, relative to one of
    ``bases`` (``"data/sizes.json"``): what it may read. Python files are left to
    :func:`local_modules`. Sorted."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: set[Path] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if not text or "\n" in text or len(text) > 200 or text.endswith(".py"):
            continue
        for base in bases:
            try:
                path = (base / text).resolve()
            except (OSError, ValueError):
                continue
            if path.is_file() and path.is_relative_to(root):
                found.add(path)
    return sorted(found)


def digest(parts: Iterable[str | bytes], files: Iterable[Path], root: Path = ROOT) -> str:
    """sha256 of ``parts`` and of each file's path (relative to ``root``) and bytes: the same
    inputs give the same key on any machine and in any copy of the tree."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update((part.encode() if isinstance(part, str) else part) + b"\0")
    for path in sorted(set(files)):
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
        hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()
