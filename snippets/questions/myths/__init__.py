"""Questions on the Myths pages, one module per page."""
