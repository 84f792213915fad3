"""Schemathesis against a live server, on each database: every operation, with a token.

It may find no server error and no answer that breaks the document's own description
(status, content type, headers, schema). Bodies that fit the schema but break a rule of
a page kind (an unknown principle) rightly get a 422, so "schema-valid data must be
accepted" is the one check left out. Examples per operation are bounded, with a fixed
seed, so the run takes about a minute per database.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
EXAMPLES = "15"


def schemathesis(location: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [SCHEMATHESIS, "run", location, "--seed", "1", "--workers", "1", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=cwd)


def test_no_operation_answers_a_server_error_or_outside_its_schema(live_api, tmp_path):
    base, token = live_api
    result = schemathesis(
        f"{base}/api/v1/openapi.json",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-examples",
        EXAMPLES,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-20_000:] + result.stderr[-5_000:]
    selected, total = re.search(r"(\d+) selected / (\d+) total", result.stdout).groups()
    assert selected == total and int(total) >= 22, result.stdout[:2_000]
    assert "no tests were run" not in result.stdout.lower()


def test_the_run_fails_when_an_answer_breaks_its_schema(live_api, tmp_path):
    """Negative control: a document that says a title is a number makes the check fail."""
    base, token = live_api
    import urllib.request

    with urllib.request.urlopen(f"{base}/api/v1/openapi.json") as response:
        doc = json.load(response)
    doc["components"]["schemas"]["PageDetail"]["properties"]["title"] = {"type": "integer"}
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(doc))
    result = schemathesis(
        str(wrong),
        "--url",
        base,
        "--checks",
        "response_schema_conformance",
        "--include-operation-id",
        "get_page",
        "--phases",
        "examples,fuzzing",
        "--max-examples",
        "3",
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "Response violates schema" in result.stdout, result.stdout[-5_000:]
