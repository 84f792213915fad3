"""Three-way merge of page states: body by lines, fields by value, tags as sets. Pure.

A state is what a revision holds: title, body, fields and tags. Merging "mine" (a save
made on base) onto "theirs" (the page's current revision) keeps every change that does
not overlap, and names the parts where both sides changed the same thing differently.
"""

import json
from dataclasses import dataclass, field

import merge3


@dataclass(frozen=True)
class PageState:
    title: str
    body: str
    fields: dict
    tags: list[str]


@dataclass
class MergeResult:
    state: PageState
    conflicts: list[str] = field(default_factory=list)


def merge_states(base: PageState, theirs: PageState, mine: PageState) -> MergeResult:
    """Merge mine and theirs, both descended from base."""
    conflicts: list[str] = []
    title = _merge_value("title", base.title, theirs.title, mine.title, conflicts)
    body = _merge_text("body", base.body, theirs.body, mine.body, conflicts)
    fields = {}
    for name in dict.fromkeys([*theirs.fields, *mine.fields]):
        b, t, m = base.fields.get(name), theirs.fields.get(name), mine.fields.get(name)
        if isinstance(m, str) and isinstance(t, str) and isinstance(b, str | None):
            fields[name] = _merge_text(name, b or "", t, m, conflicts)
        elif isinstance(m, list) and isinstance(t, list) and isinstance(b, list | None):
            fields[name] = _merge_list(name, b or [], t, m, conflicts)
        else:
            fields[name] = _merge_value(name, b, t, m, conflicts)
    tags = _merge_tags(base.tags, theirs.tags, mine.tags)
    return MergeResult(PageState(title, body, fields, tags), conflicts)


def _merge_value(name, base, theirs, mine, conflicts):
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    conflicts.append(name)
    return theirs


def _merge_sequence(name, base: list, theirs: list, mine: list, conflicts) -> list | None:
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    merged = []
    for group in merge3.Merge3(base, mine, theirs).merge_groups():
        if group[0] == "conflict":
            conflicts.append(name)
            return None
        merged.extend(group[1])
    return merged


def _merge_text(name, base: str, theirs: str, mine: str, conflicts) -> str:
    lines = _merge_sequence(
        name, base.splitlines(True), theirs.splitlines(True), mine.splitlines(True), conflicts
    )
    return theirs if lines is None else "".join(lines)


def _merge_list(name, base: list, theirs: list, mine: list, conflicts) -> list:
    # Items may be dicts (programme steps): compare them as canonical JSON.
    def encode(items: list) -> list[str]:
        return [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in items]

    merged = _merge_sequence(name, encode(base), encode(theirs), encode(mine), conflicts)
    return theirs if merged is None else [json.loads(x) for x in merged]


def _merge_tags(base: list[str], theirs: list[str], mine: list[str]) -> list[str]:
    added = [t for t in mine if t not in base and t not in theirs]
    removed = {t for t in base if t not in mine}
    return [t for t in theirs if t not in removed] + added
