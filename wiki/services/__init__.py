"""Service functions: one per user action, shared by the HTML views, the API and the CLI."""
