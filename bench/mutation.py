"""Mutation scores of the modules that guard people's work, one module at a time.

    .venv/bin/pip install -e '.[test,mutation]'
    .venv/bin/python bench/mutation.py                      # every module in MODULES
    .venv/bin/python bench/mutation.py wiki/services/diff.py --workers 2

Each module is mutated by mutmut (settings in pyproject.toml's [tool.mutmut]) in a
temporary copy of the project, against only the tests named for it in MODULES, so a
mutant runs a few fast, pure tests. The table counts a surviving mutant as equivalent
only when bench/README.md names it (a line starting with "- `<mutant name>`"), with the
reason on that line. The diff of every other survivor is written to
bench/results/mutation-<module>.txt, to read and then kill or document.

To add a module: one line in MODULES, module path → its test files.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"

MODULES = {
    "wiki/permissions.py": ["tests/test_permission_rules.py"],
    "wiki/services/merge.py": ["tests/test_merge.py"],
    "wiki/services/diff.py": ["tests/test_diff.py"],
    "wiki/search/analysis.py": ["tests/test_analysis_pipeline.py", "tests/test_search_analysis.py"],
}

# What mutmut's exit codes mean (mutmut/stats.py); timeouts and crashes are detections.
DETECTED = {"killed", "timeout", "segfault", "caught by type check"}
EQUIVALENT_RE = re.compile(r"^- `([\w.]+__mutmut_\d+)`", re.MULTILINE)


@dataclass
class Score:
    module: str
    mutants: int
    killed: int
    survivors: list[str]
    equivalent: int

    @property
    def score(self) -> float:
        return 100 * (self.killed + self.equivalent) / self.mutants if self.mutants else 0.0


def documented_equivalents() -> set[str]:
    """Return the mutant names bench/README.md lists as equivalent."""
    return set(EQUIVALENT_RE.findall(README.read_text(encoding="utf-8")))


def _config(module: str, tests: list[str]) -> str:
    """Return pyproject.toml with [tool.mutmut] aimed at one module and its tests."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)["tool"]["mutmut"]
    settings |= {"only_mutate": [module], "pytest_add_cli_args_test_selection": tests}
    table = "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())
    # Drop the project's table (up to the next one) and write this run's.
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    return f"{text}\n[tool.mutmut]\n{table}"


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "browser")
    for name in ("wiki", "tests", "seed"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)


def run_module(module: str, tests: list[str], workers: int, equivalents: set[str]) -> Score:
    """Mutate one module in a temporary copy and count what its tests detect."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"mutation-{module.replace('/', '.')}.txt"
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {k: v for k, v in os.environ.items() if k != "WIKI_TEST_DATABASE_URL"}
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp, log.open("w") as out:
        work = Path(tmp)
        _copy_project(work)
        (work / "pyproject.toml").write_text(_config(module, tests), encoding="utf-8")
        run = [str(mutmut), "run", "--max-children", str(workers)]
        finished = subprocess.run(run, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
        meta = work / "mutants" / f"{module}.meta"
        if finished.returncode != 0 or not meta.exists():
            raise SystemExit(f"mutmut failed on {module}; see {log}")
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        statuses = {name: _status(code) for name, code in codes.items()}
        survivors = sorted(n for n, s in statuses.items() if s not in DETECTED)
        undocumented = [n for n in survivors if n not in equivalents]
        out.write(f"\n\n{len(undocumented)} survivors not documented as equivalent:\n")
        for name in undocumented:
            shown = subprocess.run(
                [str(mutmut), "show", name], cwd=work, env=env, capture_output=True, text=True
            )
            out.write(f"\n## {statuses[name]}\n{shown.stdout}")
    return Score(
        module,
        mutants=len(statuses),
        killed=sum(s in DETECTED for s in statuses.values()),
        survivors=survivors,
        equivalent=sum(n in equivalents for n in survivors),
    )


def _status(code) -> str:
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all of MODULES)")
    parser.add_argument("--workers", type=int, default=2, help="mutants tested at once")
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"not in MODULES: {', '.join(unknown)}")
    equivalents = documented_equivalents()
    scores = [
        run_module(module, MODULES[module], args.workers, equivalents)
        for module in args.modules or MODULES
    ]
    print("| module | mutants | killed | survived | equivalent | score |")
    print("|---|---|---|---|---|---|")
    for s in scores:
        survived = len(s.survivors) - s.equivalent
        print(
            f"| `{s.module}` | {s.mutants} | {s.killed} | {survived} | {s.equivalent} "
            f"| {s.score:.1f} % |"
        )


if __name__ == "__main__":
    main()
