"""Expert zone (page: expert/index.md): real network stems, built offline from
keras.applications; 1x1 stride-2 convolutions; stride with dilation."""

# --8<-- [start:resnet50]
import keras

# weights=None builds the architecture only: nothing is downloaded.
model = keras.applications.ResNet50(weights=None, include_top=False, input_shape=(224, 224, 3))
for layer in model.layers:
    config = layer.get_config()
    strides = config.get("strides")
    if layer.__class__.__name__ == "ZeroPadding2D" or (strides and strides != (1, 1)):
        window = config.get("kernel_size") or config.get("pool_size") or ""
        print(
            f"{layer.name:20} {layer.__class__.__name__:13} {window!s:7} "
            f"strides={strides} padding={config['padding']}: "
            f"{layer.input.shape[1]} -> {layer.output.shape[1]}"
        )
# --8<-- [end:resnet50]

from snippets.arithmetic import (
    conv_output_size,
    pool_output_size,
    same_padding,
)

layers = {layer.name: layer for layer in model.layers}
assert layers["conv1_pad"].get_config()["padding"] == ((3, 3), (3, 3))
assert layers["conv1_conv"].get_config()["padding"] == "valid"
assert layers["pool1_pad"].get_config()["padding"] == ((1, 1), (1, 1))
assert layers["pool1_pool"].get_config()["padding"] == "valid"
# Keras' explicit (3, 3) and (1, 1) give SAME's sizes, but SAME itself would split (2, 3), (0, 1).
assert layers["conv1_conv"].output.shape[1] == conv_output_size(224, 7, 2, 3) == 112
assert conv_output_size(224, 7, 2, "same") == 112 and same_padding(224, 7, 2) == (2, 3)
assert layers["pool1_pool"].output.shape[1] == pool_output_size(114, 3, 2) == 56
assert pool_output_size(112, 3, 2, "same") == 56 and same_padding(112, 3, 2) == (0, 1)
for stage, n in [("conv3", 56), ("conv4", 28), ("conv5", 14)]:
    layer = layers[f"{stage}_block1_1_conv"]
    assert layer.get_config()["kernel_size"] == (1, 1) and layer.get_config()["strides"] == (2, 2)
    assert layer.output.shape[1] == conv_output_size(n, 1, 2)

# --8<-- [start:mobilenet_v2]
import keras

model = keras.applications.MobileNetV2(weights=None, include_top=False, input_shape=(224, 224, 3))
for name in ["Conv1", "block_1_pad", "block_1_depthwise", "block_3_pad", "block_3_depthwise"]:
    layer = model.get_layer(name)
    config = layer.get_config()
    print(
        f"{name:18} {layer.__class__.__name__:16} strides={config.get('strides', '-')!s:6} "
        f"padding={config['padding']}: {layer.input.shape[1]} -> {layer.output.shape[1]}"
    )
# --8<-- [end:mobilenet_v2]

from keras.src.applications.imagenet_utils import correct_pad

mobile = {layer.name: layer for layer in model.layers}
assert mobile["Conv1"].get_config()["padding"] == "same"
assert mobile["Conv1"].output.shape[1] == conv_output_size(224, 3, 2, "same")
for pad, n in [("block_1_pad", 112), ("block_3_pad", 56)]:
    before_after = same_padding(n, 3, 2)
    assert mobile[pad].get_config()["padding"] == (before_after, before_after)
# Keras' correct_pad reproduces TensorFlow's SAME split for odd and even sizes alike.
for n in range(3, 40):
    assert correct_pad(keras.Input((n, n, 1)), 3) == (same_padding(n, 3, 2),) * 2, n


def padding_plan(network_layers):
    """(name, padding) of every ZeroPadding2D and every layer with a stride above 1, in order."""
    return [
        (layer.name, layer.get_config()["padding"])
        for layer in network_layers
        if isinstance(layer, keras.layers.ZeroPadding2D)
        or tuple(layer.get_config().get("strides") or (1, 1)) != (1, 1)
    ]


# ResNet50 pads explicitly only in its stem: (3, 3) before the 7x7 convolution, (1, 1) before the
# max pooling, both VALID; its 1x1 stride-2 convolutions need no padding.
assert padding_plan(layers.values()) == [
    ("conv1_pad", ((3, 3), (3, 3))),
    ("conv1_conv", "valid"),
    ("pool1_pad", ((1, 1), (1, 1))),
    ("pool1_pool", "valid"),
] + [(f"conv{s}_block1_{b}_conv", "valid") for s in (3, 4, 5) for b in (1, 0)]
# MobileNetV2's stride-2 Conv1 is SAME; only its four stride-2 depthwise layers get an explicit
# ((0, 1), (0, 1)) (TensorFlow's SAME split at these even sizes) and VALID.
assert padding_plan(model.layers) == [("Conv1", "same")] + [
    pair
    for block, n in [(1, 112), (3, 56), (6, 28), (13, 14)]
    for pair in [
        (f"block_{block}_pad", (same_padding(n, 3, 2),) * 2),
        (f"block_{block}_depthwise", "valid"),
    ]
]
assert all(same_padding(n, 3, 2) == (0, 1) for n in (112, 56, 28, 14))

# --8<-- [start:stem_vs_same]
import keras
import numpy as np

keras.utils.set_random_seed(0)
image = np.random.default_rng(0).normal(size=[1, 224, 224, 3]).astype(np.float32)

# ResNet50's stem as Keras builds it: explicit symmetric padding, then VALID.
conv_a = keras.layers.Conv2D(8, 7, strides=2, padding="valid")
explicit = keras.Sequential(
    [
        keras.layers.ZeroPadding2D(3),
        conv_a,
        keras.layers.ReLU(),
        keras.layers.ZeroPadding2D(1),
        keras.layers.MaxPooling2D(3, strides=2),
    ]
)
a = explicit(image)
# The same stem written with padding="same", with the same weights.
conv_b = keras.layers.Conv2D(8, 7, strides=2, padding="same")
same = keras.Sequential(
    [
        conv_b,
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(3, strides=2, padding="same"),
    ]
)
same.build(image.shape)
conv_b.set_weights(conv_a.get_weights())
b = same(image)

print("shapes:", tuple(a.shape), tuple(b.shape))
print("same values:", bool(np.allclose(a, b, atol=1e-4)))
# --8<-- [end:stem_vs_same]

assert a.shape == b.shape == (1, 56, 56, 8)
assert not np.allclose(a, b, atol=1e-4)

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

# Which Keras layers refuse stride 2 with dilation 2, and which run it (Keras 3.15).
from snippets.keras_layers import check_stride_with_dilation

check_stride_with_dilation()

# SAME's total is odd (so the split is uneven) at stride 1 for every even kernel, and at stride 2
# for every odd kernel larger than 1 on an even input.
for n in range(2, 60):
    for k in range(1, 12):
        total = sum(same_padding(n, k, 1))
        assert (total % 2 == 1) is (k % 2 == 0)
        if n % 2 == 0 and k % 2 == 1:
            assert (sum(same_padding(n, k, 2)) % 2 == 1) is (k > 1), (n, k)
