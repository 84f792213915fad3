"""Markdown to safe HTML, with [[wiki links]]. Pure: no Flask, no database.

Stored text is never trusted: every rendering passes nh3, which keeps only the tags,
attributes and URL schemes listed here.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from wiki.services.slugs import slugify

WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_CLASSES = {"a": {"wikilink", "wikilink--missing"}}
URL_SCHEMES = {"http", "https", "mailto"}

LinkUrl = Callable[[str], str | None]


def wiki_link_slugs(text: str) -> list[str]:
    """Return the slugs that text's [[wiki links]] point to, in order, once each."""
    slugs = []
    for match in WIKI_LINK.finditer(text or ""):
        slug = slugify(match.group(1))
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def render(text: str, link_urls: Mapping[str, str], missing_url: Callable[[str], str]) -> str:
    """Render markdown to sanitised HTML.

    link_urls maps the slugs of existing pages to their URLs; a wiki link to any other
    page becomes a visibly different link to missing_url(title), to create it.
    """
    md = markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            "def_list",
            _WikiExtension(link_urls, missing_url),
        ],
        output_format="html",
    )
    return sanitise(md.convert(text or ""))


def sanitise(html: str) -> str:
    """Keep only safe markup."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _WikiLinks(InlineProcessor):
    def __init__(self, link_urls, missing_url):
        super().__init__(WIKI_LINK.pattern)
        self.link_urls = link_urls
        self.missing_url = missing_url

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API name)
        target, label = m.group(1).strip(), (m.group(2) or m.group(1)).strip()
        slug = slugify(target)
        link = etree.Element("a")
        link.text = label
        if slug in self.link_urls:
            link.set("href", self.link_urls[slug])
            link.set("class", "wikilink")
        else:
            link.set("href", self.missing_url(target))
            link.set("class", "wikilink wikilink--missing")
            link.set("title", f"Pagina '{target}' bestaat nog niet")
        return link, m.start(0), m.end(0)


class _DemoteHeadings(Treeprocessor):
    """Start body headings at h2: the page title is the only h1."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{int(element.tag[1]) + 1}"


class _WikiExtension(Extension):
    def __init__(self, link_urls, missing_url):
        super().__init__()
        self.link_urls = link_urls
        self.missing_url = missing_url

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # Above the built-in link pattern (160) so [[…]] is not read as a reference.
        md.inlinePatterns.register(_WikiLinks(self.link_urls, self.missing_url), "wikilink", 175)
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)
