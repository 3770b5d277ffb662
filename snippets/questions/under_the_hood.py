"""Questions on the Under the hood page."""

from snippets.arithmetic import conv_output_size, window_starts
from snippets.questions import Question


def _valid_layers_survived(n: int, k: int) -> int:
    """How many stride-1 VALID layers of kernel k an input of n cells goes through."""
    layers = 0
    while True:
        try:
            n = conv_output_size(n, k)
        except ValueError:
            return layers
        layers += 1


_LAYERS = _valid_layers_survived(32, 3)
# The last SAME window of a 5-cell axis (pool 2, stride 2) starts here and reads what is left.
_REAL_CELLS = (5 - window_starts(5, 2, 2, "same")[-1]) ** 2

QUESTIONS = [
    Question(
        id="valid-stack-depth",
        prompt=(
            "A 32×32 input goes through 3×3 VALID convolutions at stride 1, one after another. "
            "How many can it go through before Keras refuses to build the next one?"
        ),
        choices=("10", str(_LAYERS), "16", "30"),
        answer=str(_LAYERS),
        explanation=(
            "Each layer trims 2 cells: 32, 30, …, 4, 2. A 2×2 map cannot fit a 3×3 window. "
            "[See it run](under-the-hood.md#why-padding)."
        ),
    ),
    Question(
        id="nan-padding-divisor",
        prompt=(
            "In the NumPy `pool2d`, the bottom-right window of a 5×5 image (pool 2, stride 2, "
            "SAME) holds one real cell and three NaN cells. What does `np.nanmean` divide by?"
        ),
        choices=("1", "3", "4"),
        answer=str(_REAL_CELLS),
        explanation=(
            "`np.nanmean` skips NaN, so it divides by the number of real cells, as TensorFlow's "
            "average pooling does. [See the code](under-the-hood.md#pooling)."
        ),
    ),
]
