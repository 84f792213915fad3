"""The README's API examples work as written, against a live wiki."""

import json
import re
import subprocess
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def api_examples() -> list[str]:
    """The shell blocks of the README's "The API" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## The API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


def run(script: str, base: str, token: str) -> str:
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env={"PATH": "/usr/bin:/bin", "WIKI": base, "TOKEN": token},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_has_two_curl_examples():
    examples = api_examples()
    assert len(examples) == 2
    assert all("curl" in example for example in examples)


def test_the_list_example_gives_two_werkvormen_and_a_link_to_the_next(live_api):
    base, token = live_api
    output = run(api_examples()[0], base, token)
    head, body = output.replace("\r\n", "\n").split("\n\n", 1)
    assert head.startswith("HTTP/1.1 200")
    assert re.search(r'^Link: .*per_page=2&page=2>; rel="next"', head, flags=re.M | re.I)
    answer = json.loads(body)
    assert len(answer["pages"]) == 2 and answer["total"] >= 6
    assert {p["kind"] for p in answer["pages"]} == {"method"}


def test_the_patch_example_changes_the_duration_and_keeps_the_rest(live_api):
    base, token = live_api
    before = json.loads(run('curl -s "$WIKI/api/v1/pages/gedrag-op-de-werkvloer"', base, token))
    answer = json.loads(run(api_examples()[1], base, token))
    assert answer["changed"] is True and answer["merged"] is False
    assert answer["fields"]["duration"] == {"min": 45, "max": 60}
    assert answer["fields"]["preparation"] == before["fields"]["preparation"]
    assert answer["markdown"] == before["markdown"]
    # Negative control: without the token the same example is refused.
    refused = json.loads(run(api_examples()[1], base, "geen-token"))
    assert refused["status"] == 401
