"""The Porting pages' answers, computed from the arithmetic, checked against the frameworks."""

from __future__ import annotations

import ast

import keras
import numpy as np
import pytest
import tensorflow as tf
import torch
import torch.nn.functional as F

from sitekit.sections import ROOT, saved_modules
from snippets.questions import all_questions

pytestmark = pytest.mark.tf
QUESTIONS = all_questions()
rng = np.random.default_rng(0)


def answer(qid: str) -> str:
    return QUESTIONS[qid].answer


def nchw(x: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(x).permute(0, 3, 1, 2)


def test_rosetta_conv() -> None:
    pad = ast.literal_eval(answer("rosetta-conv"))
    x = rng.normal(size=(1, 10, 10, 2)).astype(np.float32)
    w = rng.normal(size=(3, 3, 2, 4)).astype(np.float32)
    want = tf.nn.conv2d(x, w, 2, "SAME").numpy()
    got = F.conv2d(F.pad(nchw(x), pad), torch.from_numpy(w).permute(3, 2, 0, 1), stride=2)
    assert np.allclose(got.permute(0, 2, 3, 1).numpy(), want, atol=1e-5)


def test_rosetta_avgpool() -> None:
    ones = torch.ones(1, 1, 5, 5)
    got = F.avg_pool2d(F.pad(ones, (0, 1, 0, 1)), 2)[0, 0, -1, -1].item()
    assert got == float(answer("rosetta-avgpool"))
    same = tf.nn.avg_pool2d(np.ones((1, 5, 5, 1), np.float32), 2, 2, "SAME").numpy()
    assert np.all(same == 1.0)


def test_rosetta_transposed() -> None:
    x = rng.normal(size=(1, 4, 4, 2)).astype(np.float32)
    w = rng.normal(size=(3, 3, 3, 2)).astype(np.float32)
    up = keras.layers.Conv2DTranspose(3, 3, strides=2, padding="same", use_bias=False)
    up.build(x.shape)
    up.set_weights([w])
    want = keras.ops.convert_to_numpy(up(x))
    full = F.conv_transpose2d(nchw(x), torch.from_numpy(w).permute(3, 2, 0, 1), stride=2)
    full = full.permute(0, 2, 3, 1).numpy()
    kept = {
        "Rows 0 to 7: it drops the last": full[:, :8, :8],
        "Rows 1 to 8: it drops the first": full[:, 1:, 1:],
    }
    assert [k for k, v in kept.items() if np.allclose(v, want, atol=1e-5)] == [
        answer("rosetta-transposed")
    ]


def test_kernel_layout() -> None:
    kernel = rng.normal(size=(3, 3, 16, 32)).astype(np.float32)
    permutation = ast.literal_eval(answer("tf-to-pytorch-kernel-layout").removeprefix("permute"))
    conv = torch.nn.Conv2d(16, 32, 3, bias=False)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(kernel).permute(*permutation))
    x = rng.normal(size=(1, 5, 5, 16)).astype(np.float32)
    want = tf.nn.conv2d(x, kernel, 1, "VALID").numpy()
    assert np.allclose(conv(nchw(x)).detach().permute(0, 2, 3, 1).numpy(), want, atol=1e-4)


def test_pytorch_same_at_stride_2() -> None:
    assert answer("tf-to-pytorch-same-stride-2") == "Raises ValueError"
    with pytest.raises(ValueError, match="not supported for strided"):
        torch.nn.Conv2d(3, 8, 3, stride=2, padding="same")


def test_pytorch_to_tf_padding() -> None:
    before, after = ast.literal_eval(answer("pytorch-to-tf-padding"))
    x = rng.normal(size=(1, 32, 32, 1)).astype(np.float32)
    w = rng.normal(size=(5, 5, 1, 1)).astype(np.float32)
    explicit = [[0, 0], [before, after], [before, after], [0, 0]]
    same = tf.nn.conv2d(x, w, 2, "SAME").numpy()
    assert np.allclose(same, tf.nn.conv2d(x, w, 2, explicit).numpy(), atol=1e-5)
    torch_style = tf.nn.conv2d(x, w, 2, [[0, 0], [2, 2], [2, 2], [0, 0]]).numpy()
    assert same.shape == torch_style.shape and not np.allclose(same, torch_style, atol=1e-3)


def test_ceil_mode() -> None:
    size = int(answer("pytorch-to-tf-ceil-mode").split("×")[0])
    x = rng.normal(size=(1, 9, 9, 1)).astype(np.float32)
    got = torch.nn.MaxPool2d(2, stride=2, ceil_mode=True)(nchw(x)).permute(0, 2, 3, 1).numpy()
    assert got.shape[1:3] == (size, size)
    same = keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2, padding="same")(x))
    assert np.allclose(got, same)


def test_onnx_same_lower() -> None:
    before, after = ast.literal_eval(answer("onnx-same-lower"))
    with saved_modules(ROOT / "snippets" / "porting" / "onnx_runtime.py"):
        from onnx_run import run  # type: ignore[import-not-found]

        x = rng.normal(size=(1, 2, 6, 6)).astype(np.float32)
        w = rng.normal(size=(4, 2, 3, 3)).astype(np.float32)
        lower = run("Conv", x, w, strides=[2, 2], auto_pad="SAME_LOWER")
        explicit = run("Conv", x, w, strides=[2, 2], pads=[before, before, after, after])
    assert np.allclose(lower, explicit, atol=1e-5)
