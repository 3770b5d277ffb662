"""Production patterns (page: expert/production-patterns.md)."""

# --8<-- [start:check_shapes]
import keras

model = keras.Sequential(
    [
        keras.Input(shape=(225, 225, 3)),  # an odd size on purpose
        keras.layers.Conv2D(32, 3, strides=2, padding="same"),
        keras.layers.Conv2D(64, 3, strides=2, padding="same"),
        keras.layers.Conv2D(64, 3, strides=2, padding="valid"),
        keras.layers.MaxPooling2D(2),
    ]
)
for layer in model.layers:
    print(f"{layer.__class__.__name__:13} -> {layer.output.shape}")
# --8<-- [end:check_shapes]

from snippets.arithmetic import conv_output_size, pool_output_size

n = conv_output_size(conv_output_size(225, 3, 2, "same"), 3, 2, "same")
n = pool_output_size(conv_output_size(n, 3, 2), 2)
assert model.output_shape == (None, n, n, 64)

# --8<-- [start:reflection_padding]
import keras


class ReflectionPadding2D(keras.layers.Layer):
    """Mirror `pad` cells onto each side of height and width (no edge repeat)."""

    def __init__(self, pad=1, **kwargs):
        super().__init__(**kwargs)
        self.pad = pad

    def call(self, x):
        p = self.pad
        return keras.ops.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], mode="reflect")


x = keras.ops.reshape(keras.ops.arange(1.0, 10.0), [1, 3, 3, 1])
block = keras.Sequential([ReflectionPadding2D(1), keras.layers.Conv2D(1, 3, padding="valid")])
print(keras.ops.convert_to_numpy(ReflectionPadding2D(1)(x))[0, :, :, 0])
print("block output:", tuple(block(x).shape))
# --8<-- [end:reflection_padding]

import numpy as np

assert np.array_equal(
    keras.ops.convert_to_numpy(ReflectionPadding2D(1)(x))[0, :, :, 0],
    np.pad(np.arange(1.0, 10.0).reshape(3, 3), 1, mode="reflect"),
)
assert block(x).shape[1] == conv_output_size(3, 3, padding=(1, 1)) == 3

# Both networks of the expert zone: stride 2 only between stages, so the strided layers' sizes are
# 224 halved (rounding up) five times. ResNet50 pads explicitly, then VALID, before both padded
# stride-2 layers of its stem; MobileNetV2 keeps SAME for its stride-2 Conv1 and pads explicitly
# ((0, 1) per axis) only before its four stride-2 depthwise convolutions.
from snippets.arithmetic import same_padding

sizes = [224]
for _ in range(5):
    sizes.append(conv_output_size(sizes[-1], 3, 2, "same"))
for network in [keras.applications.ResNet50, keras.applications.MobileNetV2]:
    built = network(weights=None, include_top=False, input_shape=(224, 224, 3))
    strided = [
        layer
        for layer in built.layers
        if tuple(layer.get_config().get("strides") or (1, 1)) != (1, 1)
    ]
    assert sorted({layer.output.shape[1] for layer in strided}, reverse=True) == sizes[1:]
    assert all(tuple(layer.get_config()["strides"]) == (2, 2) for layer in strided)
    padded = {
        layer.name: layer.get_config()["padding"]
        for layer in built.layers
        if isinstance(layer, keras.layers.ZeroPadding2D)
    }
    if network is keras.applications.ResNet50:
        assert padded == {"conv1_pad": ((3, 3), (3, 3)), "pool1_pad": ((1, 1), (1, 1))}
        assert all(layer.get_config()["padding"] == "valid" for layer in strided)
    else:
        depthwise = [layer.name for layer in strided if layer.name != "Conv1"]
        assert built.get_layer("Conv1").get_config()["padding"] == "same"
        assert depthwise == [f"block_{b}_depthwise" for b in (1, 3, 6, 13)]
        assert all(built.get_layer(name).get_config()["padding"] == "valid" for name in depthwise)
        assert padded == {f"block_{b}_pad": ((0, 1), (0, 1)) for b in (1, 3, 6, 13)}
        assert all(same_padding(n, 3, 2) == (0, 1) for n in sizes[1:5])
        built_names = [layer.name for layer in built.layers]
        for b in (1, 3, 6, 13):
            pad_at = built_names.index(f"block_{b}_pad")
            assert built_names[pad_at + 1] == f"block_{b}_depthwise"
