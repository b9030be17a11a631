"""formlint: plain-language, accessibility and burden linter for government forms."""

__version__ = "0.1.0"
