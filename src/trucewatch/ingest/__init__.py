"""Ingest: read reports from files, directories, JSONL, HTML and stdin into Documents."""
