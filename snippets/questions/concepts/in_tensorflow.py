"""Questions on the Padding and stride in TensorFlow page."""

from snippets.arithmetic import conv_output_size, same_padding
from snippets.questions import Question

_OUT = conv_output_size(28, 3, 2, "same")

QUESTIONS = [
    Question(
        id="tf-lesson-example-shape",
        prompt=(
            "`Conv2D(filters=16, kernel_size=3, strides=2, padding='same')` on an input of shape "
            "`(1, 28, 28, 3)`. What is the output shape?"
        ),
        choices=(
            "(1, 28, 28, 16)",
            f"(1, {_OUT}, {_OUT}, 16)",
            f"(1, {_OUT - 1}, {_OUT - 1}, 16)",
            f"(1, {_OUT}, {_OUT}, 3)",
        ),
        answer=f"(1, {_OUT}, {_OUT}, 16)",
        explanation=(
            "SAME at stride 2 gives ⌈28 / 2⌉ = 14 positions, and the last axis holds one map "
            "per filter. [See it run](concepts/in-tensorflow.md#the-lessons-example)."
        ),
    ),
    Question(
        id="tf-same-split-28",
        prompt=(
            "For that layer (k = 3, stride 2, SAME) on a 28×28 input, how much padding does "
            "TensorFlow add above and below, as (before, after)?"
        ),
        choices=("(1, 1)", "(0, 1)", "(1, 0)", "(0, 0)"),
        answer=str(same_padding(28, 3, 2)),
        explanation=(
            "Fourteen windows at stride 2 need (14 − 1)·2 + 3 = 29 cells, one more than 28, and "
            "the odd cell goes after the input. "
            "[Count the cells](concepts/in-tensorflow.md#same-depends-on-the-input)."
        ),
    ),
]
