"""Questions on the Pooling defaults pitfall page."""

from snippets.arithmetic import pool_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="pitfall-pool-default-stride",
        prompt="`MaxPooling2D(pool_size=2, strides=1)` on an 8×8 input. Output?",
        choices=("4×4", "{0}×{0}".format(pool_output_size(8, 2, 1)), "8×8"),
        answer="{0}×{0}".format(pool_output_size(8, 2, 1)),
        explanation=(
            "With `strides=1` the windows overlap and VALID drops one: 8 − 2 + 1 = 7. Without "
            "`strides`, Keras uses the pool size and you get 4×4. "
            "[All the defaults](pitfalls/pooling-default-strides.md#the-defaults)."
        ),
    ),
]
