"""Source markup that reaches the reader as text: TeX, escapes, snippet and Markdown syntax.

A page's Markdown goes through several converters (Python-Markdown, the MathML extension,
pymdownx.snippets, mkdocs-jupyter). When one of them does not recognise its input, the input is
printed as it was written: ``$\\lceil n/4 \\rceil$`` as dollars and backslashes, an escaped quote in
an admonition title as ``\\"``. :func:`leaks` reads a built page the way a reader sees it (the text
of its article, leaving out code, scripts and styles) and names every such piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose text is code, or not text at all: source syntax is legitimate there.
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "svg", "textarea", "template"}
# What a converter leaves behind when it does not recognise its input, by what it is.
PATTERNS: dict[str, re.Pattern[str]] = {
    "TeX command": re.compile(r"\\[A-Za-z]{2,}"),
    "backslash escape": re.compile(r"\\[^\sA-Za-z0-9]"),
    "math delimiter": re.compile(r"\$\$|\$(?=\S)[^$\n]*(?:\n[^$\n]*)?(?<=\S)\$"),
    "snippet marker": re.compile(r"--8<--|\[(?:start|end):[\w-]+\]"),
    "admonition syntax": re.compile(r"(?:^|\s)(?:!!!|\?\?\?\+?)\s"),
    "attribute list": re.compile(r"\{:|\{\s*[.#][\w-]+[^}]*\}"),
    "Markdown link": re.compile(r"\]\([^)\s]*\)|\]\[[^\]]*\]"),
    "Markdown emphasis": re.compile(r"(?<![\w*])\*\*\S[^*]*\*\*|(?<!\w)__\S[^_]*__(?!\w)"),
    "backtick": re.compile(r"`"),
    "TODO": re.compile(r"\bTODO\b"),
}
# Inside rendered math a backslash is always a TeX command the converter did not know.
MATH_PATTERNS = {"backslash in rendered math": re.compile(r"\\")}


@dataclass(frozen=True)
class Leak:
    """One piece of source syntax shown as text."""

    kind: str
    text: str
    context: str

    def __str__(self) -> str:
        return f"{self.kind} {self.text!r} in “{self.context}”"


class _Text(HTMLParser):
    """The visible text of the ``<article>``, split into prose and rendered math."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.math: list[str] = []
        self._article = 0
        self._skip = 0
        self._math = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        elif tag in SKIP:
            self._skip += 1
        elif tag == "math":
            self._math += 1
            self.math.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        elif tag in SKIP:
            self._skip = max(self._skip - 1, 0)
        elif tag == "math":
            self._math = max(self._math - 1, 0)
        elif tag in ("p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "summary", "dt", "dd"):
            self.prose.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._article or self._skip:
            return
        if self._math:
            self.math[-1] += data
        else:
            self.prose.append(data)


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(start - 40, 0) : end + 40].split())


def leaks(html: str) -> list[Leak]:
    """Every piece of source syntax shown as text in the page's article."""
    parser = _Text()
    parser.feed(html)
    prose = "".join(parser.prose)
    found = [
        Leak(kind, m.group(), _context(prose, m.start(), m.end()))
        for kind, pattern in PATTERNS.items()
        for m in pattern.finditer(prose)
    ]
    found += [
        Leak(kind, m.group(), _context(math, m.start(), m.end()))
        for math in parser.math
        for kind, pattern in MATH_PATTERNS.items()
        for m in pattern.finditer(math)
    ]
    return found
