"""Serve: the CLI (and later the API and dashboard), thin shells over library calls."""
