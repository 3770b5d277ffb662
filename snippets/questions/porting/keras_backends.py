"""Questions on porting/keras-backends.md."""

from snippets.arithmetic import same_padding
from snippets.questions import Question

_SPLIT = same_padding(6, 3, 2)

QUESTIONS = [
    Question(
        id="keras-backends-same",
        prompt=(
            "`keras.layers.Conv2D(2, 3, strides=2, padding='same')` runs on a 6×6 input with "
            "`KERAS_BACKEND=jax`. How does it pad each axis, as (before, after)?"
        ),
        choices=(f"{_SPLIT}, as on TensorFlow", "(1, 1)", "(1, 0), as ONNX's SAME_LOWER"),
        answer=f"{_SPLIT}, as on TensorFlow",
        explanation=(
            "On JAX, Keras pads as on TensorFlow: the Rosetta's TensorFlow tab, this very layer "
            "on 6×6, prints the same numbers on JAX and torch, "
            "[as the report shows](porting/keras-backends.md#versions)."
        ),
    ),
]
