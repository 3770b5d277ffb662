"""Questions on the Combining padding and stride page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="halving-valid-28",
        prompt=(
            "A 28×28 input, a 3×3 kernel, stride 2, `padding='valid'`. "
            "What is the output's height and width?"
        ),
        choices=("12×12", "13×13", "14×14", "13.5×13.5"),
        answer="{0}×{0}".format(conv_output_size(28, 3, 2, "valid")),
        explanation=(
            "VALID gives ⌊(28 − 3) / 2⌋ + 1 = 13: stride 2 halves only with SAME, which gives 14. "
            "[Compare SAME and VALID](concepts/padding-and-stride.md#halving-exactly)."
        ),
    ),
    Question(
        id="half-padding-even-kernel",
        prompt=(
            "You pad a 28×28 input by p = ⌊k/2⌋ = 2 on every side and apply a 4×4 kernel at "
            "stride 1 with VALID. What size comes out?"
        ),
        choices=("27×27", "28×28", "29×29", "30×30"),
        answer="{0}×{0}".format(conv_output_size(28, 4, 1, 2)),
        explanation=(
            "28 + 2·2 − 4 + 1 = 29: the half-padding rule keeps the size only for odd kernels "
            "at stride 1. [See the rule fail](concepts/padding-and-stride.md#half-padding-rule)."
        ),
    ),
]
