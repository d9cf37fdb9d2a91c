"""Typed errors for bad input: each names the file (and line) and the problem.

Text we cannot understand is data (an unresolved value); a file or
configuration we cannot read is one of these errors, which the CLI prints as
one line and the API as one JSON shape.
"""

from __future__ import annotations


class TrucewatchError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(TrucewatchError):
    """A file or record that cannot be read as a report."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


class ConfigError(TrucewatchError):
    """A data or configuration file (agreement, vocabulary) that is invalid."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
