"""Questions on the Pitfalls pages, one module per page."""
