"""Differences between two page states, for people and for the API. Pure.

Text is compared by lines first and then word by word inside changed lines, so long
pages stay cheap; structured fields are compared item by item, using the kind's labels.
"""

import difflib
import re
from dataclasses import asdict, dataclass, field

from wiki.kinds import KindSpec
from wiki.kinds.fields import Field
from wiki.services.merge import PageState

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class Row:
    """One line of the side-by-side view; a side is None where the line does not exist."""

    op: str  # "equal", "replace", "insert" or "delete"
    old: list[Segment] | None
    new: list[Segment] | None


@dataclass
class TextDiff:
    inline: list[Segment]
    rows: list[Row]


@dataclass
class FieldChange:
    name: str
    label: str
    old: str | list[str]
    new: str | list[str]
    text: TextDiff | None = None  # for one-value fields
    items: list[Segment] = field(default_factory=list)  # for list fields


@dataclass
class RevisionDiff:
    title: tuple[str, str] | None
    body: TextDiff | None
    fields: list[FieldChange]
    tags_added: list[str]
    tags_removed: list[str]

    @property
    def empty(self) -> bool:
        return not (self.title or self.body or self.fields or self.tags_added or self.tags_removed)

    def as_json(self) -> dict:
        data = asdict(self)
        data["title"] = {"old": self.title[0], "new": self.title[1]} if self.title else None
        return data


def diff_states(spec: KindSpec, old: PageState, new: PageState) -> RevisionDiff:
    """Compare two states of a page of kind spec."""
    changes = []
    for f in spec.fields:
        before, after = old.fields.get(f.name), new.fields.get(f.name)
        if before == after or (not before and not after):
            continue
        a, b = display_value(f, before), display_value(f, after)
        if isinstance(a, list):
            changes.append(FieldChange(f.name, f.label, a, b, items=_item_diff(a, b)))
        else:
            changes.append(FieldChange(f.name, f.label, a, b, text=diff_text(a, b)))
    return RevisionDiff(
        title=(old.title, new.title) if old.title != new.title else None,
        body=diff_text(old.body, new.body) if old.body != new.body else None,
        fields=changes,
        tags_added=[t for t in new.tags if t not in old.tags],
        tags_removed=[t for t in old.tags if t not in new.tags],
    )


def display_value(f: Field, value) -> str | list[str]:
    """Render a field value as the text a person reads, or a list of such texts."""
    if f.type in ("lines", "refs"):
        return list(value or [])
    if f.type == "choices":
        return [f.option_label(v) for v in value or []]
    if f.type == "steps":
        return [_step_text(step) for step in value or []]
    if f.type == "variants":
        return [f"{v['name']}: {v.get('description') or ''}".strip() for v in value or []]
    if f.type == "range":
        low, high = (value or {}).get("min"), (value or {}).get("max")
        if low is not None and high is not None:
            return f"{low}–{high}"
        if low is not None:
            return f"vanaf {low}"
        return f"tot en met {high}" if high is not None else "niet vastgelegd"
    if f.type == "bool":
        return "ja" if value else "nee"
    if f.type == "choice":
        return f.option_label(value) if value else ""
    return "" if value is None else str(value)


def _step_text(step: dict) -> str:
    minutes = f" ({step['minutes']} min)" if step.get("minutes") else ""
    variant = f" [{step['variant']}]" if step.get("variant") else ""
    description = f": {step['description']}" if step.get("description") else ""
    return f"{step['title']}{minutes}{variant}{description}"


def _item_diff(old: list[str], new: list[str]) -> list[Segment]:
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(Segment("equal", item) for item in old[i1:i2])
            continue
        out.extend(Segment("delete", item) for item in old[i1:i2])
        out.extend(Segment("insert", item) for item in new[j1:j2])
    return out


def diff_text(old: str, new: str) -> TextDiff:
    """Compare two texts: an inline word diff and side-by-side rows."""
    a, b = old.splitlines(True), new.splitlines(True)
    inline: list[Segment] = []
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            inline.append(Segment("equal", "".join(a[i1:i2])))
            rows.extend(
                Row("equal", [Segment("equal", x)], [Segment("equal", x)]) for x in a[i1:i2]
            )
        elif op == "delete":
            inline.append(Segment("delete", "".join(a[i1:i2])))
            rows.extend(Row("delete", [Segment("delete", x)], None) for x in a[i1:i2])
        elif op == "insert":
            inline.append(Segment("insert", "".join(b[j1:j2])))
            rows.extend(Row("insert", None, [Segment("insert", x)]) for x in b[j1:j2])
        else:
            inline.extend(_word_diff("".join(a[i1:i2]), "".join(b[j1:j2])))
            for k in range(max(i2 - i1, j2 - j1)):
                left = a[i1 + k] if i1 + k < i2 else None
                right = b[j1 + k] if j1 + k < j2 else None
                if left is None:
                    rows.append(Row("insert", None, [Segment("insert", right)]))
                elif right is None:
                    rows.append(Row("delete", [Segment("delete", left)], None))
                else:
                    words = _word_diff(left, right)
                    rows.append(
                        Row(
                            "replace",
                            [s for s in words if s.op != "insert"],
                            [s for s in words if s.op != "delete"],
                        )
                    )
    return TextDiff(_join(inline), rows)


def _word_diff(old: str, new: str) -> list[Segment]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Segment("insert", "".join(b[j1:j2])))
    return out


def _join(segments: list[Segment]) -> list[Segment]:
    """Merge neighbouring segments of the same kind."""
    out: list[Segment] = []
    for segment in segments:
        if out and out[-1].op == segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        elif segment.text:
            out.append(segment)
    return out
