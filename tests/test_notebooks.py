"""Notebooks run clean in a fresh kernel, keep their checks, and build into light, described pages.

Each notebook (``docs/notebooks/*.py``, jupytext percent format) is executed here with nbclient
exactly as the site build executes it, so a failing cell shows up in the test stage first, with
its traceback. What that fresh run prints and draws must be, byte for byte, what the built page
shows: two runs of each notebook, the build's and this one, give the same output (the notebook
half of ``tests/test_reproducible.py``, whose second build replays the notebook cache). The build
glue (``sitekit/notebooks.py``) is tested on small pieces of HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import jupytext
import nbclient
import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from sitekit import notebooks as nb
from sitekit.notebooks import (
    clean_notebook_html,
    colab_url,
    figure_descriptions,
    notebook_digest,
    notebook_scripts,
    refresh_cache,
    stale_copies,
    to_ipynb,
)

SCRIPTS = notebook_scripts()
IDS = [s.stem for s in SCRIPTS]
# What each notebook must keep doing: the comparisons it exists for.
REQUIRED = {
    "shape-lab": [
        "keras.layers.Conv2D(",
        "from snippets.arithmetic import",
        "conv_output_size(",
        "same_padding(",
    ],
    "conv-from-scratch": [
        "from snippets.reference import",
        "tf.nn.conv2d(",
        "tf.nn.max_pool2d(",
        "tf.nn.avg_pool2d(",
        "same_padding(7, 3, stride=2)",
        "same_padding(8, 3, stride=2)",
    ],
    "padding-modes": [
        "from snippets.figures.replicate import replicate_pad",
        'get_sample_data("grace_hopper.jpg")',
        'mode="REFLECT"',
        'mode="SYMMETRIC"',
        '"edge"',
        "np.pad(",
    ],
    "border-effects": [
        'get_sample_data("grace_hopper.jpg")',
        "from snippets.arithmetic import same_padding",
        'padding="SAME"',
        '"REFLECT"',
        'padding="VALID"',
    ],
}
CHECK = re.compile(r"^\s*(assert\b|np\.testing\.assert_)", re.M)
IMAGE_TYPES = ("image/png", "image/jpeg")


def execute(notebook: nbformat.NotebookNode, script: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel started in the notebook's folder, as a reader would."""
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(script.parent)}},
    )
    client.execute()
    return notebook


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in notebook.cells if c.cell_type == "code"]


def test_every_notebook_is_there() -> None:
    assert set(IDS) >= set(REQUIRED), f"notebooks missing: {set(REQUIRED) - set(IDS)}"
    assert (nb.NOTEBOOKS / "index.md").is_file()


@pytest.mark.parametrize("script", SCRIPTS, ids=IDS)
def test_notebook_contains_its_checks(script: Path) -> None:
    notebook = jupytext.read(script)
    code = "\n".join(c.source for c in code_cells(notebook))
    missing = [text for text in REQUIRED.get(script.stem, []) if text not in code]
    assert not missing, f"{script.name} no longer contains {missing}"
    assert len(CHECK.findall(code)) >= 5, f"{script.name}: fewer than 5 checks"
    assert "from snippets" in code, f"{script.name} must import from snippets, not copy it"
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith("# "), "the first cell must be the '# Title'"
    assert len(notebook.metadata.get("description", "")) > 50, "describe it in the header"


def unshown_outputs(notebook: nbformat.NotebookNode, page: str) -> list[str]:
    """The printed text and images of an executed notebook that the built page does not show
    exactly (text as the page escapes it, images as the data URL the page embeds)."""
    missing = []
    for index, cell in enumerate(code_cells(notebook)):
        for output in cell.outputs:
            data = output.get("data", {})
            images = [
                f"data:{m};base64,{data[m]}".replace("\n", "") for m in IMAGE_TYPES if m in data
            ]
            texts = [output.text] if output.output_type == "stream" else []
            texts += [data["text/plain"]] if "text/plain" in data and not images else []
            missing += [
                f"code cell {index} prints {text[:80]!r}"
                for text in texts
                if html.escape(text.rstrip("\n"), quote=False) not in page
            ]
            missing += [
                f"code cell {index} draws {url[:40]}..." for url in images if url not in page
            ]
    return missing


@pytest.mark.parametrize("script", SCRIPTS, ids=IDS)
def test_notebook_runs_clean_in_a_fresh_kernel(script: Path, site_dir: Path) -> None:
    notebook = execute(jupytext.read(script), script)
    for index, cell in enumerate(code_cells(notebook)):
        kinds = [o.output_type for o in cell.outputs]
        assert "error" not in kinds, f"{script.name}, code cell {index}: error output"
        stderr = [o.text for o in cell.outputs if o.get("name") == "stderr"]
        assert not stderr, f"{script.name}, code cell {index} wrote to stderr: {stderr}"
        images = [o for o in cell.outputs if any(m in o.get("data", {}) for m in IMAGE_TYPES)]
        described = figure_descriptions(cell.source)
        assert len(images) == len(described), (
            f"{script.name}, code cell {index}: {len(images)} image(s), "
            f"{len(described)} '#| fig-alt' description(s)"
        )
    printed = [o for c in code_cells(notebook) for o in c.outputs if o.output_type == "stream"]
    assert len(printed) >= 3, f"{script.name} shows too little output"
    page = (site_dir / "notebooks" / script.stem / "index.html").read_text(encoding="utf-8")
    unshown = unshown_outputs(notebook, page)
    assert not unshown, (
        f"{script.name}: a fresh run differs from the built page (notebooks/{script.stem}/): "
        + "; ".join(unshown)
    )


def test_unshown_outputs_names_what_the_page_does_not_show() -> None:
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1 < 2\n"),
        nbformat.v4.new_output(
            "display_data", data={"image/jpeg": "QUJD\nREVG", "text/plain": "F"}
        ),
        nbformat.v4.new_output("execute_result", data={"text/plain": "(3, 3)"}),
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    shown = '<code>1 &lt; 2</code><img src="data:image/jpeg;base64,QUJDREVG"/><code>(3, 3)</code>'
    assert unshown_outputs(notebook, shown) == []
    other = '<code>1 &lt; 3</code><img src="data:image/jpeg;base64,QUJDREVH"/>'
    assert unshown_outputs(notebook, other) == [
        "code cell 0 prints '1 < 2\\n'",
        "code cell 0 draws data:image/jpeg;base64,QUJDREVG...",
        "code cell 0 prints '(3, 3)'",
    ]


@pytest.mark.tf
def test_a_wrong_formula_stops_the_notebook() -> None:
    """The checks bite: with SAME's odd cell moved to the front, the shape lab fails."""
    script = nb.NOTEBOOKS / "shape-lab.py"
    notebook = jupytext.read(script)
    sabotage = nbformat.v4.new_code_cell(
        "import snippets.arithmetic as arithmetic\n"
        "real = arithmetic.same_padding\n"
        "arithmetic.same_padding = lambda *args, **kwargs: real(*args, **kwargs)[::-1]\n"
    )
    # After the setup cell, which makes `snippets` importable.
    notebook.cells.insert(2, sabotage)
    with pytest.raises(CellExecutionError, match="AssertionError"):
        execute(notebook, script)


def test_ipynb_copies_match_the_scripts() -> None:
    problems = stale_copies()
    assert not problems, "; ".join(problems) + ": run `make notebooks`"


def test_ipynb_copy_is_stable_and_has_no_outputs() -> None:
    script = SCRIPTS[0]
    text = to_ipynb(script)
    assert text == to_ipynb(script)
    copy = nbformat.reads(text, as_version=4)
    nbformat.validate(copy)
    assert [c.id for c in copy.cells] == [f"cell-{i}" for i in range(len(copy.cells))]
    assert all(not c.get("outputs") for c in copy.cells)


def test_figure_descriptions() -> None:
    source = (
        "#| fig-alt: First plot,\n"
        "#|   continued.\n"
        "#| echo: false\n"
        "#| fig-alt: Second plot.\n"
        "x = 1\n"
        "#| fig-alt: not an option: below code\n"
    )
    assert figure_descriptions(source) == ["First plot, continued.", "Second plot."]
    assert figure_descriptions("plt.show()") == []


# A minimal page in the shape mkdocs-jupyter 0.26 produces.
HEAD = '<script src="https://cdn.example/mathjax.js"></script><style>.x{}</style>'
MARKDOWN = (
    '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=ab12">'
    '<div class="jp-Cell-inputWrapper" tabindex="0">'
    '<h1 id="t">Title<a class="anchor-link" href="#t">¶</a></h1><p>Intro. More.</p></div></div>'
)


def code_cell(source: str, outputs: str = "") -> str:
    escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell">'
        '<div class="zeroclipboard-container"><clipboard-copy for="cell-1">x</clipboard-copy>\n'
        "</div>"
        '<div class="highlight-ipynb hl-python"><pre><span></span>'
        f'<span class="n">{escaped}</span></pre></div>'
        f'<div class="clipboard-copy-txt" id="cell-1">{escaped}</div>{outputs}</div>'
    )


HIDDEN_INPUT_WITH_IMAGE = (
    '<div class="jp-Cell jp-CodeCell jp-Notebook-cell jp-mod-noInput"><img src="data:,"/></div>'
)
IMG = '<img alt="No description has been provided for this image" class="" src="data:,"/>'
PRINTED = (
    '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" '
    'tabindex="0">\n<pre>1 &lt; 2</pre>\n</div>'
)


def page(*cells: str) -> str:
    return HEAD + '<div class="jupyter-wrapper">' + MARKDOWN + "".join(cells) + "</div>"


def test_clean_html_keeps_cells_and_describes_images() -> None:
    out = clean_notebook_html(
        page(
            code_cell("#| fig-alt: A <rising> line.\nplot()", IMG), code_cell("print(1)", PRINTED)
        ),
        "nb",
    )
    assert out.startswith('<div class="jupyter-wrapper">')
    assert '<img alt="A &lt;rising&gt; line." src="data:,"/>' in out
    assert "<script" not in out and "<style" not in out and "clipboard" not in out
    assert '<div class="language-python highlight"><pre><span></span><code><span' in out
    assert '<span class="filename">Output</span><pre><span></span><code>1 &lt; 2</code>' in out
    assert 'class="headerlink"' in out and "anchor-link" not in out
    assert "tabindex" not in out and "cell-id=" not in out
    assert out.count("data-search-exclude") == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (page(code_cell("plot()", IMG)), "starting 'plot()' shows an image with no description"),
        (page(code_cell("#| fig-alt: One.\n#| fig-alt: Two.\nplot()", IMG)), "1 more image"),
        (page(code_cell("#| fig-alt: One.\nx = 1"), code_cell("plot()", IMG)), "1 more image"),
        # A cell whose input is hidden cannot declare a description, nor borrow its neighbour's.
        (page(code_cell("x = 1"), HIDDEN_INPUT_WITH_IMAGE), "'(hidden)' shows"),
        (page(code_cell("#| fig-alt: One.\nx = 1"), HIDDEN_INPUT_WITH_IMAGE), "1 more image"),
        ("<div>no wrapper</div>", 'no <div class="jupyter-wrapper">'),
        (page(code_cell("x = 1", "<script>alert(1)</script>")), "still contains '<script'"),
    ],
)
def test_clean_html_refuses_what_would_break_the_page(body: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        clean_notebook_html(body, "nb")


def test_colab_url() -> None:
    url = colab_url("https://github.com/owner/repo.git", "x")
    assert (
        url
        == "https://colab.research.google.com/github/owner/repo/blob/main/docs/notebooks/x.ipynb"
    )
    for bad in ("https://gitlab.com/owner/repo", "https://github.com/owner"):
        with pytest.raises(ValueError, match="repo_url"):
            colab_url(bad, "x")


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_cache_key_follows_what_the_notebook_imports_and_reads(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "snippets/__init__.py": "",
            "snippets/arithmetic.py": "A = 1\n",
            "snippets/reference.py": "from snippets.arithmetic import A\n",
            "snippets/unrelated.py": "B = 1\n",
            "snippets/figures/__init__.py": "from . import grids\n",
            "snippets/figures/grids.py": "G = 1\n",
            "snippets/figures/replicate.py": "R = 1\n",
            "docs/notebooks/sizes.json": "[1]\n",
            "docs/notebooks/lab.py": (
                "import numpy as np\nfrom snippets.reference import A\n"
                "def late():\n    from snippets.figures.replicate import R\n"
                "sizes = open('sizes.json').read()\n"
            ),
        },
    )
    script = tmp_path / "docs/notebooks/lab.py"
    key = notebook_digest(script, tmp_path)
    assert notebook_digest(script, tmp_path) == key  # stable

    def edited(name: str, text: str) -> str:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return notebook_digest(script, tmp_path)

    # A snippet the notebook does not import leaves its key, and its cache, alone.
    assert edited("snippets/unrelated.py", "B = 2\n") == key
    # What it imports, directly, transitively, inside a function, or through a package's
    # __init__ (importing snippets.figures.replicate runs snippets/figures/__init__.py).
    for name in (
        "snippets/reference.py",
        "snippets/arithmetic.py",
        "snippets/figures/replicate.py",
        "snippets/figures/grids.py",
        "docs/notebooks/sizes.json",
        "docs/notebooks/lab.py",
    ):
        before = notebook_digest(script, tmp_path)
        after = edited(name, (tmp_path / name).read_text(encoding="utf-8") + "# edited\n")
        assert after != before, f"editing {name} left the notebook's cache key unchanged"


def test_the_real_notebooks_depend_on_what_they_import() -> None:
    from sitekit.deps import local_modules

    def deps(stem: str) -> set[str]:
        source = (nb.NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8")
        return {p.relative_to(nb.ROOT).as_posix() for p in local_modules(source)}

    shape_lab = deps("shape-lab")
    assert {"snippets/__init__.py", "snippets/arithmetic.py"} <= shape_lab
    assert not any(p.startswith(("snippets/myths/", "snippets/figures/")) for p in shape_lab)
    assert "snippets/reference.py" in deps("conv-from-scratch")
    assert "snippets/figures/replicate.py" in deps("padding-modes")


def test_cache_is_emptied_when_the_inputs_change(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert refresh_cache(cache, "before")  # a new cache is stamped
    (cache / "page.json").write_text("{}", encoding="utf-8")
    assert not refresh_cache(cache, "before")  # same inputs: kept
    assert (cache / "page.json").exists()
    assert refresh_cache(cache, "after")  # inputs changed: emptied
    assert not (cache / "page.json").exists()


def test_each_notebook_gets_its_own_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    legacy = tmp_path / "here" / "cache"
    write_tree(legacy, {"0123.json": "{}", "snippets.sha256": "x"})
    plugin = SimpleNamespace(config={"cache": True, "cache_dir": "here/cache"})
    config = SimpleNamespace(plugins={"mkdocs-jupyter": plugin})
    assert nb.on_config(config) is config
    assert not list(legacy.iterdir()), "the one-cache-for-all files were left behind"

    for script in SCRIPTS:
        source = SimpleNamespace(src_uri=f"notebooks/{script.name}", abs_src_path=str(script))
        page_ = SimpleNamespace(file=source)
        assert nb.on_pre_page(page_, config=config, files=None) is page_
        folder = Path("here/cache") / script.stem
        assert plugin.config["cache_dir"] == str(folder)
        assert (folder / nb.STAMP).read_text() == notebook_digest(script)

    other = SimpleNamespace(file=SimpleNamespace(src_uri="concepts/padding.md"))
    nb.on_pre_page(other, config=config, files=None)
    assert plugin.config["cache_dir"] == str(Path("here/cache") / SCRIPTS[-1].stem)


def test_on_page_content_adds_links_and_the_description(tmp_path: Path) -> None:
    class Copy:
        def url_relative_to(self, other: object) -> str:
            return "../shape-lab.ipynb"

    script = nb.NOTEBOOKS / "shape-lab.py"
    source = SimpleNamespace(src_uri="notebooks/shape-lab.py", abs_src_path=str(script))
    page_ = SimpleNamespace(file=source, meta={})
    files = SimpleNamespace(
        get_file_from_path=lambda path: Copy() if path.endswith("ipynb") else None
    )
    config = SimpleNamespace(repo_url="https://github.com/o/r")
    out = nb.on_page_content(page(), page=page_, config=config, files=files)
    assert '</h1><p class="notebook-actions"><a href="../shape-lab.ipynb" download>' in out
    assert colab_url("https://github.com/o/r", "shape-lab") in out
    assert page_.meta["description"] == jupytext.read(script).metadata["description"]

    other = SimpleNamespace(file=SimpleNamespace(src_uri="concepts/padding.md"), meta={})
    assert nb.on_page_content("<p>x</p>", page=other, config=config, files=files) == "<p>x</p>"

    missing = SimpleNamespace(get_file_from_path=lambda path: None)
    with pytest.raises(ValueError, match="make notebooks"):
        nb.on_page_content(page(), page=page_, config=config, files=missing)

    bare = tmp_path / "bare.py"
    bare.write_text("# %% [markdown]\n# # Title\n", encoding="utf-8")
    undescribed = SimpleNamespace(
        file=SimpleNamespace(src_uri="notebooks/bare.py", abs_src_path=str(bare)), meta={}
    )
    with pytest.raises(ValueError, match="description"):
        nb.on_page_content(page(), page=undescribed, config=config, files=files)


def test_clean_html_turns_markdown_math_into_mathml() -> None:
    cell = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" '
        'data-mime-type="text/markdown">\n<p>SAME gives $\\lceil 9 / 2 \\rceil = 5$ and '
        "$$n &lt; k$$</p>\n</div>"
    )
    out = clean_notebook_html(page(cell, code_cell("x = '$1 and $2'")), "nb")
    assert out.count("<math ") == 2 and 'display="block"' in out, out
    assert "\\lceil" not in out.split("aria-label")[0] and "$$" not in out
    assert "&#x02308;" in out and "&lt;" in out
    assert "$1 and $2" in html.unescape(out), "code cells keep their dollars"
