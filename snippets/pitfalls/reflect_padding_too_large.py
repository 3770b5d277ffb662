"""Pitfall: REFLECT padding larger than the input (page: pitfalls/reflect-padding-too-large.md)."""

# snippet-raises: tensorflow.errors.InvalidArgumentError
# --8<-- [start:wrong]
import tensorflow as tf

feature_map = tf.reshape(tf.range(9.0), [1, 3, 3, 1])  # a tiny map deep in a network
tf.pad(feature_map, [[0, 0], [3, 3], [3, 3], [0, 0]], mode="REFLECT")
# --8<-- [end:wrong]

# --8<-- [start:limits]
import tensorflow as tf

row = tf.constant([1, 2, 3])
for mode, pad in [("REFLECT", 2), ("SYMMETRIC", 3)]:
    print(f"{mode:9} pad {pad}:", tf.pad(row, [[pad, pad]], mode=mode).numpy())
for mode, pad in [("REFLECT", 3), ("SYMMETRIC", 4)]:
    try:
        tf.pad(row, [[pad, pad]], mode=mode)
    except tf.errors.InvalidArgumentError:
        print(f"{mode:9} pad {pad}: InvalidArgumentError")
# --8<-- [end:limits]

# --8<-- [start:fix]
import numpy as np
import tensorflow as tf


def reflect_pad(x, pad):
    """REFLECT-pad height and width by `pad`, reflecting again whenever one step is not enough."""
    if pad > 0 and min(x.shape[1], x.shape[2]) < 2:
        raise ValueError(f"cannot reflect an axis of size 1: x has shape {x.shape}")
    while pad > 0:
        step = min(pad, x.shape[1] - 1, x.shape[2] - 1)
        x = tf.pad(x, [[0, 0], [step, step], [step, step], [0, 0]], mode="REFLECT")
        pad -= step
    return x


feature_map = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
padded = reflect_pad(feature_map, 3)
print(padded.shape)
print(padded.numpy()[0, :, :, 0].astype(int))
numpy_reflect = np.pad(np.arange(9.0).reshape(3, 3), 3, mode="reflect")
print("same as np.pad(mode='reflect'):", np.array_equal(padded.numpy()[0, :, :, 0], numpy_reflect))
# --8<-- [end:fix]

assert padded.shape == (1, 9, 9, 1)
for n in range(2, 6):
    for pad in range(0, 12):
        grid = np.arange(float(n * n)).reshape(n, n)
        got = reflect_pad(tf.reshape(tf.constant(grid), [1, n, n, 1]), pad)
        assert np.array_equal(got.numpy()[0, :, :, 0], np.pad(grid, pad, mode="reflect")), (n, pad)
import pytest

with pytest.raises(ValueError, match="size 1"):
    reflect_pad(tf.zeros([1, 1, 5, 1]), 1)  # an axis of size 1 has nothing to mirror
# Both mirror modes run as one MirrorPad operation.
for mode in ["REFLECT", "SYMMETRIC"]:
    with pytest.raises(tf.errors.InvalidArgumentError, match="MirrorPad"):
        tf.pad(tf.constant([1, 2, 3]), [[4, 4]], mode=mode)
