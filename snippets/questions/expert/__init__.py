"""Questions on the Expert zone pages, one module per page."""
