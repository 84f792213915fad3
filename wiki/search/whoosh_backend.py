"""The Whoosh search backend: schema, an index folder with atomic swaps, search and writes.

The index folder holds generations (gen-<id>/) and a file CURRENT naming the live one.
A rebuild writes a new generation beside the live one and replaces CURRENT in one
rename, so searches never see half an index. Each generation keeps the revision of the
vocabulary page it was built with (vocabulary.json): its word forms are in the
analyzer Whoosh stores with the schema, its synonyms are read from that file, so
queries are always read with the vocabulary their index was built with.

Every write takes write.lock (a file lock across processes) with a timeout; a write
that cannot get it raises SearchUnavailable and the caller keeps its pending work for
later. A rebuild also holds rebuild.lock, which makes writes give up at once: what they
would write to the old generation is covered by the rebuild or applied after it.
"""

import fcntl
import json
import logging
import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from whoosh import highlight, index
from whoosh import query as wq
from whoosh.scoring import BM25F

from wiki.search import BackendResult, IndexInfo, Query, RawHit, SearchUnavailable, Suggestion
from wiki.search import whoosh_rank as rank
from wiki.search.analysis import fold, lower_word, query_words
from wiki.search.documents import layout
from wiki.search.vocabulary import EMPTY, Vocabulary, VocabularyError, VocabularySource
from wiki.search.whoosh_query import QueryBuilder, filter_query
from wiki.search.whoosh_schema import build_schema, signature, whoosh_fields

log = logging.getLogger(__name__)

POINTER = "CURRENT"
LOCK = "write.lock"
REBUILD_LOCK = "rebuild.lock"
VOCABULARY_FILE = "vocabulary.json"
FACETS = {"kind": "kind", "principle": "ref_principle", "tag": "tag"}
# Below this many hits the search also offers a spelling suggestion.
FEW_HITS = 3


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _quick_fold(text: str) -> str:
    # C-speed folding for finding candidate sentences; the analyzer decides the marks.
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _shorten(text: str, limit: int = 200) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


class MarkFormatter(highlight.Formatter):
    """Escape the text and wrap matches in <mark>: only the marks are HTML."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


@dataclass(frozen=True)
class Generation:
    """One opened index generation and the vocabulary it was built with."""

    index: index.Index
    source: VocabularySource
    vocabulary: Vocabulary


def _read_source(path: Path) -> VocabularySource:
    try:
        data = json.loads((path / VOCABULARY_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return VocabularySource()
    return VocabularySource(data.get("revision_id"), data.get("text", ""))


def _parse(source: VocabularySource) -> Vocabulary:
    try:
        return source.parse()
    except VocabularyError as error:  # checked when saved; an old index may predate that
        log.warning("Vocabulary revision %s cannot be read: %s", source.revision_id, error)
        return EMPTY


class WhooshBackend:
    """Search and write one on-disk Whoosh index (see the module docstring)."""

    def __init__(self, directory: str, *, write_timeout: float = 10.0):
        self.root = Path(directory)
        self.layout = layout()
        self.write_timeout = write_timeout
        self._local = threading.local()
        self._generations: dict[Path, Generation] = {}
        self._facet_sets: dict[tuple, dict] = {}
        self._merger: threading.Thread | None = None

    # Reading -------------------------------------------------------------------------

    def _generation(self) -> Path:
        try:
            name = (self.root / POINTER).read_text().strip()
        except OSError:
            raise SearchUnavailable() from None
        return self.root / name

    def _open(self, path: Path) -> Generation:
        if path not in self._generations:
            source = _read_source(path)
            opened = Generation(index.open_dir(str(path)), source, _parse(source))
            self._generations = {path: opened}
        return self._generations[path]

    def _index(self, path: Path) -> index.Index:
        return self._open(path).index

    @contextmanager
    def _searcher(self) -> Iterator:
        """Yield an up-to-date searcher of the live generation, kept per thread."""
        try:
            path = self._generation()
            cached = getattr(self._local, "searcher", None)
            if cached and cached[0] == path and cached[1].up_to_date():
                searcher, vocabulary = cached[1], cached[2]
            else:
                # Not Searcher.refresh(): whoosh3 3.54 reuses segment readers there and
                # misses deletions made since, so a hidden page would still count.
                if cached:
                    cached[1].close()
                generation = self._open(path)
                searcher = generation.index.searcher(weighting=BM25F())
                vocabulary = generation.vocabulary
            self._local.searcher = (path, searcher, vocabulary)
        except SearchUnavailable:
            raise
        except Exception as error:  # a missing or corrupt index can fail in many ways
            self._local.searcher = None
            self._generations = {}
            log.warning("Search index at %s cannot be read: %r", self.root, error)
            raise SearchUnavailable() from error
        try:
            yield searcher
        except (OSError, EOFError) as error:
            self._local.searcher = None
            log.warning("Search index at %s failed while reading: %r", self.root, error)
            raise SearchUnavailable() from error

    def _builder(self, searcher) -> QueryBuilder:
        # The analyzer stored with the index and the synonyms it was built with, so
        # queries are read as its pages were.
        vocabulary = self._local.searcher[2]
        return QueryBuilder(searcher.schema["content"].analyzer, self.layout, vocabulary)

    def search(self, query: Query) -> BackendResult:
        """Run query: a page of hits, the total, facet counts, maybe a suggestion."""
        with self._searcher() as searcher:
            builder = self._builder(searcher)
            limit = filter_query(query.filters)
            _, ranked = builder.text_query(query)
            matched = self._matching(searcher, ranked, limit)
            any_word = False
            if not any(m.total for m in matched) and len(builder.clauses(query)) > 1:
                _, ranked = builder.text_query(query, require_all=False)
                matched = self._matching(searcher, ranked, limit)
                any_word = any(m.total for m in matched)
            total = sum(m.total for m in matched)
            terms, words = builder.highlight_terms(query)
            return BackendResult(
                hits=self._hits(searcher, matched, ranked, query) if total else [],
                total=total,
                facets=self._count_facets(searcher, matched),
                suggestion=self._spelling(searcher, query) if total < FEW_HITS else None,
                any_word=any_word,
                terms=frozenset(terms),
                words=frozenset(words),
            )

    def _matching(self, searcher, ranked, limit) -> list[rank.Matches]:
        """Return the matching documents and their scores per segment (see whoosh_rank)."""
        return [
            rank.match(searcher, leaf, offset, ranked, limit)
            for leaf, offset in searcher.leaf_searchers()
        ]

    def _hits(self, searcher, matched, ranked, query: Query) -> list[RawHit]:
        end = query.page * query.per_page
        if isinstance(ranked, wq.Every):
            # Nothing to rank (only filters): alphabetical by title.
            found = [(doc, 0.0) for doc in rank.first_by(searcher, matched, "title_sort", end)]
        else:
            found = rank.best(matched, end)
        hits = []
        for docnum, score in found[end - query.per_page : end]:
            doc = searcher.stored_fields(docnum)
            hits.append(RawHit(int(doc["page_id"]), doc["slug"], doc["title"], doc["kind"], score))
        return hits

    @staticmethod
    def _segment_key(leaf) -> tuple:
        segment = leaf.reader().segment()
        return (segment.segment_id() if segment else id(leaf), leaf.doc_count_all())

    def _leaf_facets(self, leaf) -> dict[str, rank.Facet]:
        """Return the facets of one segment, cached per segment."""
        key = self._segment_key(leaf)
        if key not in self._facet_sets:
            reader = leaf.reader()
            self._facet_sets[key] = {
                name: rank.Facet(reader, field) for name, field in FACETS.items()
            }
        return self._facet_sets[key]

    def _count_facets(self, searcher, matched: list[rank.Matches]) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        live = set()
        for (leaf, _), found in zip(searcher.leaf_searchers(), matched, strict=True):
            facets = self._leaf_facets(leaf)
            live.add(self._segment_key(leaf))
            if not found.total:
                continue
            for name, facet in facets.items():
                for value, hits in facet.count(found.mask).items():
                    counts[name][value] = counts[name].get(value, 0) + hits
        if len(self._facet_sets) > 4 * len(live) + 8:
            self._facet_sets = {k: v for k, v in self._facet_sets.items() if k in live}
        return counts

    def _spelling(self, searcher, query: Query) -> str | None:
        """Return the query with unknown words replaced by the nearest indexed ones.

        A word is known when its analysed form is on some page ("casuistiek" is, as
        "casuïstiek"); a suggestion is spelled as the pages spell it.
        """
        corrector = searcher.corrector("spell")
        builder = self._builder(searcher)
        text, changed = query.text, False
        for word in query.words:
            folded = fold(word)
            if len(folded) < 4 or not folded.isalpha():
                continue
            if any(searcher.doc_frequency("content", stem) for stem in builder.stems(word)):
                continue
            options = corrector.suggest(lower_word(word), limit=1, maxdist=2, prefix=1)
            if options and fold(options[0]) != folded:
                text = text.replace(word, options[0], 1)
                changed = True
        return text if changed else None

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Return titles whose words begin like the words of text (search as you type)."""
        words = [fold(w)[:24] for w in query_words(text)]
        words = [w for w in words if len(w) >= 2]
        if not words:
            return []
        with self._searcher() as searcher:
            results = searcher.search(wq.And([wq.Term("prefix", w) for w in words]), limit=limit)
            return [Suggestion(hit["title"], hit["slug"], hit["kind"]) for hit in results]

    def snippet(self, text: str, terms: frozenset[str], words: frozenset[str]) -> str:
        """Return a short HTML-safe extract of text with terms marked.

        Only the few sentences that contain a query word (found by a cheap folded
        substring test) go through the analyzer, so long pages cost no more than short.
        """
        text = unicodedata.normalize("NFC", text)
        sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
        needles = [w for w in {*words, *terms} if len(w) >= 3]
        scored = [
            (sum(needle in _quick_fold(s) for needle in needles), -i, s)
            for i, s in enumerate(sentences)
        ]
        best = sorted(score for score in scored if score[0])[-2:]
        chosen = [s for _, _, s in sorted(best, key=lambda b: -b[1])] or sentences[:1]
        with self._searcher() as searcher:
            analyzer = searcher.schema["content"].analyzer
        fragmenter = highlight.ContextFragmenter(maxchars=200, surround=60)
        pieces = []
        for sentence in chosen:
            html = highlight.highlight(
                sentence, terms, analyzer, fragmenter, MarkFormatter(), top=1
            )
            pieces.append(html or str(escape(_shorten(sentence))))
        return Markup(" … ".join(pieces))

    def indexed_revisions(self) -> dict[int, int]:
        """Return page id → indexed revision id for every page in the index."""
        with self._searcher() as searcher:
            return {
                int(fields["page_id"]): int(fields["revision_id"])
                for fields in searcher.all_stored_fields()
            }

    def page_count(self) -> int:
        """Return how many pages the index holds; raise SearchUnavailable without one."""
        with self._searcher() as searcher:
            return searcher.doc_count()

    def info(self) -> IndexInfo:
        """Return the live generation's vocabulary revision and whether its schema is today's."""
        with self._searcher() as searcher:
            path, _, vocabulary = self._local.searcher
            source = self._open(path).source
            wanted = build_schema(vocabulary, self.layout)
            return IndexInfo(
                vocabulary_revision=source.revision_id,
                schema_current=signature(searcher.schema) == signature(wanted),
            )

    def rebuilding(self) -> bool:
        """Tell whether a rebuild is running (in any process)."""
        return self._is_locked(REBUILD_LOCK)

    def _is_locked(self, name: str) -> bool:
        try:
            with open(self.root / name, "a+") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(handle, fcntl.LOCK_UN)
                return False
        except FileNotFoundError:  # no index folder yet
            return False

    # Writing -------------------------------------------------------------------------

    @contextmanager
    def _write_lock(
        self, timeout: float | None, *, name: str = LOCK, yield_to_rebuild: bool = False
    ) -> Iterator[None]:
        """Hold a lock file, waiting at most timeout seconds (None: as long as it takes).

        yield_to_rebuild: give up at once while a rebuild runs, as page writes do.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / name, "a+") as handle:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                if yield_to_rebuild and self.rebuilding():
                    raise SearchUnavailable("De zoekindex wordt opnieuw opgebouwd.")
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise SearchUnavailable("De zoekindex is bezet.") from None
                    time.sleep(0.01)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def update(self, load: Callable[[], tuple[list[dict], list[int]]], *, timeout: float) -> None:
        """Under the write lock, write load()'s documents and drop its removed page ids.

        load runs once the lock is held, so what it reads is never older than what an
        earlier writer wrote. Raises SearchUnavailable when the lock stays busy for
        timeout seconds or the index is missing or unreadable.
        """
        if not (self.root / POINTER).exists():
            raise SearchUnavailable()
        with self._write_lock(timeout, yield_to_rebuild=True):
            path = self._generation()
            try:
                writer = self._index(path).writer(timeout=timeout)
            except Exception as error:
                self._generations = {}
                raise SearchUnavailable() from error
            try:
                documents, removed = load()
                for doc in documents:
                    writer.update_document(**whoosh_fields(doc, self.layout))
                for page_id in removed:
                    writer.delete_by_term("page_id", str(page_id))
                # Merging segments is left to _merge_soon, off the save's path.
                writer.commit(merge=False)
            except BaseException:
                writer.cancel()
                raise
            # A rebuild may have swapped generations under a writer of another process.
            if self._generation() != path:
                raise SearchUnavailable()
        self._merge_soon(path)

    def _merge_soon(self, path: Path) -> None:
        """Merge small segments on a background thread, so a save does not wait for it."""
        if self._merger is not None and self._merger.is_alive():
            return
        self._merger = threading.Thread(
            target=self._merge, args=(path,), name="search-merge", daemon=True
        )
        self._merger.start()

    def _merge(self, path: Path) -> None:
        try:
            with self._write_lock(self.write_timeout):
                if self._generation() == path:
                    # An empty commit applies Whoosh's merge policy (MERGE_SMALL).
                    self._index(path).writer().commit()
        except Exception as error:  # the next save or rebuild merges instead
            log.info("Search index merge skipped: %r", error)

    def wait_for_merge(self) -> None:
        """Wait until a background merge has finished (tests, benchmarks, shutdown)."""
        if self._merger is not None:
            self._merger.join()

    def rebuild(
        self,
        documents: Iterable[dict],
        *,
        vocabulary: VocabularySource,
        procs: int = 1,
        wait: bool = True,
    ) -> int:
        """Build a new generation from documents, swap it in, return the page count.

        wait=False: raise SearchUnavailable at once when another rebuild runs.
        """
        schema = build_schema(vocabulary.parse(), self.layout)
        with (
            self._write_lock(None if wait else 0, name=REBUILD_LOCK),
            self._write_lock(None),
        ):
            path = self.root / f"gen-{uuid.uuid4().hex[:12]}"
            path.mkdir()
            count = 0
            try:
                (path / VOCABULARY_FILE).write_text(
                    json.dumps({"revision_id": vocabulary.revision_id, "text": vocabulary.text}),
                    encoding="utf-8",
                )
                ix = index.create_in(str(path), schema)
                options = {"procs": procs, "multisegment": True} if procs > 1 else {}
                writer = ix.writer(limitmb=256, **options)
                for doc in documents:
                    writer.add_document(**whoosh_fields(doc, self.layout))
                    count += 1
                writer.commit()
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._swap(path)
        return count

    def _swap(self, path: Path) -> None:
        """Point CURRENT at path in one rename; keep the previous generation, drop older."""
        pointer = self.root / POINTER
        previous = pointer.read_text().strip() if pointer.exists() else ""
        temporary = self.root / f"{POINTER}.{uuid.uuid4().hex[:8]}"
        temporary.write_text(path.name)
        os.replace(temporary, pointer)
        for old in self.root.glob("gen-*"):
            if old.name not in (path.name, previous):
                shutil.rmtree(old, ignore_errors=True)
        self._generations = {}
        self._facet_sets = {}
