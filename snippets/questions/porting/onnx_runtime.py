"""Questions on porting/onnx-runtime.md."""

from snippets.arithmetic import same_padding
from snippets.questions import Question

_BEFORE, _AFTER = same_padding(6, 3, 2)
_LOWER = (_AFTER, _BEFORE)  # SAME_LOWER: the odd cell before the input

QUESTIONS = [
    Question(
        id="onnx-same-lower",
        prompt=(
            "An ONNX `Conv` with `auto_pad='SAME_LOWER'`, a 3×3 kernel and stride 2 runs on a 6×6 "
            "input. How many cells does it pad (before, after) on each axis?"
        ),
        choices=(f"{(_BEFORE, _AFTER)}, as TensorFlow does", str(_LOWER), "(1, 1)"),
        answer=str(_LOWER),
        explanation=(
            "SAME_LOWER puts the odd cell before the input; SAME_UPPER and TensorFlow put it "
            "after. They agree only when the total padding is even. "
            "[auto_pad in ONNX Runtime](porting/onnx-runtime.md#auto-pad)."
        ),
    ),
]
