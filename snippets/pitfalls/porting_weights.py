"""Pitfall: porting stride-2 weights across frameworks (page: pitfalls/porting-weights.md)."""

# --8<-- [start:naive_port]
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
image = rng.normal(size=[1, 224, 224, 3]).astype(np.float32)
# A PyTorch Conv2d(3, 8, kernel_size=7, stride=2, padding=3, bias=False) stores its kernel
# as (out, in, height, width); Keras wants (height, width, in, out).
torch_kernel = rng.normal(size=[8, 3, 7, 7]).astype(np.float32)
kernel = np.transpose(torch_kernel, (2, 3, 1, 0))

# What the PyTorch layer computes: 3 zeros on every side, then the windows.
pytorch_result = tf.nn.conv2d(image, kernel, strides=2, padding=[[0, 0], [3, 3], [3, 3], [0, 0]])

naive = keras.layers.Conv2D(8, 7, strides=2, padding="same", use_bias=False)
naive.build(image.shape)
naive.set_weights([kernel])
ported = keras.ops.convert_to_numpy(naive(image))

print("shapes:", tuple(pytorch_result.shape), tuple(ported.shape))
print("same values:", np.allclose(ported, pytorch_result, atol=1e-4))
print(f"outputs that differ: {np.mean(~np.isclose(ported, pytorch_result, atol=1e-3)):.0%}")
# --8<-- [end:naive_port]

from snippets.arithmetic import conv_output_size, same_padding

assert same_padding(224, 7, 2) == (2, 3)
assert ported.shape[1] == conv_output_size(224, 7, 2, "same") == conv_output_size(224, 7, 2, 3)
assert np.mean(~np.isclose(ported, pytorch_result, atol=1e-3)) > 0.95

# --8<-- [start:fixed_port]
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
image = rng.normal(size=[1, 224, 224, 3]).astype(np.float32)
kernel = np.transpose(rng.normal(size=[8, 3, 7, 7]).astype(np.float32), (2, 3, 1, 0))
pytorch_result = tf.nn.conv2d(image, kernel, strides=2, padding=[[0, 0], [3, 3], [3, 3], [0, 0]])

conv = keras.layers.Conv2D(8, 7, strides=2, padding="valid", use_bias=False)
port = keras.Sequential([keras.layers.ZeroPadding2D(padding=3), conv])
port.build(image.shape)
conv.set_weights([kernel])
ported = keras.ops.convert_to_numpy(port(image))
print("shape:", tuple(ported.shape))
print("same values:", np.allclose(ported, pytorch_result, atol=1e-4))
# --8<-- [end:fixed_port]

assert np.allclose(ported, pytorch_result, atol=1e-4)

# --8<-- [start:same_made_explicit]
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
image = rng.normal(size=[1, 224, 224, 3]).astype(np.float32)
kernel = rng.normal(size=[7, 7, 3, 8]).astype(np.float32)

same = tf.nn.conv2d(image, kernel, strides=2, padding="SAME")
# TensorFlow's SAME for n=224, k=7, stride 2 is (2, 3): written out, any framework can copy it.
padded = keras.layers.ZeroPadding2D(padding=((2, 3), (2, 3)))(image)
explicit = tf.nn.conv2d(padded, kernel, strides=2, padding="VALID")
print("SAME == ZeroPadding2D(((2, 3), (2, 3))) + VALID:", np.allclose(same, explicit, atol=1e-4))
# --8<-- [end:same_made_explicit]

assert np.allclose(same, explicit, atol=1e-4)
