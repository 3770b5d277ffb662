"""Figures and animations: fresh renders match the committed files, every file is used by a page
besides the visual guide, every page gives a figure the alt text of its definition, the
animations fit their budget and show exactly the windows the arithmetic gives, and the numbers
the figures draw agree with real TensorFlow."""

from __future__ import annotations

import posixpath
import re
import runpy
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import product
from pathlib import Path

import numpy as np
import pytest

import snippets.figures as figures_package
from snippets.arithmetic import (
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    pool_output_size,
    receptive_field,
    transposed_output_size,
    window_starts,
)
from snippets.figures import (
    ANIMATION_BUDGET,
    DOCS,
    FIGURES,
    animation_bytes,
    animations,
    charts,
    main,
    padding_modes,
    pooling,
    receptive,
    transposed,
)
from snippets.figures.animations import CONFIGS, Config
from snippets.figures.registry import Figure
from snippets.figures.svg import PITCH

SVG = "{http://www.w3.org/2000/svg}"
FOLDERS = ("assets/figures", "assets/animations")
GUIDE = "gallery.md"
"""The visual guide: it shows every figure, and does not count as a page that uses one."""
FILLS = ("f-in", "f-gap", "f-pad")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def committed_files() -> list[Path]:
    """Every file under the generated folders of docs/."""
    return sorted(p for folder in FOLDERS for p in (DOCS / folder).rglob("*") if p.is_file())


# One test per figure, so that `make check PAGE=...` renders only the figures its page shows.
@pytest.mark.tf  # the padding-modes figure pads with TensorFlow
@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.path)
def test_committed_figure_matches_a_fresh_render(figure: Figure) -> None:
    committed = DOCS / figure.path
    assert committed.exists(), f"docs/{figure.path} is missing: run `make figures`"
    assert committed.read_bytes() == figure.render(), (
        f"docs/{figure.path} is stale: run `make figures`"
    )


def test_no_committed_file_lacks_its_figure() -> None:
    registered = {DOCS / f.path for f in FIGURES}
    orphans = [str(p.relative_to(DOCS)) for p in committed_files() if p not in registered]
    assert not orphans, f"no code draws these files any more, delete them: {orphans}"


def test_make_figures_writes_each_figure_under_out(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two figures that need no TensorFlow: the test is of the command, the figures have theirs.
    chosen = [f for f in FIGURES if "padding-modes" not in f.path][:2]
    monkeypatch.setattr(figures_package, "FIGURES", chosen)
    assert main(["--out", str(tmp_path)]) == 0
    assert f"wrote {len(chosen)} files under {tmp_path}" in capsys.readouterr().out
    for figure in chosen:
        assert (tmp_path / figure.path).read_bytes() == (DOCS / figure.path).read_bytes()


def test_every_file_is_parseable_svg_with_a_title() -> None:
    for figure in FIGURES:
        root = ET.parse(DOCS / figure.path).getroot()
        assert root.tag == f"{SVG}svg", figure.path
        assert root.find(f"{SVG}title").text, figure.path


def shown_figures() -> dict[str, list[tuple[str, str]]]:
    """Each page (relative to docs/) with the ``(figure path, alt text)`` of every image it shows
    from the generated folders, the image's path resolved against the page's folder."""
    shown: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        name = page.relative_to(DOCS).as_posix()
        for alt, src in IMAGE.findall(page.read_text(encoding="utf-8")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), src))
            if path.startswith(FOLDERS):
                shown.setdefault(name, []).append((path, alt))
    return shown


def test_every_figure_is_used_by_a_page_besides_the_guide() -> None:
    used = {path for page, images in shown_figures().items() if page != GUIDE for path, _ in images}
    unused = [
        str(p.relative_to(DOCS)) for p in committed_files() if str(p.relative_to(DOCS)) not in used
    ]
    assert not unused, (
        f"only the visual guide (docs/{GUIDE}) shows these files; put each on the page whose "
        f"paragraph it illustrates: {unused}"
    )


@pytest.mark.site_wide
def test_every_page_gives_each_figure_the_alt_text_of_its_definition() -> None:
    """The alt text has one home, the figure's definition in snippets/figures/; a page that
    words it differently fails, naming the page, the figure and both texts."""
    alts = {f.path: f.alt for f in FIGURES}
    wrong = [
        f"docs/{page}: {path}\n  page:       {alt!r}\n  definition: {alts[path]!r}"
        for page, images in shown_figures().items()
        for path, alt in images
        if path in alts and alt != alts[path]
    ]
    assert not wrong, (
        "alt text differs from the figure's definition in snippets/figures/ (copy it from there):"
        "\n" + "\n".join(wrong)
    )


def test_the_gallery_shows_every_figure() -> None:
    shown = {path for path, _ in shown_figures().get(GUIDE, [])}
    missing = [f.path for f in FIGURES if f.path not in shown]
    assert not missing, f"docs/{GUIDE} does not show {missing}"
    assert all(f.alt.strip() and f.summary.strip() for f in FIGURES)


def test_animations_fit_their_budget(capsys: pytest.CaptureFixture) -> None:
    total = animation_bytes()
    assert 0 < total <= ANIMATION_BUDGET, (
        f"animations weigh {total} bytes, budget {ANIMATION_BUDGET}"
    )
    assert main(["--report"]) == 0
    assert capsys.readouterr().out == f"{total}\n"


def test_python_dash_m_reports_the_animation_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(sys, "argv", ["snippets.figures", "--report"])
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("snippets.figures", run_name="__main__")
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"{animation_bytes()}\n"


def test_there_are_the_fifteen_guide_animations_and_four_for_tensorflow() -> None:
    slugs = [c.slug for c in CONFIGS]
    assert len(slugs) == len(set(slugs)) == 19
    assert sum(c.transposed for c in CONFIGS) == 7
    assert sum(c.slug.startswith("tf-") for c in CONFIGS) == 4


# --- What an animation draws, read back from the committed SVG --------------------------------


def _cells(group: ET.Element) -> dict[tuple[int, int], str]:
    """(row, col) -> class of every cell rect in a grid group."""
    rects = group.findall(f"{SVG}rect")
    xs = [float(r.get("x")) for r in rects]
    ys = [float(r.get("y")) for r in rects]
    return {
        (round((y - min(ys)) / PITCH), round((x - min(xs)) / PITCH)): r.get("class")
        for r, x, y in zip(rects, xs, ys, strict=True)
    }


def _moves(style: str, name: str) -> list[tuple[int, int]]:
    """The (rows, cols) offsets, in cells, that the keyframes called ``name`` step through."""
    frames = re.search(rf"@keyframes {name}\{{(.*?)\}}\}}", style).group(1)
    moves = re.findall(r"translate\((-?[\d.]+)px,(-?[\d.]+)px\)", frames)
    return [(round(float(dy) / PITCH), round(float(dx) / PITCH)) for dx, dy in moves]


def read_animation(config: Config) -> dict[str, object]:
    """Grid cells, window positions (in grid cells) and output cells of an animation file."""
    root = ET.parse(DOCS / f"assets/animations/{config.slug}.svg").getroot()
    style = root.find(f"{SVG}style").text
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    grid = _cells(groups["f-grid-in"])
    window = groups[f"f-mv f-{config.slug}-w"].findall(f"{SVG}rect")
    grid_rects = groups["f-grid-in"].findall(f"{SVG}rect")
    x0 = min(float(r.get("x")) for r in grid_rects)
    y0 = min(float(r.get("y")) for r in grid_rects)
    base_col = round((min(float(r.get("x")) for r in window) - x0) / PITCH)
    base_row = round((min(float(r.get("y")) for r in window) - y0) / PITCH)
    positions = [(base_row + dy, base_col + dx) for dy, dx in _moves(style, f"f-{config.slug}-w")]
    outputs = groups["f-grid-out"]
    return {
        "grid": grid,
        "positions": positions,
        "output_moves": _moves(style, f"f-{config.slug}-o"),
        "outputs": len(outputs.findall(f"{SVG}rect")),
        "labels": [t.text for t in outputs.findall(f"{SVG}text")],
        "style": style,
    }


def _expected_grid(
    side: int, dims: int, kind: Callable[[int, int], str]
) -> dict[tuple[int, int], str]:
    rows = range(side) if dims == 2 else range(1)
    return {(r, c): kind(r, c) for r, c in product(rows, range(side))}


@pytest.mark.parametrize("config", [c for c in CONFIGS if not c.transposed], ids=lambda c: c.slug)
def test_forward_animation_shows_the_windows_of_the_arithmetic(config: Config) -> None:
    drawn = read_animation(config)
    n, k, s, d, padding = config.n, config.k, config.stride, config.dilation, config.padding
    before, after = padding_amounts(n, k, s, padding, d)
    if config.pooling:
        out = pool_output_size(n, k, s, padding)
    else:
        out = conv_output_size(n, k, s, padding, d)
    starts = [start + before for start in window_starts(n, k, s, padding, d)]
    expected = list(product(starts, starts)) if config.dims == 2 else [(0, c) for c in starts]
    assert drawn["positions"] == expected
    # The highlighted output cell walks the output in the same order, one cell per frame.
    if config.dims == 2:
        assert drawn["output_moves"] == list(product(range(out), range(out)))
    else:
        assert drawn["output_moves"] == [(0, c - starts[0]) for c in starts]
    assert len(drawn["positions"]) == out**config.dims
    assert drawn["outputs"] == out**config.dims

    def kind(r: int, c: int) -> str:
        inside = before <= c < before + n and (config.dims == 1 or before <= r < before + n)
        return "f-in" if inside else "f-pad"

    assert drawn["grid"] == _expected_grid(before + n + after, config.dims, kind)
    # Held still on its first frame where the reader asked for reduced motion.
    assert "prefers-reduced-motion:reduce" in drawn["style"]


@pytest.mark.parametrize("config", [c for c in CONFIGS if c.transposed], ids=lambda c: c.slug)
def test_transposed_animation_maps_the_output_size_back(config: Config) -> None:
    drawn = read_animation(config)
    n, k, s, padding = config.n, config.k, config.stride, config.padding
    k_eff = effective_kernel_size(k)
    n_in = conv_output_size(n, k, s, padding)
    before, _ = padding_amounts(n, k, s, padding)
    # Keras' arithmetic for the transpose, with the output_padding that recovers n.
    sizes = {transposed_output_size(n_in, k, s, padding, op) for op in range(s)}
    assert n in sizes
    assert len(drawn["positions"]) == drawn["outputs"] == n**2
    # A stride-1 sweep over the whole drawn grid.
    side = 1 + max(c for _, c in drawn["grid"])
    sweep = range(side - k_eff + 1)
    assert drawn["positions"] == list(product(sweep, sweep))
    assert drawn["output_moves"] == list(product(range(n), range(n)))
    # Input values sit `stride` cells apart after k_eff - 1 - p cells of padding (the guide's
    # rule), with zeros between them and padding around.
    lead = k_eff - 1 - before
    real = [lead + i * s for i in range(n_in)]
    band = range(lead, real[-1] + 1)
    cells = {kind: {rc for rc, cls in drawn["grid"].items() if cls == kind} for kind in FILLS}
    assert cells["f-in"] == set(product(real, real))
    assert cells["f-gap"] == set(product(band, band)) - cells["f-in"]
    assert cells["f-pad"] == set(drawn["grid"]) - set(product(band, band))


def test_pooling_animation_divisors_match_tensorflow() -> None:
    import tensorflow as tf

    config = next(c for c in CONFIGS if c.pooling)
    ones = tf.ones([1, config.n, config.n, 1])
    kernel = tf.ones([config.k, config.k, 1, 1])
    counts = tf.nn.conv2d(ones, kernel, strides=config.stride, padding=config.padding.upper())
    expected = [f"÷{int(v)}" for v in tf.reshape(counts, [-1]).numpy()]
    assert read_animation(config)["labels"] == expected


def test_causal_animation_puts_each_output_under_its_last_input() -> None:
    config = next(c for c in CONFIGS if c.padding == "causal")
    root = ET.parse(DOCS / f"assets/animations/{config.slug}.svg").getroot()
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    xs_in = sorted(float(r.get("x")) for r in groups["f-grid-in"].findall(f"{SVG}rect"))
    xs_out = [float(r.get("x")) for r in groups["f-grid-out"].findall(f"{SVG}rect")]
    before, _ = padding_amounts(config.n, config.k, padding="causal")
    assert xs_out == xs_in[before:]


def test_transposed_of_refuses_what_has_no_transpose() -> None:
    with pytest.raises(ValueError, match="no output_padding maps"):
        animations.transposed_of(Config("x", "x", n=8, k=3, padding="causal", dims=1))


# --- The numbers in the static figures, against TensorFlow ------------------------------------


@pytest.mark.tf
def test_stride_cost_shapes_and_macs_match_tensorflow() -> None:
    import keras
    import tensorflow as tf

    layer = charts.LAYER
    table = charts.cost_table()
    for stride, side, macs in table:
        conv = keras.layers.Conv2D(layer["c_out"], layer["k"], strides=stride, padding="same")
        y = conv(tf.zeros([1, layer["n"], layer["n"], layer["c_in"]]))
        assert tuple(y.shape) == (1, side, side, layer["c_out"])
        # TensorFlow's own operation count: two float operations (multiply, add) per MAC.
        kernel = tf.zeros(conv.kernel.shape)
        graph = tf.function(lambda x, w=kernel, s=stride: tf.nn.conv2d(x, w, s, "SAME"))
        concrete = graph.get_concrete_function(
            tf.TensorSpec([1, layer["n"], layer["n"], layer["c_in"]], tf.float32)
        )
        options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
        options["output"] = "none"
        profile = tf.compat.v1.profiler.profile(graph=concrete.graph, options=options)
        assert profile.total_float_ops == 2 * macs, stride
    macs = {stride: m for stride, _, m in table}
    assert macs[1] == 4 * macs[2] and macs[2] == 4 * macs[4]  # the figure's "quarters" claim
    with pytest.raises(ValueError, match="c_in must be an integer >= 1, got 0"):
        charts.conv_macs(224, 7, 1, "same", 0, 64)


@pytest.mark.tf
def test_pooling_figure_matches_tensorflow() -> None:
    import tensorflow as tf

    x = pooling.example_input()
    assert (x < 0).all()  # else padding counted as zero could win a maximum unnoticed
    maxima, means, counts = pooling.same_pool(x)
    batch = tf.constant(x[None, :, :, None], tf.float32)
    args = {"ksize": pooling.POOL, "strides": pooling.STRIDE, "padding": "SAME"}
    np.testing.assert_array_equal(tf.nn.max_pool2d(batch, **args)[0, :, :, 0], maxima)
    np.testing.assert_allclose(tf.nn.avg_pool2d(batch, **args)[0, :, :, 0], means)
    assert counts.min() == 1  # the corner window averages a single real cell


@pytest.mark.tf
def test_transposed_figure_sizes_match_keras() -> None:
    import keras

    x = keras.ops.zeros([1, transposed.N, transposed.N, 1])
    for output_padding, size in transposed.rows():
        layer = keras.layers.Conv2DTranspose(
            1,
            transposed.K,
            strides=transposed.STRIDE,
            padding="same",
            output_padding=output_padding,
        )
        assert tuple(layer(x).shape) == (1, size, size, 1), output_padding
        conv = keras.layers.Conv2D(1, transposed.K, strides=transposed.STRIDE, padding="same")
        assert conv(keras.ops.zeros([1, size, size, 1])).shape[1] == transposed.N


def test_receptive_cone_matches_receptive_field() -> None:
    cone = receptive.cone()
    for row in range(len(receptive.LAYERS) + 1):
        assert len(cone[row]) == receptive_field(receptive.LAYERS[row:]).size, row
        assert cone[row] == set(range(min(cone[row]), max(cone[row]) + 1))  # no holes
    first, last = receptive.span(len(receptive.LAYERS), 0)
    assert last - first + 1 == receptive_field(receptive.LAYERS).size


# --- Padding modes and the replicate recipe ---------------------------------------------------


@pytest.mark.tf
@pytest.mark.parametrize(
    ("shape", "paddings"),
    [((5,), [[2, 3]]), ((3, 4), [[1, 0], [0, 3]]), ((2, 3, 2), [[0, 0], [4, 1], [2, 2]])],
)
def test_replicate_pad_matches_numpy_edge(
    shape: tuple[int, ...], paddings: list[list[int]]
) -> None:
    from snippets.figures.replicate import replicate_pad

    x = np.random.default_rng(0).integers(0, 100, size=shape)
    np.testing.assert_array_equal(replicate_pad(x, paddings).numpy(), np.pad(x, paddings, "edge"))


@pytest.mark.tf
def test_replicate_pad_refuses_negative_padding() -> None:
    from snippets.figures.replicate import replicate_pad

    with pytest.raises(ValueError, match=r"paddings\[1\] must be >= 0, got \(0, -1\)"):
        replicate_pad(np.zeros([2, 2]), [[1, 1], [0, -1]])


@pytest.mark.tf
def test_padding_modes_match_numpy() -> None:
    image = padding_modes.photograph()
    assert image.shape == (*reversed(padding_modes.SIZE), 3)
    pad = padding_modes.PAD
    numpy_mode = {"constant": "constant", "reflect": "reflect", "symmetric": "symmetric"}
    numpy_mode["replicate"] = "edge"
    for mode in padding_modes.MODES:
        expected = np.pad(image, [[pad, pad], [pad, pad], [0, 0]], numpy_mode[mode])
        np.testing.assert_array_equal(padding_modes.pad_image(image, pad, mode), expected)
    with pytest.raises(ValueError, match="mode must be one of"):
        padding_modes.pad_image(image, pad, "circular")
