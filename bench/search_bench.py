"""Search benchmark: indexing time, index size, query latency and update latency per size.

Run: .venv/bin/python bench/search_bench.py --sizes 1000 10000 100000 [--procs 2]

For each size it builds a deterministic corpus of Dutch pages (a word chain trained on
the seed pages, seeded RNG), bulk-loads it into a fresh SQLite database, then measures:
`wiki search rebuild` (sync.rebuild), the index folder's size, the latency of the full
search service (query, facets, page loading, snippets) over varied queries, and the
time `apply_pending()` takes to make one saved change searchable (the segment merge
that follows runs on a background thread and is not part of it). Figures go to stdout
as a markdown table; bench/README.md holds the last run.
"""

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wiki import create_app  # noqa: E402
from wiki.config import PROJECT_ROOT  # noqa: E402
from wiki.extensions import db  # noqa: E402
from wiki.models import Page, Revision, Tag, User, page_tags  # noqa: E402
from wiki.search import Filters, backend, results, sync  # noqa: E402
from wiki.search.documents import plain_text  # noqa: E402
from wiki.services.seed import read_seed  # noqa: E402
from wiki.services.slugs import slugify  # noqa: E402

SEED = 20261124
KIND_SHARE = (("dilemma", 40), ("experience", 25), ("method", 20), ("guide", 15))
WORD = re.compile(r"[\w’'-]+|[.,;:?!]")


class Chain:
    """An order-2 word chain over the seed text: Dutch-looking sentences, reproducible."""

    def __init__(self, texts: list[str]):
        self.next: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.starts: list[tuple[str, str]] = []
        for text in texts:
            words = WORD.findall(text)
            for a, b, c in zip(words, words[1:], words[2:], strict=False):
                self.next[(a, b)].append(c)
                if a == "." and b[:1].isupper():
                    self.starts.append((b, c))

    def sentence(self, rng: random.Random, limit: int = 30) -> str:
        a, b = rng.choice(self.starts)
        out = [a, b]
        while len(out) < limit and b not in ".?!":
            options = self.next.get((a, b))
            if not options:
                break
            a, b = b, rng.choice(options)
            out.append(b)
        return re.sub(r" ([.,;:?!])", r"\1", " ".join(out))

    def text(self, rng: random.Random, words: int) -> str:
        out, count = [], 0
        while count < words:
            sentence = self.sentence(rng)
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)


def corpus(size: int, rng: random.Random):
    """Yield (kind, title, body, fields, tags) for size pages."""
    seeds = read_seed(PROJECT_ROOT / "seed" / "pages")
    chain = Chain([plain_text(s.body) for s in seeds])
    principles = [s.slug for s in seeds if s.kind == "principle"]
    tags = sorted({t for s in seeds for t in s.tags})
    kinds = [k for k, share in KIND_SHARE for _ in range(share)]
    titles: set[str] = set()
    for number in range(size):
        kind = rng.choice(kinds)
        while True:
            title = " ".join(chain.sentence(rng, 6).rstrip(".?!,;:").split()[:6]).capitalize()
            if slugify(title) and slugify(title) not in titles:
                break
            title = f"{title} {number}"
            if slugify(title) not in titles:
                break
        titles.add(slugify(title))
        body = "\n\n".join(chain.text(rng, rng.randint(40, 120)) for _ in range(rng.randint(2, 5)))
        fields = _fields(kind, chain, rng, principles)
        yield kind, title, body, fields, rng.sample(tags, rng.randint(1, 4))


def _fields(kind: str, chain: Chain, rng: random.Random, principles: list[str]) -> dict:
    chosen = rng.sample(principles, rng.randint(1, 2))
    if kind == "dilemma":
        return {
            "situation": chain.text(rng, 60),
            "tension": chain.text(rng, 40),
            "question": "Wat zou jij doen?",
            "principles": chosen,
        }
    if kind == "experience":
        return {"experience_type": "story", "principles": chosen, "insights": chain.text(rng, 60)}
    if kind == "guide":
        return {"order": rng.randint(1, 100)}
    low = rng.choice([15, 30, 45, 60, 90])
    return {
        "tagline": chain.sentence(rng, 14),
        "purpose": chain.text(rng, 60),
        "programme": [
            {
                "title": chain.sentence(rng, 4),
                "minutes": rng.choice([5, 10, 20, 30]),
                "variant": None,
                "description": chain.text(rng, 30),
            }
            for _ in range(rng.randint(2, 5))
        ],
        "duration": {"min": low, "max": low + rng.choice([0, 15, 30, 60])},
        "group_size": {"min": rng.choice([None, 2, 4, 6]), "max": rng.choice([None, 12, 25, 40])},
        "levels": rng.sample(["beginner", "advanced"], rng.randint(1, 2)),
        "settings": rng.sample(["physical", "online", "hybrid"], rng.randint(1, 3)),
        "principles": chosen,
    }


def load(size: int) -> None:
    """Bulk-insert a corpus of size pages, the seven seed principles it refers to and the
    vocabulary page (synonyms and word forms)."""
    rng = random.Random(SEED + size)
    now = datetime.now(UTC)
    author = db.session.scalar(
        insert(User)
        .returning(User.id)
        .values(
            username="bench", display_name="Bench", role="editor", is_system=True, created_at=now
        )
    )
    seeds = [
        s
        for s in read_seed(PROJECT_ROOT / "seed" / "pages")
        if s.kind == "principle" or s.slug == "zoekwoordenlijst"
    ]
    rows = [(s.kind, s.title, s.body, s.fields, s.tags) for s in seeds]
    tag_ids: dict[str, int] = {}
    pages, revisions, links = [], [], []
    items = list(rows) + list(corpus(size, rng))
    for number, (kind, title, body, fields, tags) in enumerate(items, start=1):
        pages.append(
            {
                "id": number,
                "kind": kind,
                "slug": slugify(title),
                "title": title,
                "is_hidden": False,
                "is_protected": False,
                "created_at": now,
                "updated_at": now,
            }
        )
        revisions.append(
            {
                "id": number,
                "page_id": number,
                "parent_id": None,
                "title": title,
                "body": body,
                "fields": fields,
                "tags": tags,
                "summary": "",
                "author_id": author,
                "created_at": now,
                "size": len(body),
            }
        )
        for tag in tags:
            tag_ids.setdefault(tag, len(tag_ids) + 1)
            links.append({"page_id": number, "tag_id": tag_ids[tag]})
    db.session.execute(insert(Tag), [{"id": i, "name": t, "key": t} for t, i in tag_ids.items()])
    for start in range(0, len(pages), 5000):
        db.session.execute(insert(Page), pages[start : start + 5000])
        db.session.execute(insert(Revision), revisions[start : start + 5000])
    db.session.execute(insert(page_tags), links)
    db.session.execute(update(Page).values(current_revision_id=Page.id))
    db.session.commit()


QUERIES = [
    ("gesprek", None),
    ("ambtenaar", None),
    ("dilemma's", None),
    ("dilemmas", None),
    ("principe", None),
    ("tegenspraak", None),
    ("buikpijn", None),
    ("casuïstiek", None),
    ("verantwoording", None),
    ("verantwoordelijkheid", None),
    ("dienstbaarheid", None),
    ("menselijke maat", None),
    ('"menselijke maat"', None),
    ('"wel of niet"', None),
    ("werkvorm 20 deelnemers een uur", None),
    ("dillema", None),
    ("vakmanschap", None),
    ("integriteit", None),
    ("journalist", None),
    ("leidinggevende", None),
    ("AV", None),
    ("rode draden", None),
    ("response canvas", None),
    ("facilitator", None),
    ("startkit gesprek voeren", None),
    ("hoofd hart handen buik voeten", None),
    ("lijnopstelling", None),
    ("TMG-leden", None),
    ("opgaven", None),
    ("collega's", None),
    ("grenzeloos samenwerken", None),
    ("onafhankelijkheid", None),
    ("krantenartikel", None),
    ("wakker liggen van een dossier", None),
    ("uitnodiging", None),
    ("rechtmatig", None),
    ("gesprek", Filters(kinds=("method",))),
    ("dilemma", Filters(kinds=("dilemma",))),
    ("vertrouwen", Filters(principles=("werken-vanuit-vertrouwen",))),
    ("gesprek", Filters(tags=("startkit",))),
    ("", Filters(minutes=60, people=20)),
    ("", Filters(kinds=("method",), level="beginner", setting="online")),
    ("ambtenaar", Filters(kinds=("dilemma", "experience"), tags=("regels",))),
    ("samenleving minister", None),
    ("beleid uitvoering", None),
    ("fouten", None),
    ("xylofoon", None),
    ("gesprekskaarten", None),
    ("Werken vanuit vertrouwen", None),
    ("in gesprek over ambtelijk vakmanschap", None),
    ("verhalen", None),
    ("ervaring", None),
    ("programma", Filters(kinds=("method",), minutes=45)),
    ("manager", None),
]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(size: int, procs: int, rounds: int, saves: int) -> dict:
    """Build, index and measure one corpus in a temporary folder (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix=f"search-bench-{size}-") as work:
        return _measure(Path(work), size, procs, rounds, saves)


def _measure(work: Path, size: int, procs: int, rounds: int, saves: int) -> dict:
    app = create_app(
        {
            "INSTANCE_PATH": str(work / "instance"),
            "DATABASE_URL": f"sqlite:///{work}/wiki.sqlite",
            "SECRET_KEY": "bench",
            "SEARCH_INDEX_DIR": str(work / "index"),
            "AUTO_SETUP": False,
        }
    )
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        load(size)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        count = sync.rebuild(procs=procs)
        indexing = time.perf_counter() - started
        index_bytes = folder_size(work / "index")
        latencies = []
        for q, filters in QUERIES:  # warm-up: caches, facet sets
            results.search(q, filters)
        for _ in range(rounds):
            for q, filters in QUERIES:
                started = time.perf_counter()
                found = results.search(q, filters)
                latencies.append(time.perf_counter() - started)
                assert found.total >= 0
        updates = []
        rng = random.Random(SEED)
        ids = list(db.session.scalars(select(Page.id).where(Page.kind == "dilemma")))
        for number in range(saves):
            # An editor saves now and then: the previous save's background merge is done.
            backend().wait_for_merge()
            page = db.session.get(Page, rng.choice(ids))
            head = db.session.get(Revision, page.current_revision_id)
            revision = Revision(
                page_id=page.id,
                parent_id=head.id,
                title=head.title,
                body=head.body + f"\n\nAanvulling {number}: een nieuwe zin.",
                fields=head.fields,
                tags=head.tags,
                summary="bench",
                size=head.size,
            )
            db.session.add(revision)
            db.session.flush()
            page.current_revision_id = revision.id
            sync.record(page)
            db.session.commit()
            started = time.perf_counter()
            sync.apply_pending()
            updates.append(time.perf_counter() - started)
        report = sync.check()
        assert report.ok, report
        backend().wait_for_merge()
        db.engine.dispose()
    return {
        "size": size,
        "indexed": count,
        "load_s": loaded,
        "index_s": indexing,
        "index_mb": index_bytes / 1e6,
        "queries": len(latencies),
        "q50": percentile(latencies, 0.5) * 1000,
        "q95": percentile(latencies, 0.95) * 1000,
        "u50": percentile(updates, 0.5) * 1000,
        "u95": percentile(updates, 0.95) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--procs", type=int, default=1, help="indexing processes for rebuild")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query list")
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    print(
        f"{len(QUERIES)} queries × {args.rounds} rounds, {args.saves} saves, procs={args.procs}",
        flush=True,
    )
    print(
        "| pages | indexing s | index MB | query p50 ms | query p95 ms "
        "| update p50 ms | update p95 ms | load avg |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        r = measure(size, args.procs, args.rounds, args.saves)
        # Other work on the machine inflates every figure; the 1-minute load says how much.
        load = os.getloadavg()[0]
        print(
            f"| {r['size']:,} | {r['index_s']:.1f} | {r['index_mb']:.1f} | {r['q50']:.1f} "
            f"| {r['q95']:.1f} | {r['u50']:.1f} | {r['u95']:.1f} | {load:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
