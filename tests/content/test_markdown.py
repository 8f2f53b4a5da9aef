"""The Markdown pipeline keeps editors' formatting and removes anything hostile."""

import pytest

from content.markdown import ALLOWED_TAGS, render
from tests.html_audit import ElementAudit

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example"><input name="x"><button>Go</button></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="position:fixed;top:0">overlay</div>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<p onclick="alert(1)" onmouseover="alert(1)">hover</p>',
    '<h2 id="x" onfocus="alert(1)" tabindex="0">Heading</h2>',
    "<!--<script>alert(1)</script>-->",
]
FORBIDDEN = ["<script", "<iframe", "<form", "<input", "<button", "<style", "<object", "<embed", "<svg", "<img",
             "<meta", "<base", "<link", "<math", "<details", "<body"]  # fmt: skip


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_survives(payload):
    html = render(f"Intro\n\n{payload}\n\nOutro").html
    audit = ElementAudit(html)
    assert set(audit.tags) <= ALLOWED_TAGS, html
    for _tag, name, value in audit.attributes:
        assert not name.startswith("on"), html
        assert name != "style", html
        if name == "href":
            scheme = value.split(":", 1)[0].lower().strip() if ":" in value else ""
            assert scheme in {"", "http", "https", "mailto", "tel"}, html
    # Whatever is left of the payload is inert text, never markup.
    lowered = html.lower()
    for fragment in FORBIDDEN:
        if fragment.startswith("<"):
            assert fragment not in lowered, html


def test_headings_get_ids_and_a_contents_list():
    rendered = render("## What it is\n\nText.\n\n### A detail\n\nMore.\n\n## Getting help\n\nText.")
    assert '<h2 id="section-what-it-is">What it is</h2>' in rendered.html
    assert '<h3 id="section-a-detail">A detail</h3>' in rendered.html
    assert rendered.contents == [
        {"id": "section-what-it-is", "title": "What it is"},
        {"id": "section-getting-help", "title": "Getting help"},
    ]


def test_contents_titles_are_plain_text():
    rendered = render("## Cost & *waiting*\n\nText.")
    assert rendered.contents == [{"id": "section-cost-waiting", "title": "Cost & waiting"}]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        ("*soft* and **strong**", "<em>soft</em> and <strong>strong</strong>"),
        ("[NHS](https://www.nhs.uk/)", '<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>'),
        ("[Get help](/uk/get-help/)", '<a href="/uk/get-help/" rel="noopener noreferrer">Get help</a>'),
        ("[Call](tel:116123)", '<a href="tel:116123" rel="noopener noreferrer">Call</a>'),
        ("[Text](sms:85258)", '<a href="sms:85258" rel="noopener noreferrer">Text</a>'),
        ("> A quote", "<blockquote>"),
    ],
)
def test_everyday_formatting_is_kept(markdown, expected):
    assert expected in render(markdown).html


def test_tables_are_kept():
    html = render("| Online | In person |\n|---|---|\n| Video calls | Face to face |").html
    assert "<table>" in html
    assert "<th>Online</th>" in html
    assert "<td>Face to face</td>" in html


@pytest.mark.parametrize(
    ("kind", "label"), [("urgent", "Urgent:"), ("important", "Important:"), ("danger", "Important:")]
)
def test_callouts_become_labelled_notes(kind, label):
    html = render(f'!!! {kind} "Get help today"\n    If you cannot pass urine, go to A&E.').html
    assert f'<div class="callout callout--{"urgent" if kind == "urgent" else "important"}" role="note">' in html
    assert f'<span class="callout__label">{label}</span> Get help today' in html
    assert "If you cannot pass urine, go to A&amp;E." in html


def test_editors_cannot_forge_other_classes():
    html = render('<div class="admin-only callout">x</div><p class="evil">y</p>').html
    assert "admin-only" not in html
    assert "evil" not in html


def test_empty_and_huge_input():
    assert render("").html == ""
    assert render(None).contents == []
    huge = render("word " * 50_000)
    assert huge.html.startswith("<p>word")


def test_heading_ids_cannot_clash_with_the_page_template():
    # The article page uses ids such as "key-points" and "sources" for its own sections.
    html = render("## Key points\n\nText.\n\n## Sources\n\nText.").html
    assert 'id="section-key-points"' in html and 'id="section-sources"' in html
    assert 'id="key-points"' not in html


@pytest.mark.parametrize("page_id", ["main", "key-points", "source-1", "sources-heading", "help-now"])
def test_ids_written_in_raw_html_cannot_take_the_page_templates_ids(page_id):
    html = render(f'<h2 id="{page_id}">Mine</h2>\n\n<h3 id="{page_id}">Also mine</h3>\n\n## Made by Markdown').html
    assert f'id="{page_id}"' not in html
    assert html.count(f'id="section-{page_id}"') == 2
    assert 'id="section-made-by-markdown"' in html  # Markdown's own ids are not prefixed twice
