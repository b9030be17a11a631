"""The errors a user must act on, in a module with no imports.

The command line turns each into one line on stderr and exit code 2. They live here,
not beside the code that raises them, so that the command line can catch them
without importing the rule engine: a fully cached run never loads it.
"""

from __future__ import annotations


class UsageError(ValueError):
    """A problem with the command line (exit code 2)."""


class RuleError(ValueError):
    """A rule file is invalid; the message names the file and the rule."""


class KindLoadError(RuntimeError):
    """A rule kind (a built-in check module or a plugin's entry point) cannot be imported."""
