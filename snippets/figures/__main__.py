"""``python -m snippets.figures``: regenerate every figure and animation."""

import sys

from snippets.figures import main

sys.exit(main())
