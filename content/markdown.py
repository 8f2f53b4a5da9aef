"""The one place where editors' Markdown becomes HTML.

`render(text, region, cards)` keeps the passages for `region` (content/regions.py), runs
Python-Markdown (heading ids, a contents list, tables, callouts, care card embeds, links
kept within the region), then cleans the result with an allow-list sanitiser, because
Python-Markdown passes raw HTML through untouched. Articles call it once per region on save,
in a child process with a time limit (content.time_limit), and store the result; nothing is
rendered per request.

A care card is embedded with a line of its own, `[[card urgent_now]]`: the reader's region's
card for that tier (emergency, crisis, urgent_now, urgent_today, non_urgent) takes its place.

A citation is a marker `[^key]` after a claim, where `key` is one of the article's sources:
it becomes a numbered link to that source in the list the region's readers see ("[2]").

Callouts are written like this, with the body indented by four spaces:

    !!! urgent "Get help now if you cannot pass urine"
        Go to A&E or call 999.

`urgent` and `important` are the two kinds; any other word is shown as `important`.
"""

import html
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

from content import regions

CALLOUT_KINDS = {"urgent": "Urgent", "important": "Important"}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "em", "b", "i", "a", "abbr", "blockquote", "code", "pre", "sup", "sub",
    "del", "ins", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "div",
    "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "div": {"role"},
}  # fmt: skip
CARD_TIERS = ("emergency", "crisis", "urgent_now", "urgent_today", "non_urgent")
ALLOWED_CLASSES = {
    "div": {
        "callout",
        *(f"callout--{kind}" for kind in CALLOUT_KINDS),
        "care-card",
        *(f"care-card--{t}" for t in CARD_TIERS),
    },
    "p": {"callout__title", "care-card__title"},
    "span": {"callout__label"},
    "sup": {"citation"},
}
# Possessive quantifiers (++, *+): with "[[card" and a long run of spaces, a run the pattern
# could share between two quantifiers would be tried in every split (Python's re backtracks).
CARD_EMBED = re.compile(r"^[ \t]*+\[\[card[ \t]++(?P<tier>[^\]\s]*+)[ \t]*+\]\][ \t]*+$", re.MULTILINE)
CARD_MARK = "@@care-card:{}@@"
CITATION = re.compile(r"\[\^([a-z0-9-]++)\]")
# Root-relative links that are pages of the site, to be kept in the reader's region.
SITE_PATHS = ("/articles/", "/topics/", "/get-help/", "/pathways/", "/search/", "/privacy/", "/leave-this-site/")


class ContentSyntaxError(ValueError):
    """Editor text the site cannot render (a region passage or card embed that cannot be read)."""


def card_problems(text):
    """Unknown tiers in `[[card ...]]` embeds, as sentences for the editor."""
    return [
        f"'[[card {match.group('tier')}]]' names no care card; use one of: {', '.join(CARD_TIERS)}."
        for match in CARD_EMBED.finditer(text or "")
        if match.group("tier") not in CARD_TIERS
    ]


def syntax_problems(text):
    """Everything in `text` that would stop it rendering, as sentences for the editor."""
    problems = card_problems(text)
    try:
        regions.split_passages(text)
    except regions.RegionSyntaxError as error:
        problems.append(str(error))
    return problems


URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
MAX_SOURCE_LENGTH = 100_000


@dataclass(frozen=True)
class Rendered:
    html: str
    contents: list = field(default_factory=list)  # [{"id": ..., "title": ...}] for each ## heading


class CalloutProcessor(Treeprocessor):
    """Turn the admonition extension's divs into labelled, accessible callouts."""

    def run(self, root):
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "admonition" not in classes:
                continue
            kind = next((name for name in classes if name in CALLOUT_KINDS), "important")
            div.set("class", f"callout callout--{kind}")
            div.set("role", "note")
            title = next((child for child in div if child.get("class") == "admonition-title"), None)
            if title is None:
                title = ElementTree.Element("p")
                div.insert(0, title)
            heading_text = title.text or ""
            title.clear()
            title.set("class", "callout__title")
            label = ElementTree.SubElement(title, "span", {"class": "callout__label"})
            label.text = f"{CALLOUT_KINDS[kind]}:"
            label.tail = f" {heading_text}" if heading_text and heading_text != kind.title() else None


class CalloutExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(CalloutProcessor(md), "portal_callouts", 5)


class RegionLinks(Treeprocessor):
    """Links to the site's own pages (/articles/...) go to the page in the reader's region."""

    def __init__(self, md, region):
        super().__init__(md)
        self.region = region

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith(SITE_PATHS):
                link.set("href", f"/{self.region}{href}")


class RegionLinkExtension(Extension):
    def __init__(self, region):
        super().__init__()
        self.region = region

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(RegionLinks(md, self.region), "portal_region_links", 4)


def section_id(value, separator):
    """Heading ids start with "section-", so no heading can take an id the page template uses."""
    return f"section{separator}{slugify(value, separator)}"


def _editor_id(tag, attribute, value):
    """Ids written in raw HTML (`<h2 id="main">`) start with "section-" too: none of the page
    template's ids (main, key-points, source-1...) do, so an editor's id can never take one."""
    if attribute == "id" and not value.startswith("section-"):
        return f"section-{value}"
    return value


def _converter(region=None):
    extensions = ["toc", "tables", "sane_lists", "admonition", CalloutExtension()]
    if region:
        extensions.append(RegionLinkExtension(region))
    return markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"toc_depth": "2-3", "slugify": section_id}},
        output_format="html",
    )


def sanitise(fragment):
    """Keep only the allow-listed tags, attributes, classes and URL schemes."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_editor_id,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text, region=None, cards=None, sources=None):
    """Render editor Markdown to sanitised HTML and a list of its `##` sections.

    With a `region`, only the passages for it are kept and links to the site's pages stay in
    it; `cards` maps each care card tier to its (title, sanitised body HTML) for that region;
    `sources` lists the (key, title) of the sources its readers see, in order, for the
    citation markers. Raises ContentSyntaxError for a region passage or card embed that
    cannot be read.
    """
    source = (text or "")[:MAX_SOURCE_LENGTH]
    problems = card_problems(source)
    if problems:
        raise ContentSyntaxError(problems[0])
    if region:
        try:
            source = regions.for_region(source, region)
        except regions.RegionSyntaxError as error:
            raise ContentSyntaxError(str(error)) from error
    source = CARD_EMBED.sub(lambda match: "\n" + CARD_MARK.format(match.group("tier")) + "\n", source)
    numbers = {key: (number, title) for number, (key, title) in enumerate(sources or [], start=1)}
    source = CITATION.sub(lambda match: f"@@cite:{match.group(1)}@@", source)
    converter = _converter(region)
    try:
        body = converter.convert(source)
    except RecursionError as error:  # Python-Markdown reads nested lists and quotes recursively
        raise ContentSyntaxError(
            "Lists or quotes are nested too deeply to show: look for a long run of list markers "
            "such as '1. 1. 1.' or '> > >'."
        ) from error
    body = re.sub(r"<p>@@care-card:([a-z_]+)@@</p>", lambda match: _card_html(match.group(1), cards or {}), body)
    body = re.sub(r"@@cite:([a-z0-9-]+)@@", lambda match: _citation_html(match.group(1), numbers), body)
    body = sanitise(body)
    contents = [
        {"id": token["id"], "title": html.unescape(token["name"])}
        for token in converter.toc_tokens
        if token["level"] == 2 and f'id="{token["id"]}"' in body
    ]
    return Rendered(html=body, contents=contents)


def _card_html(tier, cards):
    if tier not in cards:
        return ""  # a region without that card yet shows nothing rather than another region's advice
    title, body_html = cards[tier]
    return (
        f'<div class="care-card care-card--{tier}" role="note">'
        f'<p class="care-card__title">{html.escape(title)}</p>{body_html}</div>'
    )


def _citation_html(key, numbers):
    if key not in numbers:
        # A marker whose source is missing, or not shown in this region: the editor's checks list it.
        return '<sup class="citation">[?]</sup>'
    number, title = numbers[key]
    return f'<sup class="citation"><a href="#source-{number}" title="{html.escape(title)}">[{number}]</a></sup>'
