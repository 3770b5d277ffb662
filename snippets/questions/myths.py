"""Questions on the Myths pages."""

from snippets.arithmetic import (
    conv_output_size,
    receptive_field,
    same_padding,
    window_starts,
)
from snippets.questions import Question

_VALUES = [-5, -4, -3, -2, -1]
# The first SAME window starts one cell before the input; max pooling ignores that cell.
_FIRST_MAX = max(_VALUES[0 : window_starts(5, 3, padding="same")[0] + 3])
_UNREAD = sorted(set(range(16)) - {c for s in window_starts(16, 3, 4) for c in range(s, s + 3)})
_THREE_LAYERS = receptive_field([(3, 2, 1), (3, 2, 1), (3, 1, 1)]).size
_GRID = [[5 * row + col + 1 for col in range(5)] for row in range(5)]
_LAST = window_starts(5, 2, 2, "same")[-1]  # the last window starts on the last cell
_REAL = [_GRID[row][col] for row in range(2) for col in range(_LAST, 5)]
_TOP_RIGHT = sum(_REAL) / len(_REAL)

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
    Question(
        id="myth-stride-skips-columns",
        prompt=(
            "A 3-wide window slides over 16 columns with stride 4 and VALID padding. "
            "Which columns does no window ever read?"
        ),
        choices=(str(_UNREAD), "[15]", "None: every column is read"),
        answer=str(_UNREAD),
        explanation=(
            "Windows start at 0, 4, 8 and 12 and each covers 3 columns, so the column just "
            "before each next start is skipped. "
            "[A line in column 3 vanishes](myths/bigger-stride-is-better.md#the-reality)."
        ),
    ),
    Question(
        id="myth-same-even-kernel",
        prompt="`Conv2D(kernel_size=4, strides=1, padding='same')` on a 7×7 input gives…",
        choices=("6×6", "7×7", "8×8"),
        answer="{0}×{0}".format(conv_output_size(7, 4, 1, "same")),
        explanation=(
            "At stride 1 SAME keeps the size exactly, for even kernels and odd inputs too; only "
            "the split of the padding is uneven. "
            "[The full grid](myths/same-off-by-one.md#the-reality)."
        ),
    ),
    Question(
        id="myth-stride-receptive-field",
        prompt=(
            "Three 3-tap convolutions with strides 2, 2 and 1. How many input cells can change "
            "one output of the last one?"
        ),
        choices=("7", "9", str(_THREE_LAYERS), "27"),
        answer=str(_THREE_LAYERS),
        explanation=(
            "Each stride multiplies the spacing the next layer's taps land on: 1 + 2 + 4 + 8 = "
            f"{_THREE_LAYERS}. With stride 1 everywhere it would be 7. "
            "[Measured with a gradient](myths/stride-only-affects-speed.md#the-reality)."
        ),
    ),
    Question(
        id="myth-same-stride-3",
        prompt="A 10×10 input, `padding='same'`, `strides=3`. What size comes out?",
        choices=("10×10", "3×3", "{0}×{0}".format(conv_output_size(10, 3, 3, "same"))),
        answer="{0}×{0}".format(conv_output_size(10, 3, 3, "same")),
        explanation=(
            "SAME gives ceil(n / stride): ceil(10 / 3) = 4. Only at stride 1 is that n. "
            "[Stride by stride](myths/same-means-same-size.md#the-reality)."
        ),
    ),
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
    Question(
        id="myth-stride-tile",
        prompt="A 10-wide input, kernel 3, stride 4, VALID: (10 − 3) / 4 is not whole. Result?",
        choices=("A ValueError", f"{conv_output_size(10, 3, 4)} outputs", "3 outputs"),
        answer=f"{conv_output_size(10, 3, 4)} outputs",
        explanation=(
            "TensorFlow floors: windows start at 0 and 4, and the last cells are never read. "
            "[More sizes](myths/stride-must-tile.md#the-reality)."
        ),
    ),
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
