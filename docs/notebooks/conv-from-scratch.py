# ---
# jupyter:
#   description: >-
#     A NumPy convolution with padding, stride and dilation, plus max and average pooling, compared
#     value by value with tf.nn.conv2d, tf.nn.max_pool2d and tf.nn.avg_pool2d.
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Convolution from scratch, checked against TensorFlow
#
# A convolution layer is a short loop: pad the input, slide a window with a stride, multiply and
# add. This notebook reads a plain NumPy version of that loop, with dilation and with max and
# average pooling, and runs it next to `tf.nn.conv2d`, `tf.nn.max_pool2d` and `tf.nn.avg_pool2d`
# on the same random data. Any difference stops the notebook.
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
import inspect

import numpy as np
import tensorflow as tf

from snippets import reference
from snippets.arithmetic import same_padding
from snippets.reference import avg_pool2d, conv2d, max_pool2d

# %% [markdown]
# ## The reference implementation
#
# The whole convolution, from `snippets/reference.py`. The output size and the padding on each
# side come from `snippets.arithmetic`; the function itself only pads with zeros and slides the
# window. `_windows` picks, for output `(i, j)`, the input rows `i * stride + dilation * t` for
# the kernel taps `t = 0 .. k - 1`, and the same for columns.

# %%
print(inspect.getsource(reference._windows))
print(inspect.getsource(reference.conv2d))

# %% [markdown]
# ## Same data, same answer
#
# A batch of two 7 x 8 images with three channels (odd height, even width) and four 3 x 3
# filters, all seeded. Each line runs one configuration through both implementations and prints
# the largest difference.

# %%
rng = np.random.default_rng(0)
x = rng.normal(size=(2, 7, 8, 3)).astype(np.float32)
w = rng.normal(size=(3, 3, 3, 4)).astype(np.float32)


def tf_padding(padding):
    """The reference's padding spelt the way tf.nn.conv2d takes it."""
    if isinstance(padding, str):
        return padding.upper()
    return [[0, 0], list(padding[0]), list(padding[1]), [0, 0]]


configurations = [
    dict(stride=1, padding="valid", dilation=1),
    dict(stride=1, padding="same", dilation=1),
    dict(stride=2, padding="same", dilation=1),
    dict(stride=2, padding="valid", dilation=1),
    dict(stride=1, padding="same", dilation=2),
    dict(stride=2, padding="same", dilation=2),  # tf.nn.conv2d allows this; Keras layers do not
    dict(stride=2, padding=((1, 2), (0, 1)), dilation=1),  # explicit (top, bottom), (left, right)
]
for c in configurations:
    ours = conv2d(x, w, **c)
    theirs = tf.nn.conv2d(
        x, w, strides=c["stride"], padding=tf_padding(c["padding"]), dilations=c["dilation"]
    ).numpy()
    assert ours.shape == theirs.shape, (c, ours.shape, theirs.shape)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    diff = np.abs(ours - theirs).max()
    print(f"{c!s:60} -> {theirs.shape!s:14} max difference {diff:.1e}")

# %% [markdown]
# The differences are float32 rounding: TensorFlow adds in single precision, the reference in
# double. The test suite (`tests/test_reference.py`) runs the same comparison over a few hundred
# configurations.
#
# ## SAME at stride 2: odd and even sizes pad differently
#
# The height is 7 and the width is 8. At stride 2 with a 3 x 3 kernel, SAME pads the height
# `(1, 1)` but the width `(0, 1)`. To see it, use a kernel with a single 1 in its top-left tap:
# each output then copies the cell under that tap, so a zero in the first row or column of the
# output is a padded cell, and the first real cell shows where the input starts.

# %%
print("height 7:", same_padding(7, 3, stride=2), " width 8:", same_padding(8, 3, stride=2))

image = np.arange(1.0, 57.0).reshape(1, 7, 8, 1)
corner = np.zeros((3, 3, 1, 1))
corner[0, 0] = 1.0
copied = conv2d(image, corner, stride=2, padding="same")
np.testing.assert_array_equal(copied, tf.nn.conv2d(image, corner, 2, "SAME").numpy())
print(copied[0, :, :, 0].astype(int))

# The first row is padding (one cell on top); the first column is not (none on the left).
assert same_padding(7, 3, stride=2) == (1, 1) and same_padding(8, 3, stride=2) == (0, 1)
assert np.all(copied[0, 0, :, 0] == 0) and np.all(copied[0, 1:, 0, 0] > 0)

# %% [markdown]
# ## Pooling: what the padding is worth
#
# Pooling with SAME pads too, but nothing is multiplied by zero there, so the padding has to be
# given a value. TensorFlow's answer: for the maximum the padding does not exist (as if it were
# minus infinity), and for the average the padded cells are not counted.
#
# An all-negative input makes the first rule visible: if the padding counted as zero, every
# window touching the border would report 0.

# %%
negative = -1.0 - rng.random(size=(1, 5, 5, 1))
ours = max_pool2d(negative, 2, padding="same")
theirs = tf.nn.max_pool2d(negative, 2, 2, "SAME").numpy()
np.testing.assert_allclose(ours, theirs)
print(np.round(ours[0, :, :, 0], 2))
assert np.all(ours < 0)  # no zero leaked in from the padding

# %% [markdown]
# For the average, pool a 5 x 5 image of ones with 2 x 2 windows at stride 2. The last row and
# column of windows hang over the padding. TensorFlow divides by the number of real cells, so
# every average stays exactly 1. Dividing by the window size instead (PyTorch's default,
# `count_include_pad=True`) would give 0.5 on the edges and 0.25 in the corner.

# %%
ones = np.ones((1, 5, 5, 1))
ours = avg_pool2d(ones, 2, padding="same")
theirs = tf.nn.avg_pool2d(ones, 2, 2, "SAME").numpy()
np.testing.assert_allclose(ours, theirs)
window_sums = tf.nn.conv2d(ones, np.ones((2, 2, 1, 1)), 2, "SAME").numpy()
print("real cells only:\n", ours[0, :, :, 0])
print("divided by the window size:\n", window_sums[0, :, :, 0] / 4)
assert np.all(ours == 1.0)
assert window_sums[0, -1, -1, 0] / 4 == 0.25

# %% [markdown]
# ## Pooling over a grid of settings
#
# Window sizes, strides and both paddings, on the odd-by-even random batch from above (shifted
# below zero so the maximum rule matters everywhere).

# %%
checked = 0
for pool in [2, 3]:
    for stride in [1, 2, 3]:
        for padding in ["valid", "same"]:
            shifted = x - 10.0
            np.testing.assert_allclose(
                max_pool2d(shifted, pool, stride, padding),
                tf.nn.max_pool2d(shifted, pool, stride, padding.upper()).numpy(),
            )
            np.testing.assert_allclose(
                avg_pool2d(shifted, pool, stride, padding),
                tf.nn.avg_pool2d(shifted, pool, stride, padding.upper()).numpy(),
                rtol=1e-5,
            )
            checked += 2
print(f"{checked} pooling results agree with TensorFlow")

# %% [markdown]
# ## What to take away
#
# - A convolution is padding plus a strided, possibly dilated, window: the reference is a few
#   dozen lines and matches TensorFlow to float32 rounding.
# - SAME's padding depends on the input size at stride 2: `(1, 1)` for 7, `(0, 1)` for 8.
# - SAME pooling never lets the padding win a maximum or dilute an average; other frameworks'
#   defaults differ on the average, which matters when porting weights.
