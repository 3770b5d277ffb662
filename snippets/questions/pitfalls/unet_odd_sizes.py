"""Questions on the U-Net skips with odd sizes pitfall page."""

from snippets.arithmetic import pool_output_size, transposed_output_size
from snippets.questions import Question

_POOLED_BACK = transposed_output_size(pool_output_size(7, 2), 3, 2, "same")

QUESTIONS = [
    Question(
        id="pitfall-unet-pool-transpose",
        prompt=(
            "A 7×7 skip goes through `MaxPooling2D(2)` and comes back through "
            "`Conv2DTranspose(3, strides=2, padding='same')`. What size comes back?"
        ),
        choices=("7×7", "8×8", f"{_POOLED_BACK}×{_POOLED_BACK}"),
        answer=f"{_POOLED_BACK}×{_POOLED_BACK}",
        explanation=(
            "VALID pooling floors 7 to 3, and 3 × 2 = 6: one short of the skip. No "
            "`output_padding` helps: 0 gives 5 and 1 gives 6. "
            "[Crop or pad instead](pitfalls/unet-odd-sizes.md#fix-2-crop-or-pad-to-the-skip)."
        ),
    ),
]
