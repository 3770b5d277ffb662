"""Notebook pages: the .ipynb copies, mkdocs-jupyter's cache, and light, accessible HTML.

The notebooks are written as jupytext percent-format scripts, ``docs/notebooks/<name>.py``;
mkdocs-jupyter executes them at build time and renders them as pages. This module, registered as
an MkDocs hook (public hook API only), adds what the plugin does not do:

* **.ipynb copies.** ``python -m sitekit.notebooks`` writes ``docs/notebooks/<name>.ipynb``
  next to each script, without outputs and with stable cell ids, so the file is byte-identical
  when regenerated. They are committed because Colab opens notebooks from GitHub only as
  .ipynb; the same file is the page's download. ``tests/test_notebooks.py`` fails when one is
  out of step with its script.
* **A cache that cannot go stale, per notebook.** mkdocs-jupyter (0.26) keys its cache on the
  notebook's bytes and its own options, so a change to ``snippets/`` would be served from the
  cache with the old output. Each notebook gets a cache folder of its own,
  ``<cache_dir>/<name>/``, emptied (:func:`on_pre_page`) when :func:`notebook_digest` changes:
  the notebook's text, the ``snippets``/``sitekit`` modules it imports (transitively, read with
  ``ast``), the repository files it names, the versions of the libraries it runs on. Editing a
  snippet re-runs only the notebooks that import it.
* **Light, accessible pages.** nbconvert's HTML carries about 650 KB of inline CSS, a clipboard
  script and a MathJax loader from a CDN. :func:`clean_notebook_html` keeps the cells only,
  turns code and printed output into Material code blocks (theme colours in both palettes,
  Material's copy button), leaves code cells out of the search index (the prose stays in), and
  gives every plot the alt text its cell declares::

      #| fig-alt: What the plot shows, in words: the trend, the numbers that matter.
      #|   Indented lines continue the description.

  A cell with one ``fig-alt`` per image it shows; an image without one fails the build.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from sitekit.deps import digest, local_modules, named_files
from sitekit.mathml import INLINE, to_mathml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "docs" / "notebooks"
BRANCH = "main"
# What a notebook's output depends on besides its own text (which the plugin already hashes).
LIBRARIES = (
    "tensorflow-cpu",
    "tensorflow",
    "keras",
    "numpy",
    "matplotlib",
    "nbconvert",
    "mkdocs-jupyter",
)
STAMP = "inputs.sha256"


# --- .ipynb copies --------------------------------------------------------------------------


def notebook_scripts() -> list[Path]:
    """The percent-format notebooks, ``docs/notebooks/*.py``."""
    return sorted(NOTEBOOKS.glob("*.py"))


def read_script(script: Path) -> Any:
    """The notebook in a percent-format script, without jupytext's own bookkeeping metadata."""
    import jupytext

    notebook = jupytext.read(script)
    notebook.metadata.pop("jupytext", None)
    return notebook


def to_ipynb(script: Path) -> str:
    """The .ipynb text of a percent-format script: no outputs, cell ids ``cell-0``, ``cell-1``..."""
    import jupytext

    notebook = read_script(script)
    for index, cell in enumerate(notebook.cells):
        # jupytext draws random ids; fixed ones keep the committed file byte-identical.
        cell.id = f"cell-{index}"
    return jupytext.writes(notebook, fmt="ipynb") + "\n"


def stale_copies() -> list[str]:
    """Why the committed .ipynb copies do not match the scripts (empty when they do)."""
    problems = []
    for script in notebook_scripts():
        copy = script.with_suffix(".ipynb")
        if not copy.exists():
            problems.append(f"{copy.relative_to(ROOT)} is missing")
        elif copy.read_text(encoding="utf-8") != to_ipynb(script):
            problems.append(f"{copy.relative_to(ROOT)} differs from {script.name}")
    for copy in sorted(NOTEBOOKS.glob("*.ipynb")):
        if not copy.with_suffix(".py").exists():
            problems.append(f"{copy.relative_to(ROOT)} has no {copy.stem}.py")
    return problems


def write_copies() -> list[Path]:
    """Write the .ipynb copy of every script whose copy is missing or stale; return those."""
    written = []
    for script in notebook_scripts():
        copy, text = script.with_suffix(".ipynb"), to_ipynb(script)
        if not copy.exists() or copy.read_text(encoding="utf-8") != text:
            copy.write_text(text, encoding="utf-8")
            written.append(copy)
    return written


# --- the execution cache --------------------------------------------------------------------


def notebook_digest(script: Path, root: Path = ROOT) -> str:
    """What a notebook's output depends on: its text, the local modules it imports (with their
    packages' ``__init__``, transitively), the repository files it names in a string, and the
    versions of the libraries it runs on. Paths are taken relative to ``root``."""
    source = script.read_text(encoding="utf-8")
    files = [
        script,
        *local_modules(source, root),
        *named_files(source, (script.parent, root), root),
    ]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return digest(versions, files, root)


def refresh_cache(cache_dir: Path, digest: str) -> bool:
    """Empty ``cache_dir`` unless it was filled with inputs of this ``digest``; True if emptied."""
    stamp = cache_dir / STAMP
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return False
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    cache_dir.mkdir(parents=True)
    stamp.write_text(digest, encoding="utf-8")
    return True


# --- page HTML ------------------------------------------------------------------------------

_WRAPPER = '<div class="jupyter-wrapper">'
_CLIPBOARD_BUTTON = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S
)
# mkdocs-jupyter copies each code cell's source, escaped, into a hidden div after its input.
# A code cell starts (mkdocs-jupyter and nbconvert each open one such div), shows its source
# (hidden input: none), then its outputs; each image belongs to the cell last opened.
_CELL_SOURCE_OR_IMAGE = re.compile(
    r'(?P<cell><div class="jp-Cell jp-CodeCell)'
    r'|<div class="clipboard-copy-txt" id="cell-\d+">(?P<source>.*?)</div>'
    r"|(?P<img><img\b[^>]*>)",
    re.S,
)
_CODE = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w+-]+)\s*">'
    r"<pre><span></span>(?P<code>.*?)</pre></div>",
    re.S,
)
_TEXT_OUTPUT = re.compile(
    r'<div class="jp-RenderedText jp-OutputArea-output(?P<extra>[^"]*)"'
    r' data-mime-type="(?P<mime>[^"]+)"[^>]*>'
    r"\s*<pre>(?P<text>.*?)</pre>",
    re.S,
)
_NOISE = re.compile(
    r'\s(?:tabindex="0"|id="cell-id=[^"]*"|class="")'  # focus stops on plain text; random ids
    r'|<div class="jp-Collapser[^"]*">\s*</div>'  # JupyterLab's collapse handles, never used
)
# A markdown cell's HTML: nbconvert leaves its $...$ as text for MathJax, which pages never load.
_MARKDOWN = re.compile(
    r'(?P<open><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)'
    r"(?P<body>.*?)(?P<close></div>)",
    re.S,
)
_DISPLAY_MATH = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.S)
_INLINE_MATH = re.compile(INLINE)
_FORBIDDEN = re.compile(r"<(?:script|style|link|iframe)\b|No description has been provided", re.I)
_FIG_ALT = re.compile(r"^#\|\s*fig-alt:\s*(?P<text>.*)$")
_CONTINUATION = re.compile(r"^#\|\s{2,}(?P<text>\S.*)$")


def figure_descriptions(source: str) -> list[str]:
    """The ``#| fig-alt:`` descriptions at the top of a cell, one per image it shows.

    >>> figure_descriptions("#| fig-alt: A line going up,\\n#|   then down.\\nplt.show()")
    ['A line going up, then down.']
    """
    descriptions: list[str] = []
    for line in source.splitlines():
        if not line.startswith("#|"):
            break
        if start := _FIG_ALT.match(line):
            descriptions.append(start["text"].strip())
        elif (more := _CONTINUATION.match(line)) and descriptions:
            descriptions[-1] += " " + more["text"].strip()
    return descriptions


def clean_notebook_html(body: str, where: str) -> str:
    """The cells of mkdocs-jupyter's HTML, restyled as Material content, every image described.

    ``where`` names the notebook in error messages. Raises ``ValueError`` when an image has no
    description, a description has no image, or the HTML is not what mkdocs-jupyter 0.26 makes.
    """
    if _WRAPPER not in body:
        raise ValueError(
            f"{where}: no {_WRAPPER} in the notebook HTML; has mkdocs-jupyter changed?"
        )
    # Everything before the wrapper is nbconvert's <style>, <script> and CDN loaders.
    body = body[body.index(_WRAPPER) :]
    body = _CLIPBOARD_BUTTON.sub("", body)

    pending: list[str] = []
    cell = "(hidden)"  # the first line of the current cell's source, to name it in errors

    def describe(match: re.Match[str]) -> str:
        nonlocal pending, cell
        if match["cell"] is not None:
            _check_all_used(pending, where, cell)
            pending, cell = [], "(hidden)"
            return match["cell"]
        if match["source"] is not None:
            source = html.unescape(match["source"])
            pending, cell = figure_descriptions(source), source.split("\n", 1)[0]
            return ""
        if not pending:
            raise ValueError(
                f"{where}: the code cell starting {cell!r} shows an image with no description; "
                f"start the cell with a '#| fig-alt: ...' line per image it shows"
            )
        tag = re.sub(r'\salt="[^"]*"', "", match["img"])
        return tag.replace("<img", f'<img alt="{html.escape(pending.pop(0))}"', 1)

    body = _CELL_SOURCE_OR_IMAGE.sub(describe, body)
    _check_all_used(pending, where, cell)

    body = _CODE.sub(
        r'<div class="language-\g<lang> highlight">'
        r"<pre><span></span><code>\g<code></code></pre></div>",
        body,
    )
    body = _TEXT_OUTPUT.sub(_output_block, body)
    body = _MARKDOWN.sub(_markdown_math, body)
    body = body.replace('<a class="anchor-link" ', '<a class="headerlink" title="Permanent link" ')
    # Search indexes the prose; code and printed tables would only bloat the index every page loads.
    body = body.replace(
        '<div class="jp-Cell jp-CodeCell', '<div data-search-exclude class="jp-Cell jp-CodeCell'
    )
    body = _NOISE.sub("", body)
    if found := _FORBIDDEN.search(body):
        raise ValueError(f"{where}: the notebook HTML still contains {found.group()!r}")
    return body


def _markdown_math(match: re.Match[str]) -> str:
    """A markdown cell with its TeX as MathML, as on every other page."""

    def math(display: str) -> Callable[[re.Match[str]], str]:
        return lambda m: to_mathml(html.unescape(m["tex"]), display)

    body = _DISPLAY_MATH.sub(math("block"), match["body"])
    body = _INLINE_MATH.sub(math("inline"), body)
    return match["open"] + body + match["close"]


def _check_all_used(pending: list[str], where: str, cell: str) -> None:
    if pending:
        raise ValueError(
            f"{where}: the code cell starting {cell!r} describes {len(pending)} more image(s) "
            f"with '#| fig-alt' than it shows: {pending!r}"
        )


def _output_block(match: re.Match[str]) -> str:
    """A printed output as a Material code block titled like the site's other outputs."""
    title = "Error output" if "stderr" in match["mime"] else "Output"
    return (
        f'<div class="jp-RenderedText jp-OutputArea-output{match["extra"]}'
        ' language-text highlight">'
        f'<span class="filename">{title}</span><pre><span></span><code>{match["text"]}</code></pre>'
    )


def colab_url(repo_url: str, notebook: str) -> str:
    """Colab's address for ``docs/notebooks/<notebook>.ipynb`` on the main branch of a GitHub repo.

    >>> colab_url("https://github.com/conv-arithmetic/padding-stride-tf", "shape-lab")
    'https://colab.research.google.com/github/conv-arithmetic/padding-stride-tf/blob/main/docs/notebooks/shape-lab.ipynb'
    """
    parts = urlsplit(repo_url)
    if parts.netloc != "github.com" or parts.path.strip("/").count("/") != 1:
        raise ValueError(f"repo_url must be https://github.com/<owner>/<repo>, got {repo_url!r}")
    repo = parts.path.strip("/").removesuffix(".git")
    return f"https://colab.research.google.com/github/{repo}/blob/{BRANCH}/docs/notebooks/{notebook}.ipynb"


def actions(download_href: str, colab_href: str) -> str:
    """The links under a notebook's title: download the .ipynb, open it in Colab."""
    return (
        '<p class="notebook-actions">'
        f'<a href="{html.escape(download_href)}" download>Download the notebook (.ipynb)</a>'
        f'<a href="{html.escape(colab_href)}" rel="noopener">Open it in Google Colab</a>'
        "</p>"
    )


# --- MkDocs hooks ---------------------------------------------------------------------------


def _is_notebook(page: Any) -> bool:
    uri = page.file.src_uri
    return uri.startswith("notebooks/") and uri.endswith(".py")


def _cache_plugin(config: Any) -> Any | None:
    """mkdocs-jupyter, when it is configured with its cache on."""
    plugin = config.plugins.get("mkdocs-jupyter")
    return plugin if plugin is not None and plugin.config["cache"] else None


# The cache folder as configured, before on_pre_page points the plugin at a notebook's own.
_cache_base: dict[int, Path] = {}


def on_config(config: Any) -> Any:
    """Remember the plugin's cache folder; remove what the one-cache-for-all layout left there."""
    plugin = _cache_plugin(config)
    if plugin is not None:
        # The plugin resolves its cache_dir against the working directory; so must this.
        base = Path(plugin.config["cache_dir"])
        _cache_base[id(plugin)] = base
        for legacy in (*base.glob("*.json"), base / "snippets.sha256"):
            legacy.unlink(missing_ok=True)
    return config


# Before mkdocs-jupyter's on_pre_page, which computes the page's cache file from cache_dir.
@event_priority(100)
def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """Point the plugin at the notebook's own cache folder, emptied when its inputs changed."""
    plugin = _cache_plugin(config)
    if plugin is not None and _is_notebook(page):
        script = Path(page.file.abs_src_path)
        base = _cache_base.get(id(plugin), Path(plugin.config["cache_dir"]))
        folder = base / script.stem
        refresh_cache(folder, notebook_digest(script))
        plugin.config["cache_dir"] = str(folder)
    return page


# Before the plugins' on_page_content (mkdocs-llmstxt turns the page into Markdown there): they
# see the cleaned notebook, not nbconvert's styles and scripts.
@event_priority(50)
def on_page_content(body: str, page: Any, config: Any, files: Any) -> str:
    """Clean a notebook page and put its download and Colab links under the title."""
    if not _is_notebook(page):
        return body
    where = f"docs/{page.file.src_uri}"
    body = clean_notebook_html(body, where)
    ipynb = page.file.src_uri.removesuffix(".py") + ".ipynb"
    copy = files.get_file_from_path(ipynb)
    if copy is None:
        raise ValueError(f"{where}: docs/{ipynb} is missing; run `make notebooks`")
    links = actions(copy.url_relative_to(page.file), colab_url(config.repo_url, Path(ipynb).stem))
    if "</h1>" not in body:
        raise ValueError(f"{where}: the notebook must start with a '# Title' markdown cell")
    description = read_script(Path(page.file.abs_src_path)).metadata.get("description")
    if not description:
        raise ValueError(f"{where}: give the notebook a description in its jupytext header")
    page.meta["description"] = description
    return body.replace("</h1>", "</h1>" + links, 1)


def main() -> int:
    """Write the .ipynb copies of the notebooks (``make notebooks``)."""
    for path in write_copies():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
