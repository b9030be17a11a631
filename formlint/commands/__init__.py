"""Subcommands of the ``formlint`` command line, one module each, registered in formlint/cli.py."""
