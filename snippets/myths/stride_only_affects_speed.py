"""Myth: stride only changes speed (page: myths/stride-only-affects-speed.md)."""

# --8<-- [start:receptive_field]
import tensorflow as tf


def cells_seen(strides, n=32):
    """How many input cells can change one output of a stack of 3-tap VALID convolutions."""
    x = tf.Variable(tf.zeros([1, n, 1]))
    with tf.GradientTape() as tape:
        h = x
        for stride in strides:
            h = tf.nn.conv1d(h, tf.ones([3, 1, 1]), stride=stride, padding="VALID")
        middle = h[0, h.shape[1] // 2, 0]
    gradient = tape.gradient(middle, x).numpy().ravel()
    return int((gradient != 0).sum()), h.shape[1]


for strides in [(1,), (2,), (1, 1), (2, 1), (2, 2, 1)]:
    seen, length = cells_seen(strides)
    print(f"strides {strides}: each output sees {seen} input cells; {length} outputs")
# --8<-- [end:receptive_field]

from snippets.arithmetic import conv_output_size, receptive_field

for strides in [(1,), (2,), (1, 1), (2, 1), (2, 2, 1)]:
    seen, length = cells_seen(strides)
    assert seen == receptive_field([(3, s, 1) for s in strides]).size, strides
    n = 32
    for s in strides:
        n = conv_output_size(n, 3, s)
    assert length == n, strides
