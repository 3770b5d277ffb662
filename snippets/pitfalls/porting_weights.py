"""Pitfall: porting stride-2 weights across frameworks (page: pitfalls/porting-weights.md)."""

# --8<-- [start:naive_port]
import keras
import numpy as np
import torch

torch.manual_seed(0)
# The stem of a ResNet in PyTorch: 3 zeros on every side, stride 2.
stem = torch.nn.Conv2d(3, 8, kernel_size=7, stride=2, padding=3, bias=False)
image = np.random.default_rng(0).normal(size=[1, 224, 224, 3]).astype(np.float32)
with torch.no_grad():
    pytorch_result = stem(torch.from_numpy(image).permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
pytorch_result = pytorch_result.numpy()

# PyTorch stores the kernel as (out, in, height, width); Keras wants (height, width, in, out).
kernel = stem.weight.detach().numpy().transpose(2, 3, 1, 0)
naive = keras.layers.Conv2D(8, 7, strides=2, padding="same", use_bias=False)
naive.build(image.shape)
naive.set_weights([kernel])
ported = keras.ops.convert_to_numpy(naive(image))

print("shapes:", pytorch_result.shape, ported.shape)
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
import torch

torch.manual_seed(0)
stem = torch.nn.Conv2d(3, 8, kernel_size=7, stride=2, padding=3, bias=False)
image = np.random.default_rng(0).normal(size=[1, 224, 224, 3]).astype(np.float32)
with torch.no_grad():
    pytorch_result = stem(torch.from_numpy(image).permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
pytorch_result = pytorch_result.numpy()

conv = keras.layers.Conv2D(8, 7, strides=2, padding="valid", use_bias=False)
port = keras.Sequential([keras.layers.ZeroPadding2D(padding=3), conv])
port.build(image.shape)
conv.set_weights([stem.weight.detach().numpy().transpose(2, 3, 1, 0)])
ported = keras.ops.convert_to_numpy(port(image))
print("shape:", ported.shape)
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
