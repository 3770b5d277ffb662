"""Python-Markdown extension: ``$...$`` and ``$$...$$`` become MathML at build time.

Browsers render MathML natively, so math needs no script, no font and no CDN.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from latex2mathml.converter import convert
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor

# Inline math may wrap onto the next source line (a paragraph never holds a blank line).
INLINE = r"(?<![\\$\w])\$(?=\S)(?P<tex>[^$]+?)(?<=\S)\$(?![\w$])"
# TeX escapes that \text{...} keeps literally in latex2mathml: ``\text{output\_padding}``.
TEXT = re.compile(r"\\text\{(?P<body>[^{}]*)\}")
TEXT_ESCAPE = re.compile(r"\\(?P<char>[_&%#$])")


def _unescape_text(tex: str) -> str:
    r"""``\text{a\_b}`` as ``\text{a_b}``: inside \text the escape is TeX syntax, not content."""
    return TEXT.sub(lambda m: "\\text{" + TEXT_ESCAPE.sub(r"\g<char>", m["body"]) + "}", tex)


def to_mathml(tex: str, display: str) -> str:
    """MathML markup for a TeX string, with the TeX kept as its accessible label."""
    tex = " ".join(tex.split())
    markup = convert(_unescape_text(tex), display=display)
    label = html.escape(tex, quote=True)
    return markup.replace("<math ", f'<math aria-label="{label}" ', 1)


class InlineMath(InlineProcessor):
    """``$tex$`` inside a paragraph."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        # Stashed raw HTML: Markdown's serializer would mangle MathML's namespace.
        placeholder = self.md.htmlStash.store(to_mathml(m.group("tex"), "inline"))
        return placeholder, m.start(0), m.end(0)


class BlockMath(BlockProcessor):
    """A paragraph that starts with ``$$`` and ends with ``$$``."""

    def test(self, parent: etree.Element, block: str) -> bool:
        text = block.strip()
        return text.startswith("$$") and text.endswith("$$") and len(text) > 4

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        tex = blocks.pop(0).strip()[2:-2]
        # Focusable, so keyboard users can scroll a formula wider than a phone screen.
        markup = f'<div class="math-block" tabindex="0">{to_mathml(tex, "block")}</div>'
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = self.parser.md.htmlStash.store(markup)


class MathMLExtension(Extension):
    """Register the inline and block processors."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(InlineMath(INLINE, md), "mathml-inline", 185)
        md.parser.blockprocessors.register(BlockMath(md.parser), "mathml-block", 95)


def makeExtension(**kwargs: object) -> MathMLExtension:
    """Entry point Python-Markdown looks for."""
    return MathMLExtension(**kwargs)
