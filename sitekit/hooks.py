"""MkDocs hooks: versions in the footer, quizzes and index cards in the pages. Public hook API
only."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from mkdocs.exceptions import PluginError

from sitekit import cards
from sitekit.env import quiet_tensorflow
from sitekit.quiz import expand

# A bare `mkdocs build` or `mkdocs serve` runs the notebooks as `make site` does: with
# TensorFlow's variables set (the notebooks' kernels inherit this process's environment).
quiet_tensorflow()


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


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """Turn ``<!-- quiz: id -->`` markers into questions, ``<!-- cards: folder -->`` into the
    cards of that folder's pages."""
    if cards.MARKER.search(markdown):

        def read(path: str) -> str | None:
            file = files.get_file_from_path(path)
            return None if file is None else file.content_string

        try:
            markdown = cards.expand(
                markdown, page.file.src_uri, cards.nav_entries(config["nav"]), read
            )
        except cards.CardError as error:
            raise PluginError(str(error)) from None
    return expand(markdown, page.file.src_uri)
