"""Questions on the The extra padding goes first myth page."""

from snippets.arithmetic import same_padding
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="myth-extra-pad-side",
        prompt=(
            "SAME padding for `kernel_size=4`, stride 1, on a 6-wide input needs 3 cells. "
            "TensorFlow splits them as (before, after) = ?"
        ),
        choices=("(2, 1)", str(same_padding(6, 4)), "(1, 1)"),
        answer=str(same_padding(6, 4)),
        explanation=(
            "Half rounded down goes before, the rest after: the odd cell is at the bottom or "
            "right. [See every window](myths/extra-padding-goes-first.md#the-reality)."
        ),
    ),
]
