"""Questions on the Average pooling counts the padding myth page."""

from snippets.arithmetic import window_starts
from snippets.questions import Question

_GRID = [[5 * row + col + 1 for col in range(5)] for row in range(5)]
_LAST = window_starts(5, 2, 2, "same")[-1]  # the last window starts on the last cell
_REAL = [_GRID[row][col] for row in range(2) for col in range(_LAST, 5)]
_TOP_RIGHT = sum(_REAL) / len(_REAL)

QUESTIONS = [
    Question(
        id="myth-avg-pool-top-right",
        prompt=(
            "`AveragePooling2D(pool_size=2, padding='same')` on a 5×5 input holding 1 to 25, "
            "row by row. The top-right window covers 5 and 10 plus padding. What does it output?"
        ),
        choices=(str(_TOP_RIGHT / 2), str(_TOP_RIGHT), "15.0"),
        answer=str(_TOP_RIGHT),
        explanation=(
            "TensorFlow divides by the number of real cells (2), not the window size (4). "
            "[Both versions side by side](myths/avg-pool-counts-padding.md#the-reality)."
        ),
    ),
]
