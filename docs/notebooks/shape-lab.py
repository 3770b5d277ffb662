# ---
# jupyter:
#   description: >-
#     Build Keras convolution layers over many input sizes, kernels, strides and paddings, and find
#     by experiment where TensorFlow's SAME padding puts its odd cell.
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Shape lab: output sizes and where SAME puts its padding
#
# This notebook builds real Keras layers for many input sizes, kernel sizes, strides and paddings,
# reads the shapes TensorFlow produces, and then finds out by experiment how SAME splits its
# padding between the two sides. Every measurement is compared with the site's formulas in
# `snippets/arithmetic.py`, and a mismatch stops the notebook with an `AssertionError`.
#
# A setup cell first makes the site's `snippets` package importable, from a clone of the
# repository or, anywhere else, by cloning it; the web page leaves that cell out.

# %% tags=["remove-input"]
# Setup. The site's tested code is the `snippets` package at the root of the repository: found
# from here inside a checkout, fetched with git anywhere else (Colab, a downloaded copy).
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up log off the page
if hasattr(sys.stdout, "flush_interval"):
    # One printed block per cell: the kernel otherwise splits output by timing.
    sys.stdout.flush_interval = sys.stderr.flush_interval = 3600
REPO = "https://github.com/conv-arithmetic/padding-stride-tf"
here = Path.cwd().resolve()
root = next(
    (p for p in (here, *here.parents) if (p / "snippets" / "arithmetic.py").is_file()), None
)
if root is None:
    root = here / "padding-stride-tf"
    if not root.is_dir():
        subprocess.run(["git", "clone", "--depth", "1", REPO, str(root)], check=True)
sys.path.insert(0, str(root))

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np

from snippets.arithmetic import conv_output_size, same_padding

keras.utils.set_random_seed(0)

# %% [markdown]
# ## Output sizes, measured
#
# One `Conv2D` layer per kernel size, stride and padding, each called on square inputs of four
# sizes. The weights do not matter here, only the shape of what comes out.

# %%
SIZES = [5, 6, 7, 8]
inputs = {n: keras.random.normal([1, n, n, 1], seed=n) for n in SIZES}

measured = {}
for padding in ["valid", "same"]:
    for k in [1, 2, 3, 4]:
        for stride in [1, 2, 3]:
            layer = keras.layers.Conv2D(1, k, strides=stride, padding=padding)
            for n, x in inputs.items():
                measured[padding, k, stride, n] = layer(x).shape[1]

print(f"{'padding':8} {'k':>2} {'stride':>6} | " + " ".join(f"n={n:<2}" for n in SIZES))
for padding, k, stride in dict.fromkeys(key[:3] for key in measured):
    row = " ".join(f"{measured[padding, k, stride, n]:<4}" for n in SIZES)
    print(f"{padding:8} {k:>2} {stride:>6} | {row}")

# %% [markdown]
# Read down a column: with `same` the size depends only on the stride, `ceil(n / stride)`,
# whatever the kernel. With `valid` every extra kernel cell costs an output position at stride 1,
# and less than that at larger strides, because the leftover cells at the end are dropped.
#
# The check: every measured size is what `conv_output_size` predicts.

# %%
for (padding, k, stride, n), size in measured.items():
    assert size == conv_output_size(n, k, stride, padding), (padding, k, stride, n, size)
    if padding == "same":
        assert size == -(-n // stride)  # ceil(n / stride), independent of k
print(f"{len(measured)} measured sizes agree with snippets.arithmetic.conv_output_size")

# %% [markdown]
# ## Where SAME puts its padding, found by experiment
#
# TensorFlow does not report the padding SAME adds, but it can be found. Pad the input by hand
# with `before` zeros in front and `after` behind, run the same kernel with `valid`, and compare
# with the `same` result. The smallest padding that reproduces `same` exactly, with random data
# and random weights, is the padding TensorFlow used.


# %%
def measured_split(n: int, k: int, stride: int) -> list[tuple[int, int]]:
    """Every (before, after) of the least total padding for which VALID reproduces SAME."""
    x = keras.random.normal([1, n, 1], seed=100 + n)
    layer = keras.layers.Conv1D(1, k, strides=stride, padding="same", use_bias=False)
    target = layer(x)
    for total in range(k):
        matches = []
        for before in range(total + 1):
            padded = keras.ops.pad(x, [[0, 0], [before, total - before], [0, 0]])
            if padded.shape[1] < k:
                continue
            y = keras.ops.conv(padded, layer.kernel, strides=stride, padding="valid")
            if y.shape == target.shape and np.allclose(y, target):
                matches.append((before, total - before))
        if matches:
            return matches
    raise AssertionError(f"no padding reproduces SAME for n={n}, k={k}, stride={stride}")


splits = {
    (n, k, stride): measured_split(n, k, stride)
    for k in [2, 3, 4, 5]
    for stride in [1, 2]
    for n in [6, 7]
}
for (n, k, stride), found in splits.items():
    print(f"n={n} k={k} stride={stride}: (before, after) = {found}")

# %% [markdown]
# Exactly one split works each time, and when the total is odd the extra cell is *after* the
# input (bottom or right in 2-D). At stride 2 the split also depends on whether `n` is even or
# odd: `k=3` needs `(0, 1)` for `n=6` but `(1, 1)` for `n=7`.
#
# The check: each split found is the one `same_padding` computes.

# %%
for (n, k, stride), found in splits.items():
    assert found == [same_padding(n, k, stride)], (n, k, stride, found)
assert splits[6, 3, 2] == [(0, 1)] and splits[7, 3, 2] == [(1, 1)]
print(f"{len(splits)} measured splits agree with snippets.arithmetic.same_padding")

# %% [markdown]
# ## VALID and SAME at stride 2, side by side
#
# The sizes of a 3-wide kernel at stride 2 over inputs of 3 to 16 cells, measured with one
# layer per padding.

# %%
#| fig-alt: Step plot of output size against input size from 3 to 16 for a 3-wide kernel at
#|   stride 2. SAME climbs by one at every odd input size, from 2 at n=3 to 8 at n=16; VALID
#|   follows the same steps exactly one below, from 1 to 7.
ns = np.arange(3, 17)
curves = {}
for padding in ["valid", "same"]:
    layer = keras.layers.Conv1D(1, 3, strides=2, padding=padding)
    curves[padding] = [layer(keras.ops.zeros([1, int(n), 1])).shape[1] for n in ns]
    assert curves[padding] == [conv_output_size(int(n), 3, 2, padding) for n in ns]
# What the figure's description says.
assert curves["same"][0] == 2 and curves["same"][-1] == 8
assert all(s - v == 1 for s, v in zip(curves["same"], curves["valid"], strict=True))

fig, ax = plt.subplots(figsize=(6, 2.6), dpi=72)
for padding, marker in [("same", "o"), ("valid", "s")]:
    ax.step(ns, curves[padding], where="mid", marker=marker, label=f'padding="{padding}"')
ax.set(xlabel="input size n", ylabel="output size", title="k = 3, stride = 2")
ax.set_xticks(ns)
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Conv2D refuses stride and dilation together
#
# A dilated kernel at stride 1 is fine, and so is stride 2 without dilation, but `Conv2D` will not
# take both, and neither will `Conv1D`, `Conv3D` or the transposed layers. `tf.nn.conv2d` does
# (see the next notebook).

# %%
try:
    keras.layers.Conv2D(1, 3, strides=2, dilation_rate=2)
except ValueError as error:
    refusal = str(error)
print(refusal)
assert "not supported in conjunction with `dilation_rate > 1`" in refusal
L = keras.layers
for layer_class in [L.Conv1D, L.Conv3D, L.Conv1DTranspose, L.Conv2DTranspose, L.Conv3DTranspose]:
    try:
        layer_class(1, 3, strides=2, dilation_rate=2)
    except ValueError as error:
        assert "not supported in conjunction with `dilation_rate > 1`" in str(error)
    else:
        raise AssertionError(f"{layer_class.__name__} accepted stride 2 with dilation 2")

# %% [markdown]
# Keras' depthwise and separable layers do not check: they run the combination, and a 3-tap kernel
# with dilation 2 at stride 2 gives SAME's $\lceil 9 / 2 \rceil = 5$ on a 9×9 input.

# %%
for layer in [
    keras.layers.DepthwiseConv2D(3, strides=2, dilation_rate=2, padding="same"),
    keras.layers.SeparableConv2D(1, 3, strides=2, dilation_rate=2, padding="same"),
]:
    out = layer(keras.ops.ones([1, 9, 9, 1]))
    print(f"{layer.__class__.__name__}: {tuple(out.shape)}")
    assert out.shape[1:3] == (conv_output_size(9, 3, 2, "same", dilation=2),) * 2
for layer in [
    keras.layers.DepthwiseConv1D(3, strides=2, dilation_rate=2, padding="same"),
    keras.layers.SeparableConv1D(1, 3, strides=2, dilation_rate=2, padding="same"),
]:
    assert layer(keras.ops.ones([1, 9, 1])).shape[1] == conv_output_size(9, 3, 2, "same", 2)

# %% [markdown]
# ## What to take away
#
# - `same` gives `ceil(n / stride)` outputs, whatever the kernel size.
# - The padding SAME adds is split with the odd cell after the input, and the split changes with
#   the parity of `n` at stride 2: code ported from a framework that pads symmetrically gives
#   different numbers there.
# - The formulas are in `snippets/arithmetic.py`; this notebook and the test suite check them
#   against TensorFlow.
