"""When padding and stride hurt, and what to use instead (page: expert/when-not-to-use.md)."""

# --8<-- [start:border_share]
import tensorflow as tf

# Ones through a 3x3 kernel of ones with SAME: an output below 9 read some padding.
for n in [4, 8, 32, 224]:
    counts = tf.nn.conv2d(tf.ones([1, n, n, 1]), tf.ones([3, 3, 1, 1]), 1, "SAME")
    share = float(tf.reduce_mean(tf.cast(counts < 9, tf.float32)))
    print(f"{n:3}x{n:<3}: {share:6.1%} of the outputs read padding")
# --8<-- [end:border_share]

from snippets.arithmetic import receptive_field, window_starts

for n in [4, 8, 32, 224]:
    counts = tf.nn.conv2d(tf.ones([1, n, n, 1]), tf.ones([3, 3, 1, 1]), 1, "SAME")
    full = sum(1 for s in window_starts(n, 3, padding="same") if s >= 0 and s + 3 <= n)
    assert int(tf.reduce_sum(tf.cast(counts < 9, tf.int32))) == n * n - full * full

# --8<-- [start:space_to_depth]
import tensorflow as tf

x = tf.reshape(tf.range(1, 17), [1, 4, 4, 1])
sampled = x[:, ::2, ::2, :]  # what a 1x1 convolution with stride 2 reads
packed = tf.nn.space_to_depth(x, block_size=2)  # every 2x2 block becomes 4 channels
print("strided sample:", tuple(sampled.shape), sorted(sampled.numpy().ravel().tolist()))
print("space_to_depth:", tuple(packed.shape), sorted(packed.numpy().ravel().tolist()))
# --8<-- [end:space_to_depth]

assert sorted(packed.numpy().ravel().tolist()) == list(range(1, 17))
assert sampled.shape[1:3] == packed.shape[1:3] == (2, 2)

# --8<-- [start:dilation_instead]
import tensorflow as tf


def reach(strides, dilations, n=64):
    """Input cells that can change the middle output, and how many outputs there are."""
    # A batch of n signals, each a single 1 at a different position (an identity matrix).
    h = tf.reshape(tf.eye(n), [n, n, 1])
    for stride, dilation in zip(strides, dilations, strict=True):
        h = tf.nn.conv1d(h, tf.ones([3, 1, 1]), stride, "SAME", dilations=dilation)
    middle = h[:, h.shape[1] // 2, 0]  # what each of the n impulses did to the middle output
    return int(tf.reduce_sum(tf.cast(middle != 0, tf.int32))), h.shape[1]


for name, strides, dilations in [
    ("strides 2, 2, 1", [2, 2, 1], [1, 1, 1]),
    ("dilations 1, 2, 4", [1, 1, 1], [1, 2, 4]),
]:
    seen, length = reach(strides, dilations)
    print(f"{name}: each output sees {seen} cells; {length} outputs from 64")
# --8<-- [end:dilation_instead]

assert reach([2, 2, 1], [1, 1, 1]) == (receptive_field([(3, 2, 1), (3, 2, 1), (3, 1, 1)]).size, 16)
assert reach([1, 1, 1], [1, 2, 4]) == (receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]).size, 64)

# Each further 3x3 SAME layer widens the padding-influenced frame by one cell.
for layers in [1, 2, 3]:
    h = tf.ones([1, 8, 8, 1])
    for _ in range(layers):
        h = tf.nn.conv2d(h, tf.ones([3, 3, 1, 1]), 1, "SAME")
    touched = int(tf.reduce_sum(tf.cast(h < 9**layers, tf.int32)))
    assert touched == 8 * 8 - (8 - 2 * layers) ** 2, layers
