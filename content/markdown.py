"""The one place where editors' Markdown becomes HTML.

`render(text)` runs Python-Markdown (heading ids, a contents list, tables, callouts),
then cleans the result with an allow-list sanitiser, because Python-Markdown passes raw
HTML through untouched. Articles call it on save and store the result; nothing is
rendered per request.

Callouts are written like this, with the body indented by four spaces:

    !!! urgent "Get help now if you cannot pass urine"
        Go to A&E or call 999.

`urgent` and `important` are the two kinds; any other word is shown as `important`.
"""

import html
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

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
ALLOWED_CLASSES = {
    "div": {"callout", *(f"callout--{kind}" for kind in CALLOUT_KINDS)},
    "p": {"callout__title"},
    "span": {"callout__label"},
}
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


def section_id(value, separator):
    """Heading ids start with "section-", so no heading can take an id the page template uses."""
    return f"section{separator}{slugify(value, separator)}"


def _converter():
    return markdown.Markdown(
        extensions=["toc", "tables", "sane_lists", "admonition", CalloutExtension()],
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
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text):
    """Render editor Markdown to sanitised HTML and a list of its `##` sections."""
    source = (text or "")[:MAX_SOURCE_LENGTH]
    converter = _converter()
    body = sanitise(converter.convert(source))
    contents = [
        {"id": token["id"], "title": html.unescape(token["name"])}
        for token in converter.toc_tokens
        if token["level"] == 2 and f'id="{token["id"]}"' in body
    ]
    return Rendered(html=body, contents=contents)
