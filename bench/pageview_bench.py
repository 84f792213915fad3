"""Page-view cost compared with a bare Flask "hello", as ratios, plus SQL queries per view.

Run: .venv/bin/python bench/pageview_bench.py [--requests 2000] [--database-url URL]
Both apps are driven in-process through Flask's test client, so the figures measure the
application (routing, queries, templates) and not a network stack.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import event

from wiki import create_app
from wiki.extensions import db

PAGES = [
    "/",
    "/principes",
    "/principes/werken-vanuit-vertrouwen",
    "/werkvormen",
    "/werkvormen?people=20&minutes=60",
    "/werkvormen/model-van-de-ambtenaar",
    "/dilemmas",
    "/dilemmas/tegenspraak-die-wordt-weggewoven",
    "/gids/vragen-ter-inspiratie",
    "/api/v1/pages/dansende-dilemmas",
]


def timings(client, url: str, n: int) -> list[float]:
    for _ in range(20):
        client.get(url)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        out.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello, World!")
    base = statistics.median(timings(hello.test_client(), "/", args.requests))

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
        queries = []
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(1))
        client = app.test_client()
        print(f"bare Flask hello: median {base * 1e6:.0f} µs per request\n")
        print("| page | p50 ms | p95 ms | p50 ÷ hello | SQL queries |")
        print("|---|---|---|---|---|")
        for page in PAGES:
            client.get(page)  # render and cache once
            queries.clear()
            client.get(page)
            per_view = len(queries)
            values = timings(client, page, args.requests)
            p50, p95 = statistics.median(values), percentile(values, 0.95)
            print(
                f"| `{page}` | {p50 * 1e3:.2f} | {p95 * 1e3:.2f} | {p50 / base:.1f}× | {per_view} |"
            )


if __name__ == "__main__":
    main()
