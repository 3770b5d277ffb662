"""Questions on the Output size page."""

from snippets.arithmetic import conv_output_size, same_padding
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="resnet-stem-size",
        prompt=(
            "ResNet's stem: a 224×224 image, a 7×7 kernel, stride 2, `padding='same'`. "
            "What is the output size?"
        ),
        choices=("109", "111", "112", "113"),
        answer=str(conv_output_size(224, 7, 2, "same")),
        explanation=(
            "SAME gives ceil(n / stride) whatever the kernel: ceil(224 / 2) = 112. "
            "[Compare with VALID](concepts/output-size.md#valid-floor-division)."
        ),
    ),
    Question(
        id="resnet-stem-split",
        prompt="And how does TensorFlow split that stem's SAME padding, as (before, after)?",
        choices=("(3, 3)", "(2, 3)", "(3, 2)", "(2, 2)"),
        answer=str(same_padding(224, 7, 2)),
        explanation=(
            "Five cells in total, the odd one after the input; PyTorch's `padding=3` puts "
            "three on each side, which is why ported weights give different numbers. "
            "[See it checked](concepts/output-size.md#explicit-padding), "
            "[and in PyTorch](pitfalls/porting-weights.md#the-wrong-code)."
        ),
    ),
]
