"""The seed: the wiki's first content, read from markdown files with YAML front matter.

See seed/FORMAT.md. Each file becomes revision 1 of a page, authored by the system user.
Seeding is idempotent: a page whose slug exists is left alone.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import select

from wiki.errors import Invalid
from wiki.extensions import db
from wiki.models import Page
from wiki.services import pages
from wiki.services.accounts import system_user
from wiki.services.slugs import slugify

# Pages are created in this order, so references to earlier kinds resolve.
KIND_ORDER = ("principle", "method", "guide", "dilemma", "experience")

DOCUMENT_TITLES = {
    "werkvorm-model-van-de-ambtenaar.txt": "Werkvorm Model van de Ambtenaar",
    "werkvorm-langs-de-lijn.txt": "Werkvorm Langs de Lijn van Ambtelijk Vakmanschap",
    "startkit-in-gesprek-over-ambtelijk-vakmanschap.txt": "Startkit In gesprek over "
    "Ambtelijk Vakmanschap",
    "werkvorm-dansende-dilemmas.txt": "Werkvorm Dansende Dilemma's",
    "gesprekskaarten-gedrag-op-de-werkvloer.txt": "Gesprekskaarten Ambtelijk Vakmanschap: "
    "gedrag op de werkvloer",
}


class SeedError(Exception):
    """A seed file that cannot be read; the message names the file."""


@dataclass
class SeedPage:
    path: Path
    kind: str
    title: str
    body: str
    fields: dict
    tags: list
    sources: list = field(default_factory=list)
    # Official guide text: editors' changes become suggestions for a moderator.
    protected: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def body_with_sources(self) -> str:
        """Return the body with a closing line naming the source documents."""
        if not self.sources:
            return self.body
        names = []
        for source in self.sources:
            title = DOCUMENT_TITLES.get(source.get("document"), source.get("document", ""))
            passage = source.get("passage")
            names.append(f"*{title}*" + (f" ({passage})" if passage else ""))
        return self.body.rstrip() + "\n\n---\n\nBron: " + "; ".join(names) + ".\n"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def read_seed_file(path: Path) -> SeedPage:
    """Parse one seed file."""
    text = path.read_text(encoding="utf-8")
    parts = text.split("---", 2)
    if len(parts) != 3 or parts[0].strip():
        raise SeedError(f"{path}: front matter between two '---' lines ontbreekt.")
    try:
        meta = yaml.safe_load(parts[1]) or {}
    except yaml.YAMLError as error:
        raise SeedError(f"{path}: {error}") from None
    if meta.get("kind") not in KIND_ORDER or not meta.get("title"):
        raise SeedError(f"{path}: 'kind' en 'title' zijn verplicht.")
    return SeedPage(
        path=path,
        kind=meta["kind"],
        title=meta["title"],
        body=parts[2].strip() + "\n",
        fields=meta.get("fields") or {},
        tags=meta.get("tags") or [],
        sources=meta.get("sources") or [],
        protected=bool(meta.get("protected")),
    )


def read_seed(directory: Path) -> list[SeedPage]:
    """Read every seed file below directory, in creation order; none at all is an error."""
    seeds = [read_seed_file(path) for path in sorted(Path(directory).rglob("*.md"))]
    if not seeds:
        raise SeedError(
            f"Geen startpagina's gevonden in {directory}. "
            "Zet WIKI_SEED_DIR op de map met de startpagina's (bestanden *.md)."
        )
    return sorted(seeds, key=lambda s: (KIND_ORDER.index(s.kind), s.path.name))


def seed(directory: Path) -> SeedReport:
    """Create every seed page that does not exist yet."""
    report = SeedReport()
    author = system_user()
    seeds = read_seed(directory)
    existing = set(
        db.session.scalars(select(Page.slug).where(Page.slug.in_([s.slug for s in seeds])))
    )
    for item in seeds:
        if item.slug in existing:
            report.existing.append(item.slug)
            continue
        try:
            page = pages.create_page(
                item.kind,
                title=item.title,
                body=item.body_with_sources(),
                fields=item.fields,
                tags=item.tags,
                summary="Startinhoud uit de documenten van Ambtelijk Vakmanschap",
                actor=author,
            )
        except Invalid as error:
            db.session.rollback()
            raise SeedError(f"{item.path}: {error.errors or error.message}") from None
        if item.protected:
            page.is_protected = True
            db.session.commit()
        report.created.append(item.slug)
    return report


def is_empty() -> bool:
    """Tell whether the wiki has no pages at all."""
    return db.session.scalar(select(Page.id).limit(1)) is None
