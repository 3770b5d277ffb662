"""Replicate (edge) padding for TensorFlow, which ``tf.pad`` does not offer.

The padding-modes figure uses it; ``tests/test_figures.py`` checks it against NumPy's
``mode="edge"``. (The page on padding modes shows its own, image-shaped variant of the recipe.)
"""

import tensorflow as tf


def replicate_pad(x, paddings):
    """Pad ``x`` by repeating its edge values: NumPy's ``mode="edge"``, PyTorch's "replicate".

    ``paddings`` holds one ``(before, after)`` pair per axis, as for ``tf.pad``.
    """
    for axis, (before, after) in enumerate(paddings):
        if before < 0 or after < 0:
            raise ValueError(f"paddings[{axis}] must be >= 0, got {(before, after)}")
        size = tf.shape(x)[axis]
        # Indices that run past either end are clipped to the edge cell, which repeats it.
        index = tf.clip_by_value(tf.range(-before, size + after), 0, size - 1)
        x = tf.gather(x, index, axis=axis)
    return x
