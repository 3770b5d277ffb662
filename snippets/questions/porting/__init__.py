"""Questions on the Porting pages, one module per page."""
