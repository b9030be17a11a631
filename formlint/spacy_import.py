"""Import spaCy without its command line.

``spacy/__init__.py`` runs ``from .cli.info import info`` for the ``spacy.info()``
helper, and importing ``spacy.cli`` loads every command with typer, weasel, requests and
httpx: a third of ``import spacy`` (0.32 of 1.0 s on the two-core machine), which a cold
run of one small file pays before its first parse. formlint never runs a spaCy command.

So, for the spaCy series formlint is tested with (3.8), two stand-in modules take the
places of ``spacy.cli`` and ``spacy.cli.info`` while spaCy is imported, and leave
``sys.modules`` right after: ``spacy.info()`` still works (it imports the real command on
first use), and so does a later ``import spacy.cli``. With any other spaCy, or if the
import with the stand-ins fails in any way, spaCy is imported the usual way.
tests/test_nlp.py checks both.

For the same reason ``pydantic.v1`` is kept out while spaCy is imported, where confection is
of the series that only looks for it (1.3: "confection doesn't depend on pydantic", it
imports pydantic's v1 layer only to recognise v1 schemas, and spaCy 3.8's schemas are v2):
the v1 layer is 0.03 s of the import. A later ``import pydantic.v1`` works as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from importlib import metadata
from typing import Any

TESTED_SERIES = ("3.8.",)
CONFECTION_SERIES = ("1.3.",)
_STAND_INS = ("spacy.cli.info", "spacy.cli")
_KEPT_OUT = "pydantic.v1"


def import_spacy() -> Any:
    """The ``spacy`` module, imported without ``spacy.cli`` where that is safe."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    if _tested_spacy():
        try:
            return _import_with_stand_ins()
        except Exception:  # noqa: BLE001 - whatever went wrong, the plain import below decides
            for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
                del sys.modules[name]  # a half-imported spaCy must not be reused
    return importlib.import_module("spacy")


def _tested_spacy() -> bool:
    return _version("spacy").startswith(TESTED_SERIES)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _import_with_stand_ins() -> Any:
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("spaCy is not a package here")
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [f"{location}/cli" for location in spec.submodule_search_locations]
    cli.__package__ = "spacy.cli"
    info_module = types.ModuleType("spacy.cli.info")
    info_module.__package__ = "spacy.cli"
    info_module.info = _info  # type: ignore[attr-defined]
    cli.info = info_module  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info_module})
    # None in sys.modules makes an import raise ImportError, which confection catches.
    keep_out = _KEPT_OUT not in sys.modules and "confection" not in sys.modules \
        and _version("confection").startswith(CONFECTION_SERIES)
    if keep_out:
        sys.modules[_KEPT_OUT] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("spacy")
    finally:
        for name in _STAND_INS:
            if sys.modules.get(name) in (cli, info_module):
                del sys.modules[name]
        if keep_out and _KEPT_OUT in sys.modules and sys.modules[_KEPT_OUT] is None:
            del sys.modules[_KEPT_OUT]


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real command, imported when first called."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)
