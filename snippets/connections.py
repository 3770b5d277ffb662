"""Connections: pooling, sampling and aliasing (page: connections.md)."""

# --8<-- [start:pooling_sizes]
import keras

x = keras.ops.zeros([1, 7, 7, 1])
for padding in ["valid", "same"]:
    conv = keras.layers.Conv2D(1, kernel_size=3, strides=2, padding=padding)
    max_pool = keras.layers.MaxPooling2D(pool_size=3, strides=2, padding=padding)
    avg_pool = keras.layers.AveragePooling2D(pool_size=3, strides=2, padding=padding)
    sizes = [layer(x).shape[1] for layer in (conv, max_pool, avg_pool)]
    print(f"{padding}: Conv2D, MaxPooling2D, AveragePooling2D -> {sizes}")
# --8<-- [end:pooling_sizes]

from snippets.arithmetic import conv_output_size, pool_output_size

for padding in ["valid", "same"]:
    assert pool_output_size(7, 3, 2, padding) == conv_output_size(7, 3, 2, padding)

# --8<-- [start:aliasing]
import numpy as np
import tensorflow as tf

stripes = np.tile([1.0, -1.0], 4).astype(np.float32)  # the fastest pattern 8 cells can hold
signals = {
    "stripes": stripes,
    "stripes shifted by 1": np.roll(stripes, 1),
    "flat, all ones": np.ones(8, dtype=np.float32),
}
keep_one = tf.ones([1, 1, 1])  # a 1-tap kernel: stride 2 just keeps every second cell
for name, signal in signals.items():
    sampled = tf.nn.conv1d(signal.reshape(1, 8, 1), keep_one, stride=2, padding="VALID")
    print(f"{name:21} -> {sampled.numpy().ravel().tolist()}")
# --8<-- [end:aliasing]

sampled = {
    name: tf.nn.conv1d(s.reshape(1, 8, 1), keep_one, stride=2, padding="VALID").numpy().ravel()
    for name, s in signals.items()
}
assert sampled["stripes"].tolist() == sampled["flat, all ones"].tolist() == [1.0] * 4
assert sampled["stripes shifted by 1"].tolist() == [-1.0] * 4

# --8<-- [start:blur_then_stride]
import numpy as np
import tensorflow as tf

stripes = np.tile([1.0, -1.0], 4).astype(np.float32)
blur = tf.reshape(tf.constant([0.25, 0.5, 0.25]), [3, 1, 1])  # a small low-pass filter
for name, signal in [
    ("stripes", stripes),
    ("stripes shifted by 1", np.roll(stripes, 1)),
    ("flat, all ones", np.ones(8, dtype=np.float32)),
]:
    blurred = tf.nn.conv1d(signal.reshape(1, 8, 1), blur, stride=1, padding="VALID")
    sampled = blurred[:, ::2, :]  # then keep every second cell
    print(f"{name:21} -> {sampled.numpy().ravel().tolist()}")
# --8<-- [end:blur_then_stride]

flat = np.ones(8, dtype=np.float32).reshape(1, 8, 1)
assert tf.nn.conv1d(flat, blur, 1, "VALID")[:, ::2, :].numpy().ravel().tolist() == [1.0] * 3
for signal in [stripes, np.roll(stripes, 1)]:
    out = tf.nn.conv1d(signal.reshape(1, 8, 1), blur, 1, "VALID")[:, ::2, :]
    assert out.numpy().ravel().tolist() == [0.0] * 3
    # Blurring and striding in one convolution gives the same numbers.
    fused = tf.nn.conv1d(signal.reshape(1, 8, 1), blur, 2, "VALID")
    assert np.array_equal(fused.numpy(), out.numpy())
assert conv_output_size(8, 3) == 6 and len(range(0, 6, 2)) == conv_output_size(8, 3, 2)
