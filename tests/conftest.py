"""Shared test set-up: quiet, reproducible TensorFlow before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Printed values must not depend on the CPU's oneDNN kernels.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
