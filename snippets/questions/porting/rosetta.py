"""Questions on porting/rosetta.md."""

from snippets.arithmetic import same_padding, window_starts
from snippets.questions import Question

_LEFT, _RIGHT = same_padding(10, 3, 2)
_PAD = f"({_LEFT}, {_RIGHT}, {_LEFT}, {_RIGHT})"

# Average pooling 2x2/2 SAME on 5x5: the last window starts at the last cell and holds 1 real
# cell of its 2 along each axis; PyTorch's zero-padded average divides by all 4.
_LAST = window_starts(5, 2, 2, "same")[-1]
_REAL = min(_LAST + 2, 5) - _LAST
_CORNER = (_REAL * _REAL) / (2 * 2)

_KEEP_BEFORE, _KEEP_AFTER = same_padding(8, 3, 2)

QUESTIONS = [
    Question(
        id="rosetta-conv",
        prompt=(
            "A Keras `Conv2D(kernel_size=3, strides=2, padding='same')` sees a 10×10 input. What "
            "goes into PyTorch's `F.pad(x, (left, right, top, bottom))` before an unpadded "
            "`F.conv2d(..., stride=2)` to get the same numbers?"
        ),
        choices=("(1, 1, 1, 1)", _PAD, "(1, 0, 1, 0)"),
        answer=_PAD,
        explanation=(
            f"TensorFlow needs {_LEFT + _RIGHT} cell of padding here and puts the odd cell after "
            "the input: right and bottom. "
            "[The convolution tabs](porting/rosetta.md#convolution)."
        ),
    ),
    Question(
        id="rosetta-avgpool",
        prompt=(
            "`AveragePooling2D(2, padding='same')` on a 5×5 input of ones gives ones everywhere. "
            "In PyTorch, `F.avg_pool2d(F.pad(x, (0, 1, 0, 1)), 2)` on the same input: what is "
            "the bottom-right output?"
        ),
        choices=("1.0", "0.5", str(_CORNER)),
        answer=str(_CORNER),
        explanation=(
            f"The corner window holds {_REAL * _REAL} real cell and 3 padded zeros, and PyTorch "
            "divides by all 4; TensorFlow divides by the real cells only. "
            "[The average pooling tabs](porting/rosetta.md#average-pooling)."
        ),
    ),
    Question(
        id="rosetta-transposed",
        prompt=(
            "`Conv2DTranspose(kernel_size=3, strides=2, padding='same')` turns 4×4 into 8×8. "
            "PyTorch's `F.conv_transpose2d(x, w, stride=2)` returns 9×9. Which 8 rows does "
            "TensorFlow keep?"
        ),
        choices=("Rows 0 to 7: it drops the last", "Rows 1 to 8: it drops the first"),
        answer=(
            "Rows 0 to 7: it drops the last"
            if (_KEEP_BEFORE, _KEEP_AFTER) == (0, 1)
            else "Rows 1 to 8: it drops the first"
        ),
        explanation=(
            f"SAME crops ({_KEEP_BEFORE}, {_KEEP_AFTER}): the odd cell goes at the end, as for "
            "the forward convolution. "
            "[The transposed tabs](porting/rosetta.md#transposed-convolution)."
        ),
    ),
]
