"""Expert details: 1x1 stride-2 convolutions, stride with dilation (page: expert/index.md)."""

# --8<-- [start:one_by_one_stride_2]
import keras
import tensorflow as tf

x = tf.Variable(tf.zeros([1, 56, 56, 1]))
conv = keras.layers.Conv2D(1, kernel_size=1, strides=2, kernel_initializer="ones")
with tf.GradientTape() as tape:
    total = tf.reduce_sum(conv(x))
read = tape.gradient(total, x) != 0
print("output:", tuple(conv(x).shape))
print(f"input positions read: {float(tf.reduce_mean(tf.cast(read, tf.float32))):.0%}")
# --8<-- [end:one_by_one_stride_2]

from snippets.arithmetic import conv_output_size, effective_kernel_size, same_padding

assert conv(x).shape[1] == conv_output_size(56, 1, 2) == 28
assert float(tf.reduce_mean(tf.cast(read, tf.float32))) == (28 / 56) ** 2

# snippet-raises: ValueError
# --8<-- [start:keras_refuses]
import keras

keras.layers.Conv2D(1, kernel_size=3, strides=2, dilation_rate=2)
# --8<-- [end:keras_refuses]

# --8<-- [start:tf_nn_accepts]
import tensorflow as tf

x = tf.zeros([1, 9, 9, 1])
kernel = tf.zeros([3, 3, 1, 1])
for padding in ["VALID", "SAME"]:
    out = tf.nn.conv2d(x, kernel, strides=2, dilations=2, padding=padding)
    print(f"{padding}: {tuple(out.shape)}")
# --8<-- [end:tf_nn_accepts]

assert effective_kernel_size(3, 2) == 5
for padding in ["VALID", "SAME"]:
    out = tf.nn.conv2d(x, kernel, strides=2, dilations=2, padding=padding)
    assert out.shape[1] == conv_output_size(9, 3, 2, padding.lower(), dilation=2)

# SAME's total is odd (so the split is uneven) at stride 1 for every even kernel, and at stride 2
# for every odd kernel larger than 1 on an even input.
for n in range(2, 60):
    for k in range(1, 12):
        total = sum(same_padding(n, k, 1))
        assert (total % 2 == 1) is (k % 2 == 0)
        if n % 2 == 0 and k % 2 == 1:
            assert (sum(same_padding(n, k, 2)) % 2 == 1) is (k > 1), (n, k)
