"""Questions on the Transposed convolution page."""

from snippets.arithmetic import conv_output_size, transposed_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="transposed-output-padding-0",
        prompt=(
            "`Conv2DTranspose(kernel_size=3, strides=2, padding='same', output_padding=0)` "
            "on a 4×4 input. What size comes out?"
        ),
        choices=("6×6", "7×7", "8×8", "9×9"),
        answer="{0}×{0}".format(transposed_output_size(4, 3, 2, "same", 0)),
        explanation=(
            "(4 − 1)·2 + (3 mod 2) + 0 = 7. Leaving `output_padding=None` would give 4·2 = 8. "
            "[Compare them](concepts/transposed.md#output-padding)."
        ),
    ),
    Question(
        id="transposed-unet-odd",
        prompt=(
            "A 7×7 map goes down through `Conv2D(strides=2, padding='same')` and back up "
            "through `Conv2DTranspose(kernel_size=3, strides=2, padding='same')`, "
            "`output_padding` left at its default. Does it match the 7×7 skip connection?"
        ),
        choices=(
            "Yes, 7×7",
            "No, it is {0}×{0}".format(transposed_output_size(4, 3, 2, "same")),
            "No, it is 6×6",
        ),
        answer="No, it is {0}×{0}".format(transposed_output_size(4, 3, 2, "same")),
        explanation=(
            "Down gives ⌈7/2⌉ = 4; the default way up gives 4·2 = 8. "
            "`output_padding=0` gives 7. [See the fix](concepts/transposed.md#odd-sizes)."
        ),
    ),
    Question(
        id="transposed-stride-1-padding",
        prompt=(
            "A stride-1 convolution with a 5×5 kernel and 1 cell of padding on each side maps "
            "8×8 to 6×6. Its transpose, written as a stride-1 convolution with a 5×5 kernel, "
            "pads each side by how many cells?"
        ),
        choices=("0", "1", "3", "4"),
        answer=str(
            next(
                q
                for q in range(5)
                # the forward convolution maps 8 to 6; the transpose maps 6 back to 8
                if conv_output_size(8, 5, 1, 1) == 6
                and conv_output_size(6, 5, 1, q) == transposed_output_size(6, 5, 1, 1) == 8
            )
        ),
        explanation=(
            "k − 1 − p = 5 − 1 − 1 = 3: 6 + 2·3 − 5 + 1 = 8, back to 8×8. "
            "[See the rule](concepts/transposed.md#stride-1)."
        ),
    ),
]
