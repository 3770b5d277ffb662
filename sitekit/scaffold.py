"""Scaffold a new page in one command: page, snippet, output, question and nav entry.

``python -m sitekit.scaffold concept|myth|pitfall NAME "Title"`` (``make page KIND=... NAME=...
TITLE=...``) writes, by the site's one-name-per-page rule (``<name>`` is NAME with ``-`` replaced
by ``_``):

- ``docs/<kind>s/NAME.md``: the page, with the sections the existing pages of its kind use, an
  included example, its output and a question, and for a myth or a pitfall the ``card:`` (and
  ``group:``) of its card on the section's index page;
- ``snippets/<kind>s/<name>.py``: the example between section markers, and an assertion;
- ``snippets/_outputs/<kind>s/<name>/<section>.txt``: what each section prints (run here);
- ``snippets/questions/<kind>s/<name>.py``: a predict-then-check question;
- a nav entry under "Concepts", "Myths" or "Pitfalls" in ``mkdocs.yml`` (made if missing).

Everything it writes already builds, passes and is lint-clean: the example is real TensorFlow and
its assertion is true. What is left for the author is marked ``TODO(scaffold)``, and ``make test``
fails, naming each file and line, until no marker is left (``placeholders``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitekit import cards
from sitekit.sections import ROOT, parse, run_section
from snippets.arithmetic import conv_output_size

MARKER = "TODO(scaffold)"
KINDS = {"concept": "Concepts", "myth": "Myths", "pitfall": "Pitfalls"}
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][\w ,.()'-]*")

_DEMO = """
# --8<-- [start:{section}]
import keras

x = keras.random.normal([1, 8, 8, 1], seed=0)
conv = keras.layers.Conv2D(filters=1, kernel_size=3, strides={stride}{padding})
print("output shape:", tuple(conv(x).shape))
# --8<-- [end:{section}]
"""

# Each kind's shown sections: (section name, stride, padding argument as written).
_SECTIONS = {
    "concept": [("demo", 2, ', padding="same"')],
    "myth": [("demo", 2, ', padding="same"')],
    # The wrong code leaves padding at its default, VALID; the fix says SAME.
    "pitfall": [("wrong", 1, ""), ("fix", 1, ', padding="same"')],
}

_SNIPPET = """{docstring}

# {marker}: replace this example with the code the page shows. A section runs on its own, as a
# reader would paste it: it carries its own imports and seeds any randomness.
{sections}
from snippets.arithmetic import conv_output_size

# {marker}: assert the claim your page makes, against what the code above computed. Sizes and
# paddings come from snippets.arithmetic: never write a formula here.
assert conv(x).shape[1] == conv_output_size(8, 3, stride={stride}, padding="same")
"""

_QUESTIONS = """{docstring}

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="{name}-predict",
        prompt=(
            "{marker}: ask what the reader should predict before running the page's code. "
            "An 8×8 input goes through `Conv2D(kernel_size=3, strides={stride}, padding='same')`: "
            "what is the output's height and width?"
        ),
        choices=({choices}),
        answer="{{0}}×{{0}}".format(conv_output_size(8, 3, stride={stride}, padding="same")),
        explanation=(
            "{marker}: explain the answer in a sentence or two. "
            "[See it run]({page}#{anchor})."
        ),
    ),
]
"""

_CODE = """```python title="{snippet}"
--8<-- "{snippet}:{section}"
```

```text title="Output"
--8<-- "{outputs}/{section}.txt"
```"""

# Each kind's page follows the template its existing pages use (docs/concepts/, docs/myths/,
# docs/pitfalls/). ``anchor`` is where the question's explanation links to.
_BODY = {
    "concept": (
        "what-tensorflow-does",
        """{marker}: say in two or three sentences what this page explains and why it matters
when you build a network with TensorFlow.

## What TensorFlow does {{ #what-tensorflow-does }}

{marker}: introduce the example: what it runs and what to look for in its output.

{code_demo}

<!-- quiz: {name}-predict -->

## Key points

- {marker}: the fact to remember, proved by the assertions in `{snippet}`.""",
    ),
    "myth": (
        "the-reality",
        """**The belief.** {marker}: state the belief as people say it.

{marker}: say in a sentence or two why it sounds right, and where it stops being true.

## Predict first

<!-- quiz: {name}-predict -->

## The reality {{ #the-reality }}

{marker}: introduce the example: what it runs and what to look for in its output.

{code_demo}

{marker}: what the output shows, and the rule that replaces the belief.

## Why it matters

- {marker}: where the belief bites in a real network.

## Where this belief comes from

{marker}: the documentation, issues or posts that spread it, with links.""",
    ),
    "pitfall": (
        "the-fix",
        """**Symptom.** {marker}: the error message or the wrong result people meet.

<!-- quiz: {name}-predict -->

## The wrong code {{ #the-wrong-code }}

{marker}: the code people write, and what goes wrong.

{code_wrong}

## The fix {{ #the-fix }}

{marker}: what to write instead.

{code_fix}

## Root cause {{ #root-cause }}

{marker}: why TensorFlow behaves this way, proved by the assertions in `{snippet}`.""",
    ),
}

_PAGE = """---
title: {title_yaml}
description: {description_yaml}
{cards}---

# {heading}

{body}
"""


def _docstring(text: str) -> str:
    """A module docstring, wrapped to the line length ruff allows, for any title."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return textwrap.fill(f'"""{text}"""', width=100, break_on_hyphens=False, break_long_words=False)


@dataclass(frozen=True)
class Scaffold:
    """Where the files of one new page go."""

    kind: str
    name: str
    title: str

    @property
    def folder(self) -> str:
        """``concepts``, ``myths`` or ``pitfalls``: the same under docs/ and snippets/."""
        return f"{self.kind}s"

    @property
    def module(self) -> str:
        """Python module name for the page's snippet and questions."""
        return self.name.replace("-", "_")

    @property
    def page(self) -> Path:
        """The Markdown page."""
        return ROOT / "docs" / self.folder / f"{self.name}.md"

    @property
    def snippet(self) -> Path:
        """The snippet file: the shown example and the assertions."""
        return ROOT / "snippets" / self.folder / f"{self.module}.py"

    @property
    def outputs(self) -> Path:
        """The folder of what each section prints."""
        return ROOT / "snippets" / "_outputs" / self.folder / self.module

    @property
    def questions(self) -> Path:
        """The question module: the questions package mirrors docs/."""
        return ROOT / "snippets" / "questions" / self.folder / f"{self.module}.py"

    @property
    def heading(self) -> str:
        """The page's title: myth and pitfall pages say what they are."""
        return self.title if self.kind == "concept" else f"{self.kind.capitalize()}: {self.title}"

    @property
    def nav_path(self) -> str:
        """The page as ``mkdocs.yml``'s nav names it (relative to docs/)."""
        return f"{self.folder}/{self.name}.md"


def validate(kind: str, name: str, title: str) -> Scaffold:
    """The scaffold for these arguments, or a ValueError naming the bad one."""
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r}: expected one of {', '.join(KINDS)}")
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"name={name!r}: use lower-case words joined by hyphens, e.g. 'same-is-not-same'"
        )
    if not title.strip() or "\n" in title:
        raise ValueError(f"title={title!r}: give a one-line title, e.g. 'SAME is not same size'")
    return Scaffold(kind, name, " ".join(title.split()))


def _nav_entry(title: str, path: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, for titles with ':' or '#'.
    return f"{title if _PLAIN_TITLE.fullmatch(title) else json.dumps(title)}: {path}"


def add_to_nav(config: str, section: str, title: str, path: str) -> str:
    """``mkdocs.yml`` text with ``title: path`` appended to the nav ``section``.

    The section is found at any depth (the nav's top level is the header's tabs, so "Myths" sits
    under "Myths & pitfalls"). When missing it is created next to its siblings in Concepts, Myths,
    Pitfalls: after the last of those before it, or before the first of those after it, at that
    one's depth; else at the end of the nav. Edited as text so comments, ``!ENV`` tags and
    everyone else's entries stay exactly as they were.
    """
    lines = config.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"nav:\s*$", line))
    except StopIteration:
        raise ValueError("mkdocs.yml has no top-level 'nav:' list") from None
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines)
    )
    items = [i for i in range(start + 1, end) if re.match(r"\s*- ", lines[i])]
    if not items:
        raise ValueError("mkdocs.yml's nav is empty")

    def depth(i: int) -> int:
        return len(lines[i]) - len(lines[i].lstrip())

    indent = depth(items[0])

    def block_end(i: int) -> int:
        """Index just after item ``i`` and its children."""
        following = [j for j in items if j > i and depth(j) <= depth(i)]
        stop = following[0] if following else end
        while stop > i + 1 and not lines[stop - 1].strip():
            stop -= 1
        return stop

    def find(name: str) -> int | None:
        pattern = re.compile(rf"\s*- {re.escape(name)}:\s*$")
        return next((i for i in items if pattern.match(lines[i])), None)

    entry = _nav_entry(title, path)
    if (at := find(section)) is not None:
        children = [i for i in range(at + 1, block_end(at)) if lines[i].strip()]
        child = lines[children[0]] if children else " " * (depth(at) + 4) + "- "
        pad = child[: len(child) - len(child.lstrip())]
        new = [f"{pad}- {entry}\n"]
        where = block_end(at)
    else:
        order = list(KINDS.values())
        before = [i for s in order[: order.index(section)] if (i := find(s)) is not None]
        after = [i for s in order[order.index(section) + 1 :] if (i := find(s)) is not None]
        if before:
            sibling = max(before)
            where = block_end(sibling)
        elif after:
            sibling = min(after)
            where = sibling
        else:
            sibling, where = items[0], end
            while where > start + 1 and not lines[where - 1].strip():
                where -= 1
        pad = " " * depth(sibling) if before or after else " " * indent
        new = [f"{pad}- {section}:\n", f"{pad}    - {entry}\n"]
    if where > 0 and not lines[where - 1].endswith("\n"):
        lines[where - 1] += "\n"
    return "".join(lines[:where] + new + lines[where:])


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's tags (``!ENV``, ``!!python/name``) as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _pages(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [p for child in item for p in _pages(child)]
    if isinstance(item, dict):
        return [p for value in item.values() for p in _pages(value)]
    return []


def nav_sections(config: str) -> dict[str, list[str]]:
    """Each nav section's page paths, at any depth, to check an edit landed where it should."""
    found: dict[str, list[str]] = {}

    def walk(item: object) -> None:
        if isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, list):
                    found[key] = _pages(value)
                    walk(value)

    walk(yaml.load(config, Loader=_AnyTagLoader).get("nav") or [])
    return found


def write_page(s: Scaffold) -> list[Path]:
    """Write the new page's files and nav entry; return the files written."""
    taken = [p for p in (s.page, s.snippet, s.questions) if p.exists()]
    if taken:
        names = ", ".join(str(p.relative_to(ROOT)) for p in taken)
        raise ValueError(f"name={s.name!r}: {names} already exist(s); pick another name")
    from snippets.questions import all_questions

    if f"{s.name}-predict" in all_questions():
        raise ValueError(f"name={s.name!r}: question id {s.name}-predict is already used")

    config_path = ROOT / "mkdocs.yml"
    config = add_to_nav(config_path.read_text(encoding="utf-8"), KINDS[s.kind], s.title, s.nav_path)
    if s.nav_path not in nav_sections(config).get(KINDS[s.kind], []):
        raise RuntimeError(f"could not add {s.nav_path} to the nav of {config_path}")

    snippet_rel = s.snippet.relative_to(ROOT).as_posix()
    outputs_rel = s.outputs.relative_to(ROOT).as_posix()
    sections = _SECTIONS[s.kind]
    stride = sections[-1][1]
    anchor, body = _BODY[s.kind]
    fill = {"marker": MARKER, "name": s.name, "page": s.nav_path, "snippet": snippet_rel}
    for folder in (s.snippet.parent, s.questions.parent):
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "__init__.py").exists():
            (folder / "__init__.py").write_text("", encoding="utf-8")
    s.snippet.write_text(
        _SNIPPET.format(
            docstring=_docstring(f"{s.heading} (page: {s.nav_path})."),
            sections="".join(
                _DEMO.format(section=name, stride=st, padding=pad) for name, st, pad in sections
            ),
            stride=stride,
            **fill,
        ),
        encoding="utf-8",
    )
    right = conv_output_size(8, 3, stride=stride, padding="same")
    valid = conv_output_size(8, 3, stride=stride)
    s.questions.write_text(
        _QUESTIONS.format(
            docstring=_docstring(f"Questions on the page {s.heading} ({s.nav_path})."),
            stride=stride,
            choices=", ".join(f'"{n}×{n}"' for n in sorted({valid, right, 8})),
            anchor=anchor,
            **fill,
        ),
        encoding="utf-8",
    )
    written = [s.page, s.snippet, s.questions]
    for section in parse(s.snippet):
        section.output_path.parent.mkdir(parents=True, exist_ok=True)
        section.output_path.write_text(run_section(section), encoding="utf-8")
        written.append(section.output_path)
    code = {
        f"code_{name}": _CODE.format(snippet=snippet_rel, outputs=outputs_rel, section=name)
        for name, _, _ in sections
    }
    s.page.parent.mkdir(parents=True, exist_ok=True)
    s.page.write_text(
        _PAGE.format(
            title_yaml=json.dumps(s.heading, ensure_ascii=False),
            description_yaml=json.dumps(
                f"{MARKER}: one sentence on what the reader learns here, for search results."
            ),
            cards=cards.new_page_front_matter(s.folder, config, ROOT / "docs", MARKER),
            heading=s.heading,
            body=body.format(**fill, **code),
        ),
        encoding="utf-8",
    )
    config_path.write_text(config, encoding="utf-8")
    return written


def placeholders(root: Path = ROOT) -> list[str]:
    """Every ``TODO(scaffold)`` left in docs/ and snippets/, as ``path:line: text``."""
    found = []
    for folder, pattern in (("docs", "*.md"), ("snippets", "*.py")):
        for path in sorted((root / folder).rglob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if MARKER in line:
                    rel = path.relative_to(root).as_posix()
                    found.append(f"{rel}:{number}: {line.strip()[:100]}")
    return found


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m sitekit.scaffold`` and ``make page``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", help="concept, myth or pitfall")
    parser.add_argument("name", help="the page's file name: lower-case words joined by hyphens")
    parser.add_argument("title", help="the page's title, as the nav shows it")
    args = parser.parse_args(argv)
    try:
        scaffold = validate(args.kind, args.name, args.title)
        written = write_page(scaffold)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"New {scaffold.kind} page {scaffold.title!r}, in the nav under {KINDS[scaffold.kind]}:")
    for path in written:
        print(f"  {path.relative_to(ROOT)}")
    print(f"Next: fill every {MARKER} (`make test` lists the ones left), `make outputs` after")
    print("changing the example, and preview with `make serve`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
