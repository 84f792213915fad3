"""Save latency, and history and diff view latency on a page with 1,000 revisions.

Run: .venv/bin/python bench/edit_bench.py [--database-url URL] [--saves 1000]
Without --database-url it uses a fresh SQLite file; with a PostgreSQL URL it creates
and drops its own database next to the one named. Saves go through the JSON API with
Flask's test client with a personal token (authentication, parsing, validation, the
save service, commit, and the search-index update that follows), each on the current
revision, the way an editor saves.
"""

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from wiki import create_app
from wiki.extensions import db
from wiki.services import accounts


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def row(name: str, values: list[float]) -> str:
    p50, p95 = statistics.median(values) * 1e3, percentile(values, 0.95) * 1e3
    return f"| {name} | {len(values)} | {p50:.1f} | {p95:.1f} |"


def run(url: str, saves: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
        client = app.test_client()
        with app.app_context():
            user = accounts.register(name="Bench", email="bench@minbzk.nl", password="b" * 12)
            client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {accounts.create_token(user)[1]}"
        created = client.post(
            "/api/v1/pages",
            json={"kind": "guide", "title": "Benchmarkpagina", "markdown": "Begin.\n"},
        ).json
        slug, base = created["slug"], created["revision_id"]
        paragraphs = [f"Alinea {i} over ambtelijk vakmanschap en tegenspraak." for i in range(40)]

        def save(counter=[0]):  # noqa: B006 (a counter shared by the calls)
            nonlocal base
            counter[0] += 1
            paragraphs[counter[0] % 40] = f"Alinea {counter[0]}: gewijzigd."
            answer = client.patch(
                f"/api/v1/pages/{slug}",
                json={"base_revision": base, "markdown": "\n\n".join(paragraphs), "summary": "b"},
            )
            assert answer.status_code == 200, answer.json
            base = answer.json["revision_id"]

        save_times = timed(save, saves - 1)
        revisions = client.get(f"/api/v1/pages/{slug}/revisions").json
        first = revisions["revisions"][-1]["id"]
        print(f"\n{make_url(url).get_backend_name()}: {revisions['total']} revisions\n")
        print("| action | n | p50 ms | p95 ms |")
        print("|---|---|---|---|")
        print(row("save (PATCH, on the current revision)", save_times))
        print(
            row(
                "history, first page (50 of 1,000)",
                timed(lambda: client.get(f"/gids/{slug}/geschiedenis"), 200),
            )
        )
        print(
            row(
                "history, last page",
                timed(lambda: client.get(f"/gids/{slug}/geschiedenis?pagina=20"), 200),
            )
        )
        print(
            row(
                "diff, last change (inline)",
                timed(lambda: client.get(f"/gids/{slug}/verschil"), 200),
            )
        )
        print(
            row(
                "diff, first to last (side by side)",
                timed(
                    lambda: client.get(
                        f"/gids/{slug}/verschil?van={first}&naar={base}&weergave=naast"
                    ),
                    200,
                ),
            )
        )
        with app.app_context():
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--saves", type=int, default=1000)
    args = parser.parse_args()
    if not args.database_url:
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args.saves)
        return
    admin = create_engine(
        args.database_url.replace("postgresql://", "postgresql+psycopg://"),
        isolation_level="AUTOCOMMIT",
    )
    name = f"wiki_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        run(make_url(args.database_url).set(database=name).render_as_string(False), args.saves)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
