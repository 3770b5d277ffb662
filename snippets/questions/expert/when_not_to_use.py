"""Questions on the When not to use page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

_DILATED_LENGTH = 64
for _d in (1, 2, 4):
    _DILATED_LENGTH = conv_output_size(_DILATED_LENGTH, 3, 1, "same", dilation=_d)

QUESTIONS = [
    Question(
        id="expert-dilation-resolution",
        prompt=(
            "Strides 2, 2, 1 (3 taps, SAME) let each output see 15 cells and leave 16 outputs of "
            "a 64-cell input. Dilations 1, 2, 4 at stride 1 also reach 15 cells. How many "
            "outputs do they leave?"
        ),
        choices=("16", "32", str(_DILATED_LENGTH)),
        answer=str(_DILATED_LENGTH),
        explanation=(
            "SAME at stride 1 keeps every size, whatever the dilation: the full 64. "
            "[Measured](expert/when-not-to-use.md#large-strides-early)."
        ),
    ),
]
