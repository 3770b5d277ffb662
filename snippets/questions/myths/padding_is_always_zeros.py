"""Questions on the Padding always adds zeros myth page."""

from snippets.arithmetic import window_starts
from snippets.questions import Question

_VALUES = [-5, -4, -3, -2, -1]
# The first SAME window starts one cell before the input; max pooling ignores that cell.
_FIRST_MAX = max(_VALUES[0 : window_starts(5, 3, padding="same")[0] + 3])

QUESTIONS = [
    Question(
        id="myth-max-pool-padding",
        prompt=(
            "`MaxPooling1D(pool_size=3, strides=1, padding='same')` runs over "
            "`[-5, -4, -3, -2, -1]`. SAME pads one cell on each side. What is the first output?"
        ),
        choices=("0", str(_FIRST_MAX), "-5"),
        answer=str(_FIRST_MAX),
        explanation=(
            "Max pooling never lets a padded cell win: the first window holds only -5 and -4 "
            "as far as the maximum is concerned. "
            "[See it run](myths/padding-is-always-zeros.md#pooling-pads-with-nothing)."
        ),
    ),
]
