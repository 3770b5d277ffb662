# ---
# jupyter:
#   description: >-
#     Constant, reflect, symmetric and replicate padding, on a row of numbers and on a photograph,
#     each checked against NumPy, with a replicate recipe for TensorFlow.
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Padding modes on a real photograph
#
# Zeros are not the only thing a border can be filled with. This notebook pads a short row of
# numbers and then a photograph in four ways: constant, reflect, symmetric and replicate. The
# photograph is the portrait of Grace Hopper that ships with matplotlib, so nothing is
# downloaded.
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
# Photographs compress several times smaller as JPEG than as PNG, which keeps the page light.
# %config InlineBackend.figure_formats = ["jpeg"]
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib import cbook

from snippets.figures.replicate import replicate_pad

# %% [markdown]
# ## Four ways to fill a border
#
# On a short row of numbers first. `tf.pad` has three modes; the fourth, replicate (NumPy's
# `"edge"`, PyTorch's `"replicate"`), is not in TensorFlow, so `snippets/figures/replicate.py`
# builds it by gathering with clipped indices: every position left of the row reads index 0,
# every position right of it reads the last index.

# %%
row = tf.constant([1, 2, 3, 4])
pads = [[2, 2]]
modes = {
    "constant": tf.pad(row, pads, mode="CONSTANT"),
    "reflect": tf.pad(row, pads, mode="REFLECT"),
    "symmetric": tf.pad(row, pads, mode="SYMMETRIC"),
    "replicate": replicate_pad(row, pads),
}
for name, padded in modes.items():
    print(f"{name:10} {padded.numpy()}")

# NumPy has all four, under these names: each result must equal NumPy's.
numpy_mode = {
    "constant": "constant",
    "reflect": "reflect",
    "symmetric": "symmetric",
    "replicate": "edge",
}
for name, padded in modes.items():
    np.testing.assert_array_equal(padded, np.pad(row.numpy(), pads, mode=numpy_mode[name]))

# %% [markdown]
# Reflect mirrors around the edge cell without repeating it (`3 2 | 1 2 3 4 | 3 2`), symmetric
# mirrors including it (`2 1 | 1 2 3 4 | 4 3`), replicate repeats it (`1 1 | 1 2 3 4 | 4 4`).
# How far each mode can reach differs too: reflect can add at most `n - 1` cells on a side,
# symmetric at most `n`, replicate any number.

# %%
limits = {}
for mode in ["REFLECT", "SYMMETRIC"]:
    for extra in range(1, 8):
        try:
            tf.pad(row, [[extra, 0]], mode=mode)
        except tf.errors.InvalidArgumentError:
            limits[mode] = extra - 1
            break
print(limits, "| replicate, 7 cells:", replicate_pad(row, [[7, 0]]).numpy())
assert limits == {"REFLECT": 3, "SYMMETRIC": 4}  # n - 1 and n for n = 4

# %% [markdown]
# ## The photograph
#
# Loaded from matplotlib's sample data, turned to grey and shrunk to 120 x 102 pixels so the
# padding is easy to see.

# %%
with cbook.get_sample_data("grace_hopper.jpg") as file:
    rgb = plt.imread(file, format="jpg")
grey = tf.image.rgb_to_grayscale(tf.cast(rgb, tf.float32) / 255.0)
photo = tf.image.resize(grey, [120, 102], antialias=True)[:, :, 0]
print("original:", rgb.shape, " working copy:", photo.shape)
assert rgb.shape == (600, 512, 3) and photo.shape == (120, 102)

# %%
#| fig-alt: The grey portrait of Grace Hopper padded by 30 pixels on every side in four ways.
#|   Constant: a black frame. Reflect and symmetric: the flags, cap and uniform mirrored outwards
#|   into the frame, the two nearly alike. Replicate: the outermost pixels stretched into streaks.
p = 30
padded = {
    "constant (zeros)": tf.pad(photo, [[p, p], [p, p]], mode="CONSTANT"),
    "reflect": tf.pad(photo, [[p, p], [p, p]], mode="REFLECT"),
    "symmetric": tf.pad(photo, [[p, p], [p, p]], mode="SYMMETRIC"),
    "replicate": replicate_pad(photo, [[p, p], [p, p]]),
}
for image, mode in zip(padded.values(), numpy_mode.values(), strict=True):
    assert image.shape == (120 + 2 * p, 102 + 2 * p)
    np.testing.assert_array_equal(image, np.pad(photo.numpy(), p, mode=mode))

fig, axes = plt.subplots(1, 4, figsize=(8, 2.6), dpi=68)
for ax, (name, image) in zip(axes, padded.items(), strict=True):
    ax.imshow(image, cmap="gray", vmin=0, vmax=1)
    ax.add_patch(plt.Rectangle((p - 0.5, p - 0.5), 102, 120, fill=False, ec="tab:orange", lw=1.5))
    ax.set_title(name, fontsize=12)
    ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# The orange box marks the original image. Every mode keeps it untouched; they differ only in
# what the frame holds, and that is what a convolution reads at the borders. The next notebook,
# "Border effects", shows what a blur and an edge detector make of it.

# %% [markdown]
# ## What to take away
#
# - `tf.pad` fills a border with a constant, a reflection or a symmetric reflection; replicate
#   padding takes a recipe, such as gathering with clipped indices.
# - Keras convolution layers only pad with zeros. For another mode, pad first and convolve with
#   `padding="valid"`: at stride 1 the output keeps the input's size, as `"same"` would.
# - Reflect pads at most `n - 1` cells on a side and symmetric at most `n`; replicate has no limit.
