"""Parse HTML as a browser would and list anything that could run script."""

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "frame", "object", "embed", "form", "input", "button", "textarea", "select",
                  "style", "link", "meta", "base", "svg", "math", "img", "video", "audio", "source", "details"}  # fmt: skip
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel", "sms"}


class ElementAudit(HTMLParser):
    """Every element and attribute in a document or fragment."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.inline_scripts = [], [], 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag == "script" and not dict(attrs).get("src"):
            self.inline_scripts += 1

    def script_problems(self, allowed_scripts=(), allowed_tags=frozenset()):
        """What in this HTML could run script or load something, beyond what the page itself uses."""
        problems = [f"<{tag}>" for tag in self.tags if tag in DANGEROUS_TAGS - set(allowed_tags)]
        problems += ["inline <script>"] * self.inline_scripts
        for tag, name, value in self.attributes:
            if name.startswith("on"):
                problems.append(f"{tag} {name}=")
            if name == "style":
                problems.append(f"{tag} style=")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value.split("/", 1)[0] else ""
                if scheme not in SAFE_SCHEMES:
                    problems.append(f"{tag} {name}={value[:40]}")
            if tag == "script" and name == "src" and value not in allowed_scripts:
                problems.append(f"script src={value}")
        return problems
