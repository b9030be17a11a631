"""Subcommands that live in their own modules (registered from formlint.cli)."""
