"""Nothing of the source reaches the reader as text (sitekit/leaks.py says what counts).

Runs over the built site, every page, and names the page and the text: a formula whose TeX did
not convert, an escaped quote in a title, a snippet marker, Markdown or admonition syntax, TODO.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from sitekit.leaks import leaks
from sitekit.mathml import to_mathml


def test_no_page_shows_source_markup(site_dir: Path) -> None:
    pages = [p for p in sorted(site_dir.rglob("*.html")) if "assets" not in p.parts]
    assert len(pages) > 40, f"only {len(pages)} pages in {site_dir}"
    found = [
        f"{page.relative_to(site_dir).as_posix()}: {leak}"
        for page in pages
        for leak in leaks(page.read_text(encoding="utf-8"))
    ]
    assert not found, "source markup shown as text:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<p>agree because $\\lceil n/4\n\\rceil$ for every n</p>", "TeX command"),
        ('<p class="admonition-title">not \\"same size\\"</p>', "backslash escape"),
        ("<p>costs $n + 1$ cells</p>", "math delimiter"),
        ('<p>--8<-- "snippets/a.py:b"</p>', "snippet marker"),
        ('<p>!!! warning "Title"</p>', "admonition syntax"),
        ("<p>Text { .grid }</p>", "attribute list"),
        ("<p>see [the page](other.md)</p>", "Markdown link"),
        ("<p>a **bold** claim</p>", "Markdown emphasis"),
        ("<p>the `padding` argument</p>", "backtick"),
        ("<p>TODO write this</p>", "TODO"),
        ("<math><mtext>output\\_padding</mtext></math>", "backslash in rendered math"),
    ],
)
def test_each_kind_of_leak_is_found(html: str, kind: str) -> None:
    found = leaks(f"<article>{html}</article>")
    assert kind in {leak.kind for leak in found}, found


def test_code_scripts_and_text_outside_the_article_are_left_alone() -> None:
    html = (
        "<title>$x$ TODO</title><article><p>Fine prose, 5 $ a day.</p>"
        "<pre><code>x = `a` # TODO \\lceil</code></pre><script>if (a) { .b }</script>"
        "<p>Inline <code>$\\frac{a}{b}$</code> is code.</p></article>"
    )
    assert leaks(html) == []


def test_inline_math_may_wrap_onto_the_next_source_line() -> None:
    html = markdown.markdown(
        "agree because $\\lceil n/2 \\rceil = \\lceil\n n/4 \\rceil$ for every n",
        extensions=["sitekit.mathml"],
    )
    assert "<math" in html and "$" not in html and leaks(f"<article>{html}</article>") == []


def test_tex_escapes_inside_text_are_plain_characters() -> None:
    markup = to_mathml(r"(n - 1)s + \text{output\_padding}", "inline")
    assert "<mtext>output_padding</mtext>" in markup, markup
