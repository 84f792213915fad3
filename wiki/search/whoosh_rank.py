"""Match, score and count Whoosh queries a segment at a time, as numpy arrays.

Whoosh's collector scores one matching document at a time in Python. A query of common
words matches most pages ("in gesprek over ambtelijk vakmanschap": 98 % of them); at
10,000 pages that took 100 of the 130 ms such a query cost, at 100,000 pages about a
second (profiles in bench/README.md). Here each term's postings are read whole
(whoosh_postings.py), the term's BM25F contribution is computed for all of them at once,
and a document's score is the sum over the terms that match it, as Whoosh's matcher
tree sums them. The statistics are Whoosh's own (idf, average field length, each
document's field length as the index stores it, in one byte), so the scores are
Whoosh's to the last bit or two. Matching is a boolean mask per segment; the top N comes
from `numpy.partition`, facet counts from `numpy.bincount` over facet postings cached
per segment, quoted phrases from lining up the words' positions.

Whoosh stays the index format, the analysis, the writing, highlighting and the spelling
corrector; only its query-time matchers and collector are replaced. Tests compare the
results with Whoosh's own.
"""

import heapq
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

from wiki.search.whoosh_postings import NONE, term_positions, term_postings

# Field length of each length byte, as Whoosh decodes it.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Document numbers times this, plus a position, make one sortable key.
_POSITION_RANGE = 1 << 32


@dataclass
class Matches:
    """What matches in one segment: a mask over its documents, and their scores."""

    offset: int
    mask: np.ndarray
    scores: np.ndarray

    @property
    def total(self) -> int:
        return int(np.count_nonzero(self.mask))


def match(searcher, leaf, offset: int, query: wq.Query, limit: wq.Query | None) -> Matches:
    """Return what query matches in the segment of leaf, within limit, without deletions."""
    segment = _Segment(searcher, leaf)
    mask, scores = segment.evaluate(query)
    if limit is not None:
        mask &= segment.evaluate(limit)[0]
    reader = leaf.reader()
    if reader.has_deletions():
        mask[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
    return Matches(offset, mask, scores)


def best(matched: list[Matches], end: int) -> list[tuple[int, float]]:
    """Return the first end (document number, score) pairs: highest score, then lowest number."""
    docs, scores = [], []
    for found in matched:
        numbers = np.flatnonzero(found.mask)
        values = found.scores[numbers]
        if len(values) > end:
            # Keep all that tie with the end-th score, for the tie-break on numbers.
            threshold = np.partition(values, len(values) - end)[len(values) - end]
            keep = values >= threshold
            numbers, values = numbers[keep], values[keep]
        docs.append(numbers + found.offset)
        scores.append(values)
    docs, scores = np.concatenate(docs), np.concatenate(scores)
    order = np.lexsort((docs, -scores))[:end]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


def first_by(searcher, matched: list[Matches], fieldname: str, end: int) -> list[int]:
    """Return the first end matching document numbers in the order of fieldname's column."""
    keyed = []
    for (leaf, _), found in zip(searcher.leaf_searchers(), matched, strict=True):
        docs = np.flatnonzero(found.mask).tolist()
        if docs:
            column = leaf.reader().column_reader(fieldname)
            keyed += [(column.sort_key(doc), found.offset + doc) for doc in docs]
    return [doc for _, doc in heapq.nsmallest(end, keyed)]


class Facet:
    """Which documents of one segment have which value of a facet field, for counting."""

    def __init__(self, reader, fieldname: str):
        self.values = list(reader.field_terms(fieldname))
        postings = [term_postings(reader, fieldname, value)[0] for value in self.values]
        self.docs = np.concatenate([NONE[0], *postings])
        self.value_numbers = np.repeat(np.arange(len(postings)), [len(p) for p in postings])

    def count(self, mask: np.ndarray) -> dict[str, int]:
        """Return value → how many documents in mask have it (values with none left out)."""
        counts = np.bincount(self.value_numbers[mask[self.docs]], minlength=len(self.values))
        return {self.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}


class _Segment:
    """Evaluates Whoosh queries in one segment: a mask of matches and their scores."""

    def __init__(self, searcher, leaf):
        self.searcher = searcher
        self.reader = leaf.reader()
        self.leaf = leaf
        self.size = self.reader.doc_count_all()
        self.model = searcher.weighting
        self._lengths: dict[str, np.ndarray] = {}

    def evaluate(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """Return (mask, scores) of query; scores are 0 outside the mask."""
        if isinstance(query, wq.Term | wq.Or):
            mask, scores = self._union(query.subqueries if isinstance(query, wq.Or) else [query])
        elif isinstance(query, wq.And):
            mask, scores = self._intersection(query.subqueries)
        elif isinstance(query, wq.AndMaybe):
            mask, scores = self.evaluate(query.a)
            scores += self.evaluate(query.b)[1] * mask
        elif isinstance(query, wq.Phrase):
            # As in Whoosh, a phrase scores the sum of its words' scores.
            words = [wq.Term(query.fieldname, word) for word in query.words]
            mask, scores = self._intersection(words)
            mask = self._phrase(query, mask)
            scores *= mask * query.boost
        else:
            return self._unscored(query), np.zeros(self.size)
        # Whoosh applies a compound's boost only when it has more than one part.
        if isinstance(query, wq.CompoundQuery) and len(query.subqueries) > 1:
            scores *= query.boost
        return mask, scores

    def _unscored(self, query: wq.Query) -> np.ndarray:
        """Return what a filter-only query (everything, a range, …) matches."""
        if isinstance(query, wq.Every) and not query.fieldname:
            return np.ones(self.size, dtype=bool)
        if isinstance(query, wq.NumericRange):
            # Whoosh spells a numeric range as ranges of its encoded terms.
            return self.evaluate(query.simplify(self.reader))[0]
        if isinstance(query, wq.ConstantScoreQuery):
            return self.evaluate(query.child)[0]
        if isinstance(query, wq.MultiTerm):
            terms = [wq.Term(field, text) for field, text in query.expanded_terms(self.reader)]
            return self._union(terms)[0]
        return self._mask(query.docs(self.leaf))

    def _union(self, queries: list[wq.Query]) -> tuple[np.ndarray, np.ndarray]:
        mask, scores = np.zeros(self.size, dtype=bool), np.zeros(self.size)
        for query in queries:
            if isinstance(query, wq.Term):
                docs, weights = term_postings(self.reader, query.fieldname, query.text)
                if not len(docs):  # as Whoosh, score no term that is not there (idf fails)
                    continue
                mask[docs] = True
                scores[docs] += query.boost * self._score(
                    query.fieldname, query.text, docs, weights
                )
            else:
                part_mask, part_scores = self.evaluate(query)
                mask |= part_mask
                scores += part_scores
        return mask, scores

    def _intersection(self, queries: list[wq.Query]) -> tuple[np.ndarray, np.ndarray]:
        mask, scores = self.evaluate(queries[0])
        for query in queries[1:]:
            part_mask, part_scores = self.evaluate(query)
            mask &= part_mask
            scores += part_scores
        scores *= mask
        return mask, scores

    def _phrase(self, query: wq.Phrase, candidates: np.ndarray) -> np.ndarray:
        """Return the candidates where the phrase's words stand next to each other, in order."""
        if not candidates.any():
            return candidates
        if query.slop != 1:
            return candidates & self._mask(query.docs(self.leaf))
        # Rarest word first; each word then only needs reading where the phrase still can be.
        words = sorted(
            enumerate(query.words),
            key=lambda item: self.reader.doc_frequency(query.fieldname, item[1]),
        )
        starts = None
        for offset, word in words:
            docs, positions = term_positions(self.reader, query.fieldname, word, candidates)
            # Where a phrase starting at (document, position) would have this word.
            keys = docs * _POSITION_RANGE + positions - offset
            starts = keys if starts is None else np.intersect1d(starts, keys)
            candidates = self._mask(starts // _POSITION_RANGE)
        return candidates

    def _mask(self, docs) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[np.fromiter(docs, dtype=np.int64)] = True
        return mask

    def _score(self, fieldname: str, text: str, docs: np.ndarray, weights: np.ndarray):
        """Return Whoosh's BM25F score of the term for each of docs (whoosh.scoring.bm25)."""
        if not self.searcher.schema[fieldname].scorable:
            return weights
        idf = self.searcher.idf(fieldname, text)
        average = self.searcher.avg_field_length(fieldname) or 1
        b = self.model._field_B.get(fieldname, self.model.B)
        k1 = self.model.K1
        lengths = self._field_lengths(fieldname, docs)
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))

    def _field_lengths(self, fieldname: str, docs: np.ndarray) -> np.ndarray:
        """Return the field's length in each of docs, from the segment's length column."""
        if fieldname not in self._lengths:
            name = f"_{fieldname}_len"
            perdoc = self.reader._perdoc
            stored = np.zeros(0, dtype=np.uint8)
            if perdoc.has_column(name):
                column = perdoc.column_reader(name, LENGTHS_COLUMN)
                raw = column._dbfile.get(column._basepos, column._count)
                stored = np.frombuffer(raw, dtype=np.uint8)
            if len(stored) < self.size:  # documents after the last with the field have none
                stored = np.concatenate([stored, np.zeros(self.size - len(stored), np.uint8)])
            self._lengths[fieldname] = stored
        return _LENGTH_OF_BYTE[self._lengths[fieldname][docs]]
