"""Questions on the Concepts pages, one module per page."""
