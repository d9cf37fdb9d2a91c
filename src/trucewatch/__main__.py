"""`python -m trucewatch` runs the CLI."""

from trucewatch.serve.cli import main

main()
