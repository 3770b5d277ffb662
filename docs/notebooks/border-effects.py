# ---
# jupyter:
#   description: >-
#     What zero padding does at the border of an image: a blur that darkens the edges and an edge
#     detector that finds a frame that is not there, next to reflect padding, which avoids both.
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Border effects: what zero padding does to an image
#
# `padding="same"` in TensorFlow pads with zeros: black, for an image. This notebook runs a blur
# and an edge detector over a photograph twice, once with that zero padding and once with
# reflect padding, and measures what changes at the border. The photograph is the portrait of
# Grace Hopper that ships with matplotlib, so nothing is downloaded.
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

from snippets.arithmetic import same_padding

# %% [markdown]
# The photograph, turned to grey and shrunk to 120 x 102 pixels, as a batch of one image with
# one channel, the layout `tf.nn.conv2d` takes.

# %%
with cbook.get_sample_data("grace_hopper.jpg") as file:
    rgb = plt.imread(file, format="jpg")
grey = tf.image.rgb_to_grayscale(tf.cast(rgb, tf.float32) / 255.0)
photo = tf.image.resize(grey, [120, 102], antialias=True)[:, :, 0]
as_batch = photo[None, :, :, None]
print("working copy:", photo.shape)
assert photo.shape == (120, 102)

# %% [markdown]
# ## A blur at the border
#
# A 15 x 15 box blur averages each pixel with its neighbours. `padding="SAME"` in TensorFlow pads
# with zeros, so near the border part of every average is black: the image darkens towards its
# edges. Reflect-padding the image first and then convolving with `"VALID"` gives the same output
# size, and the average only ever sees real image content.

# %%
#| fig-alt: The portrait after a 15 by 15 box blur, twice. Left, with zero padding: a dark band
#|   fades in along all four edges. Right, with reflect padding: the brightness holds right up
#|   to the edges.
k = 15
box = tf.ones([k, k, 1, 1]) / (k * k)
# At stride 1, SAME pads k // 2 = 7 on every side; padding by hand that much and then using
# VALID keeps the size.
assert same_padding(120, k) == same_padding(102, k) == (k // 2, k // 2)
blur_zero = tf.nn.conv2d(as_batch, box, strides=1, padding="SAME")[0, :, :, 0]
reflected = tf.pad(as_batch, [[0, 0], [k // 2, k // 2], [k // 2, k // 2], [0, 0]], "REFLECT")
blur_reflect = tf.nn.conv2d(reflected, box, strides=1, padding="VALID")[0, :, :, 0]

fig, axes = plt.subplots(1, 2, figsize=(4.8, 2.8), dpi=72)
for ax, (name, image) in zip(
    axes, [("zero padding", blur_zero), ("reflect padding", blur_reflect)], strict=True
):
    ax.imshow(image, cmap="gray", vmin=0, vmax=1)
    ax.set_title(name, fontsize=12)
    ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# Both outputs are 120 x 102, and they agree exactly wherever the 15 x 15 window stays inside
# the image, that is everywhere except a frame `k // 2 = 7` pixels wide. In that frame, zero padding
# makes the image darker.

# %%
edge = k // 2
inner = np.s_[edge:-edge, edge:-edge]
assert blur_zero.shape == blur_reflect.shape == photo.shape
np.testing.assert_allclose(blur_zero[inner], blur_reflect[inner], atol=1e-6)
frame = np.ones(photo.shape, bool)
frame[inner] = False
darkest, fair = np.mean(blur_zero[frame]), np.mean(blur_reflect[frame])
print(f"mean brightness of the {edge}-pixel frame: zero padding {darkest:.3f}, reflect {fair:.3f}")
assert np.all(blur_zero[frame] <= blur_reflect[frame] + 1e-6)  # zeros only ever darken
assert darkest < 0.8 * fair

# %% [markdown]
# ## An edge detector sees an edge that is not there
#
# A Laplacian kernel responds where brightness changes. With zero padding, the step from the
# image to the black padding is an "edge" all the way round, so the detector draws a frame
# around the photograph. With reflect padding the border is no different from anywhere
# else.

# %%
#| fig-alt: Two edge maps of the portrait. Left, with zero padding, a bright line runs round the
#|   whole border of the image. Right, with reflect padding, there is no such line; only edges in
#|   the picture itself, such as the face, cap and collar, are outlined.
laplacian = tf.constant([[0.0, 1, 0], [1, -4, 1], [0, 1, 0]])[:, :, None, None]
edges_zero = tf.nn.conv2d(as_batch, laplacian, 1, "SAME")[0, :, :, 0]
mirrored = tf.pad(as_batch, [[0, 0], [1, 1], [1, 1], [0, 0]], "REFLECT")
edges_reflect = tf.nn.conv2d(mirrored, laplacian, 1, "VALID")[0, :, :, 0]

fig, axes = plt.subplots(1, 2, figsize=(4.8, 2.8), dpi=72)
for ax, (name, image) in zip(
    axes, [("zero padding", edges_zero), ("reflect padding", edges_reflect)], strict=True
):
    ax.imshow(np.abs(image), cmap="gray", vmin=0, vmax=0.8)
    ax.set_title(name, fontsize=12)
    ax.axis("off")
fig.tight_layout()
plt.show()

# %%
border = np.ones(photo.shape, bool)
border[1:-1, 1:-1] = False
zero_border, zero_inside = np.abs(edges_zero)[border], np.abs(edges_zero)[~border]
reflect_border = np.abs(edges_reflect)[border]
print(f"zero padding:    border {zero_border.mean():.3f}, inside {zero_inside.mean():.3f}")
print(f"reflect padding: border {reflect_border.mean():.3f}")
# The fake frame: the border responds about three times as strongly as the picture inside it;
# with reflect padding the border is like any other part of the picture.
assert zero_border.mean() > 2.5 * zero_inside.mean()
assert reflect_border.mean() < 1.5 * zero_inside.mean()

# %% [markdown]
# ## What to take away
#
# - Keras convolution layers only pad with zeros. For another mode, pad first (`tf.pad`, or a
#   replicate recipe) and convolve with `padding="valid"`: at stride 1 the output keeps the
#   input's size, as `"same"` would.
# - Zero padding darkens blurred borders and invents edges along the frame. Networks learn to
#   live with it, but image filters, and models where borders matter, do better with reflect or
#   replicate padding.
