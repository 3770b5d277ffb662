"""Questions on porting/tf-to-pytorch.md."""

from snippets.questions import Question

QUESTIONS = [
    Question(
        id="tf-to-pytorch-kernel-layout",
        prompt=(
            "A Keras `Conv2D` kernel has shape `(3, 3, 16, 32)`: height, width, in, out. Which "
            "`permute` turns it into the weight of PyTorch's `nn.Conv2d(16, 32, 3)`?"
        ),
        choices=("permute(3, 2, 0, 1)", "permute(2, 3, 0, 1)", "permute(0, 1, 3, 2)"),
        answer="permute(3, 2, 0, 1)",
        explanation=(
            "PyTorch stores `(out, in, height, width)`: axis 3 first, then 2, then 0 and 1. The "
            "same permutation serves `Conv2DTranspose`, whose kernel is `(height, width, out, "
            "in)`, for `nn.ConvTranspose2d`'s `(in, out, height, width)`. "
            "[The port](porting/tf-to-pytorch.md#the-port)."
        ),
    ),
    Question(
        id="tf-to-pytorch-same-stride-2",
        prompt="What does `torch.nn.Conv2d(3, 8, 3, stride=2, padding='same')` do?",
        choices=(
            "Pads as TensorFlow's SAME does",
            "Pads 1 cell on every side",
            "Raises ValueError",
        ),
        answer="Raises ValueError",
        explanation=(
            "PyTorch's `padding='same'` is allowed at stride 1 only. "
            "[Run it](porting/tf-to-pytorch.md#pytorchs-own-same)."
        ),
    ),
]
