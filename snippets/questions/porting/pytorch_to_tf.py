"""Questions on porting/pytorch-to-tf.md."""

from snippets.arithmetic import padding_amounts, pool_output_size, same_padding
from snippets.questions import Question

_SAME = same_padding(32, 5, 2)
_TORCH = padding_amounts(32, 5, 2, 2)
_CEIL = pool_output_size(9, 2, 2, "same")

QUESTIONS = [
    Question(
        id="pytorch-to-tf-padding",
        prompt=(
            "PyTorch's `Conv2d(kernel_size=5, stride=2, padding=2)` pads (2, 2) on a 32×32 input. "
            "How does Keras' `Conv2D(5, strides=2, padding='same')` pad at this size?"
        ),
        choices=("(2, 2), as PyTorch does", str(_SAME), "(2, 1)"),
        answer=str(_SAME) if _SAME != _TORCH else "(2, 2), as PyTorch does",
        explanation=(
            f"Both give 16×16, but SAME needs {sum(_SAME)} cells in all and puts the odd one "
            "after. Port with `ZeroPadding2D(2)` and `padding='valid'`. "
            "[Tested](porting/pytorch-to-tf.md#padding-at-stride-2)."
        ),
    ),
    Question(
        id="pytorch-to-tf-ceil-mode",
        prompt="`nn.MaxPool2d(2, stride=2, ceil_mode=True)` on a 9×9 input. Output size?",
        choices=("4×4", f"{_CEIL}×{_CEIL}", "6×6"),
        answer=f"{_CEIL}×{_CEIL}",
        explanation=(
            "`ceil_mode` keeps the last, partial window; Keras' `padding='same'` pads "
            f"{same_padding(9, 2, 2)} here, so it has the same windows and the same values. "
            "[ceil_mode](porting/pytorch-to-tf.md#ceil-mode)."
        ),
    ),
]
