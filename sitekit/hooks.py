"""MkDocs hooks: versions in the footer and quizzes in the pages. Public hook API only."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from sitekit.quiz import expand


def installed_version(*names: str) -> str:
    """Version of the first of ``names`` that is installed."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    raise RuntimeError(f"none of {names} is installed; run `uv sync --locked`")


def on_config(config: Any) -> Any:
    """Record the TensorFlow and Keras versions the facts were verified with."""
    config.extra["verified_with"] = {
        "tensorflow": installed_version("tensorflow-cpu", "tensorflow"),
        "keras": installed_version("keras"),
    }
    return config


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Turn ``<!-- quiz: id -->`` markers into questions."""
    return expand(markdown, page.file.src_uri)
