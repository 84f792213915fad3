"""Build Whoosh queries from a read query: what must match, and how to rank it.

Every text of a page is in `content`, so a word must match there (or, for the title
and tags, at the start of a word: "gesprek" finds "Gesprekskaarten"). Ranking is
BM25F: the words are looked up again in the short heading fields (title, tags,
principle names, values), whose weights put a title above tags and names and those
above the body. A query that is exactly a page's title puts that page first.
"""

from whoosh import query as wq

from wiki.search import Filters, Query
from wiki.search.analysis import fold, fold_phrase
from wiki.search.documents import IndexLayout
from wiki.search.vocabulary import Vocabulary

TITLE_WEIGHT = 6.0
TAG_WEIGHT = 3.0
OWN_FIELD_WEIGHT = 2.5
REF_NAMES_WEIGHT = 2.0
KIND_LABEL_WEIGHT = 2.0
PREFIX_WEIGHT = 1.5
EXACT_TITLE_BOOST = 200.0
# Upper sentinel of a range without a maximum (see whoosh_schema.whoosh_fields).
UNBOUNDED = 1_000_000


def heading_weights(layout: IndexLayout) -> dict[str, float]:
    """Return the short fields that lift a page when a word is in them, with weights."""
    weights = {"title": TITLE_WEIGHT, "tags": TAG_WEIGHT, "kind_label": KIND_LABEL_WEIGHT}
    weights.update({name: OWN_FIELD_WEIGHT for name in layout.own_fields})
    weights.update({f"{kind}_names": REF_NAMES_WEIGHT for kind in layout.ref_kinds})
    return weights


class QueryBuilder:
    """Turns a read Query into Whoosh queries, using the index's own analyzer."""

    def __init__(self, analyzer, layout: IndexLayout, vocabulary: Vocabulary):
        self.analyzer = analyzer
        self.weights = heading_weights(layout)
        self.vocabulary = vocabulary

    def stems(self, text: str) -> list[str]:
        """Return text's query-time terms (folded, stop words out, stemmed)."""
        return [t.text for t in self.analyzer(text, mode="query")]

    def phrase(self, text: str, *, exact: bool = False) -> wq.Query | None:
        """Match every term of text; exact: as a phrase, in that order.

        Only phrases a person quotes are exact: checking word positions on every page
        is the most expensive thing Whoosh does, so synonyms such as "ambtelijk
        vakmanschap" ask for both words, not for the phrase.
        """
        stems = self.stems(text)
        if not stems:
            return None
        if len(stems) == 1:
            return wq.Term("content", stems[0])
        if exact:
            return wq.Phrase("content", stems)
        return wq.And([wq.Term("content", stem) for stem in stems])

    def word(self, words: list[str]) -> wq.Query | None:
        """Match one word (or a synonym phrase of several) with its synonyms and prefixes."""
        text = " ".join(words)
        own = self.phrase(text)
        if own is None:
            # A stop word matches nearly every page, so it asks nothing.
            return None
        options = [own]
        if len(words) == 1 and len(fold(words[0])) >= 3:
            options.append(wq.Term("prefix", fold(words[0])[:24], boost=PREFIX_WEIGHT))
        for synonym in self.vocabulary.synonyms.get(fold_phrase(text), ()):
            options.append(self.phrase(synonym))
        options = [option for option in options if option is not None]
        return wq.Or(options) if len(options) > 1 else own

    def clauses(self, query: Query) -> list[wq.Query]:
        """Return one clause per word (synonym phrases joined) and per quoted phrase."""
        words = list(query.words)
        found, i = [], 0
        longest = self.vocabulary.longest_phrase()
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                if n == 1 or fold_phrase(" ".join(words[i : i + n])) in self.vocabulary.synonyms:
                    clause = self.word(words[i : i + n])
                    if clause is not None:
                        found.append(clause)
                    i += n
                    break
        found += [c for c in (self.phrase(p, exact=True) for p in query.phrases) if c]
        return found

    def text_query(self, query: Query, *, require_all: bool = True) -> tuple[wq.Query, wq.Query]:
        """Return (what must match, how to rank it): every word (or any word), plus boosts.

        The boosts only reorder what matches. Phrase boosts (words in order) were tried
        and dropped: they stop Whoosh from skipping low-scoring blocks and cost more
        than the rest of the query on common words (bench/README.md).
        """
        clauses = self.clauses(query)
        if not clauses:
            return wq.Every(), wq.Every()
        main = wq.And(clauses) if require_all else wq.Or(clauses)
        terms, _ = self.highlight_terms(query)
        boosts = [wq.Term("title_exact", fold_phrase(query.text), boost=EXACT_TITLE_BOOST)]
        boosts += [
            wq.Term(field, stem, boost=weight)
            for stem in sorted(terms)
            for field, weight in self.weights.items()
        ]
        return main, wq.AndMaybe(main, wq.Or(boosts))

    def highlight_terms(self, query: Query) -> tuple[set[str], set[str]]:
        """Return the terms a snippet marks, and the folded words that point to them."""
        terms, words = set(), set()
        for text in [*query.words, *query.phrases]:
            for form in (text, *self.vocabulary.synonyms.get(fold_phrase(text), ())):
                terms.update(self.stems(form))
                words.update(fold_phrase(form).split())
        return terms, words


def filter_query(filters: Filters) -> wq.Query | None:
    """Return the filter: OR within a facet, AND across facets, plus werkvorm facts.

    The werkvorm filters mirror wiki.kinds.method.matches: it fits in N minutes when
    its shortest duration is at most N; it suits N people when N lies within its group
    size; a werkvorm with no figure never matches a filter on that figure.
    """
    parts: list[wq.Query] = []
    for field, values in (
        ("kind", filters.kinds),
        ("ref_principle", filters.principles),
        ("tag", filters.tags),
    ):
        if values:
            parts.append(wq.Or([wq.Term(field, value) for value in values]))
    if filters.is_method_filter():
        parts.append(wq.Term("kind", "method"))
    if filters.minutes is not None:
        parts.append(wq.Term("bounds", "duration.min"))
        parts.append(wq.NumericRange("duration_min", None, filters.minutes))
    if filters.people is not None:
        parts.append(wq.NumericRange("group_size_min", None, filters.people))
        parts.append(wq.NumericRange("group_size_max", filters.people, None))
    if filters.level:
        parts.append(wq.Term("choice_levels", filters.level))
    if filters.setting:
        parts.append(wq.Term("choice_settings", filters.setting))
    if not parts:
        return None
    return wq.And(parts) if len(parts) > 1 else parts[0]
