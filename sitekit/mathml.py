"""Python-Markdown extension: ``$...$`` and ``$$...$$`` become MathML at build time.

Browsers render MathML natively, so math needs no script, no font and no CDN.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from latex2mathml.converter import convert
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor

INLINE = r"(?<![\\$\w])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?![\w$])"


def to_element(tex: str, display: str) -> etree.Element:
    """MathML element for a TeX string, with the TeX kept as its accessible annotation."""
    element = etree.fromstring(convert(tex.strip(), display=display))
    element.set("aria-label", tex.strip())
    return element


class InlineMath(InlineProcessor):
    """``$tex$`` inside a paragraph."""

    def handleMatch(self, m: re.Match[str], data: str):
        return to_element(m.group("tex"), "inline"), m.start(0), m.end(0)


class BlockMath(BlockProcessor):
    """A paragraph that starts with ``$$`` and ends with ``$$``."""

    def test(self, parent: etree.Element, block: str) -> bool:
        text = block.strip()
        return text.startswith("$$") and text.endswith("$$") and len(text) > 4

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        tex = blocks.pop(0).strip()[2:-2]
        wrapper = etree.SubElement(parent, "div", {"class": "math-block"})
        wrapper.append(to_element(tex, "block"))


class MathMLExtension(Extension):
    """Register the inline and block processors."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(InlineMath(INLINE, md), "mathml-inline", 185)
        md.parser.blockprocessors.register(BlockMath(md.parser), "mathml-block", 95)


def makeExtension(**kwargs: object) -> MathMLExtension:
    """Entry point Python-Markdown looks for."""
    return MathMLExtension(**kwargs)
