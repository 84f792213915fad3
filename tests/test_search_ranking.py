"""The array ranking (wiki.search.whoosh_rank) gives what Whoosh's own collector gives.

The search service ranks with numpy instead of Whoosh's document-at-a-time collector,
for speed. These tests hold it to Whoosh's BM25F: the same pages in the same order with
the same scores on the seeded wiki, the same postings read from the index, ties in
document order, and never a deleted document.
"""

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

from wiki.search import Filters, backend
from wiki.search import whoosh_rank as rank
from wiki.search.queries import read_query
from wiki.search.whoosh_postings import term_postings
from wiki.search.whoosh_query import filter_query

QUERIES = [
    ("ambtelijk vakmanschap", None),
    ("gesprek", None),
    ("dilemma's", None),
    ("leidinggevende tegenspraak", None),
    ("werken vanuit vertrouwen", None),
    ("verantwoording", None),
    ('"wel of niet"', None),
    ("minister of samenleving", None),
    ("kwartelkoning dilemma", None),
    ("gesprek", Filters(kinds=("method",))),
    ("vertrouwen", Filters(principles=("werken-vanuit-vertrouwen",))),
]


def whoosh_ranking(search, query) -> tuple[list[tuple[int, float]], int]:
    """Return Whoosh's own top 10 (page id, score) and total for the backend's query."""
    with search._searcher() as searcher:
        builder = search._builder(searcher)
        limit = filter_query(query.filters)
        _, ranked = builder.text_query(query)
        results = searcher.search(ranked, filter=limit, limit=10)
        if results.is_empty():
            _, ranked = builder.text_query(query, require_all=False)
            results = searcher.search(ranked, filter=limit, limit=10)
        return [(int(hit["page_id"]), hit.score) for hit in results], len(results)


@pytest.mark.parametrize(("text", "filters"), QUERIES, ids=[q for q, _ in QUERIES])
def test_the_top_ten_and_scores_are_whooshs_bm25f(search_app, text, filters):
    with search_app.app_context():
        search = backend()
        query = read_query(text, filters)
        found = search.search(query)
        expected, total = whoosh_ranking(search, query)
    assert [hit.page_id for hit in found.hits] == [page_id for page_id, _ in expected]
    assert [hit.score for hit in found.hits] == pytest.approx([s for _, s in expected], rel=1e-9)
    assert found.total == total


def test_the_comparison_sees_the_order_of_scores(search_app):
    # Negative control: the hits differ in score, so the order above is not just doc order.
    with search_app.app_context():
        scores = [hit.score for hit in backend().search(read_query("gesprek")).hits]
    assert len(scores) == 10
    assert len(set(scores)) > 5


def test_filter_only_results_are_in_whooshs_title_order(search_app):
    with search_app.app_context():
        search = backend()
        query = read_query("", Filters(kinds=("principle", "guide")), per_page=50)
        found = search.search(query)
        with search._searcher() as searcher:
            results = searcher.search(
                wq.Every(), filter=filter_query(query.filters), limit=50, sortedby="title_sort"
            )
            expected = [int(hit["page_id"]) for hit in results]
    assert [hit.page_id for hit in found.hits] == expected
    assert len(expected) > 10


def small_index(pages: int = 300, segments: int = 2):
    """A Whoosh index of numbered pages over several segments, with long posting lists."""
    schema = Schema(number=ID(stored=True, unique=True), body=TEXT, tag=KEYWORD)
    ix = RamStorage().create_index(schema)
    per_segment = pages // segments
    for start in range(0, pages, per_segment):
        writer = ix.writer()
        for n in range(start, start + per_segment):
            words = ["vaak"] * (1 + n % 4) + ["soms"] * (n % 3 == 0) + [f"woord{n % 7}"]
            writer.add_document(
                number=str(n), body=" ".join(words + ["vul"] * (n % 11)), tag=f"t{n % 5}"
            )
        writer.commit(merge=False)
    return ix


def test_the_block_reader_reads_what_whooshs_matcher_reads():
    ix = small_index()
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            for fieldname, text in reader.all_terms():
                docs, weights = term_postings(reader, fieldname, text)
                matcher, expected = reader.postings(fieldname, text), []
                while matcher.is_active():
                    expected.append((matcher.id(), matcher.weight()))
                    matcher.next()
                assert docs.tolist() == [doc for doc, _ in expected], (fieldname, text)
                assert weights.tolist() == [weight for _, weight in expected], (fieldname, text)
        # Multi-block postings are covered: "vaak" is in every page.
        assert searcher.doc_frequency("body", "vaak") > 128 * 2


def test_scores_and_tie_order_match_whooshs_collector():
    ix = small_index()
    query = wq.AndMaybe(wq.Term("body", "vaak"), wq.Or([wq.Term("body", "soms", boost=2.0)]))
    with ix.searcher(weighting=BM25F()) as searcher:
        matched = [
            rank.match(searcher, leaf, offset, query, None)
            for leaf, offset in (searcher.leaf_searchers())
        ]
        mine = rank.best(matched, 40)
        expected = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=40)]
    # Pages with the same counts of "vaak" and "soms" and the same length tie.
    assert [doc for doc, _ in mine] == [doc for doc, _ in expected]
    assert [s for _, s in mine] == pytest.approx([s for _, s in expected], rel=1e-12)
    assert len({s for _, s in mine}) < len(mine)


def test_deleted_documents_are_never_matched_counted_or_returned():
    ix = small_index()
    writer = ix.writer()
    for n in range(0, 300, 2):
        writer.delete_by_term("number", str(n))
    writer.commit(merge=False)
    with ix.searcher(weighting=BM25F()) as searcher:
        assert any(leaf.reader().has_deletions() for leaf, _ in searcher.leaf_searchers())
        matched = [
            rank.match(searcher, leaf, offset, wq.Term("body", "vaak"), wq.Term("tag", "t1"))
            for leaf, offset in searcher.leaf_searchers()
        ]
        numbers = [int(searcher.stored_fields(doc)["number"]) for doc, _ in rank.best(matched, 300)]
        facets = [
            rank.Facet(leaf.reader(), "tag").count(found.mask)
            for (leaf, _), found in zip(searcher.leaf_searchers(), matched, strict=True)
        ]
    odd_with_t1 = [n for n in range(300) if n % 2 and n % 5 == 1]
    assert sorted(numbers) == odd_with_t1
    assert sum(found.total for found in matched) == len(odd_with_t1)
    assert sum(count.get("t1", 0) for count in facets) == len(odd_with_t1)
    # Negative control: before the deletions the even pages matched too.
    assert len(odd_with_t1) < len([n for n in range(300) if n % 5 == 1])


def test_a_segment_without_a_term_matches_nothing():
    ix = small_index()
    with ix.searcher(weighting=BM25F()) as searcher:
        leaf, offset = searcher.leaf_searchers()[0]
        found = rank.match(searcher, leaf, offset, wq.Term("body", "nergens"), None)
    assert found.total == 0
    assert not np.any(found.scores)


@pytest.mark.parametrize("words", [["vaak", "soms"], ["vaak", "vaak", "vaak"], ["soms", "woord3"]])
def test_phrases_match_where_whoosh_finds_the_words_in_order(words):
    ix = small_index()
    phrase = wq.Phrase("body", words)
    with ix.searcher(weighting=BM25F()) as searcher:
        matched = [
            rank.match(searcher, leaf, offset, phrase, None)
            for leaf, offset in searcher.leaf_searchers()
        ]
        mine = rank.best(matched, 300)
        expected = [(hit.docnum, hit.score) for hit in searcher.search(phrase, limit=300)]
    assert expected
    assert [doc for doc, _ in mine] == [doc for doc, _ in expected]
    assert [s for _, s in mine] == pytest.approx([s for _, s in expected], rel=1e-12)


def test_a_phrase_in_the_wrong_order_matches_nothing():
    # Negative control for the test above: "soms" never comes before "vaak".
    ix = small_index()
    with ix.searcher(weighting=BM25F()) as searcher:
        leaf, offset = searcher.leaf_searchers()[0]
        found = rank.match(searcher, leaf, offset, wq.Phrase("body", ["soms", "vaak"]), None)
        both = rank.match(
            searcher, leaf, offset, wq.And([wq.Term("body", "soms"), wq.Term("body", "vaak")]), None
        )
    assert found.total == 0
    assert both.total > 0


def test_an_empty_index_matches_nothing_without_failing():
    ix = RamStorage().create_index(small_index().schema)
    queries = [
        wq.AndMaybe(wq.Term("body", "vaak"), wq.Or([wq.Term("body", "soms")])),
        wq.Phrase("body", ["vaak", "soms"]),
        wq.Every(),
    ]
    with ix.searcher(weighting=BM25F()) as searcher:
        for query in queries:
            matched = [
                rank.match(searcher, leaf, offset, query, wq.Term("tag", "t1"))
                for leaf, offset in searcher.leaf_searchers()
            ]
            assert sum(found.total for found in matched) == 0
            assert rank.best(matched, 10) == []
            assert rank.first_by(searcher, matched, "number", 10) == []
