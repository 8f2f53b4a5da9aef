"""Pure checks on article text, shown to editors and used by the content tests.

No Django imports: each function takes plain strings and returns plain values, so the
rules can be read and tested on their own.
"""

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from content import regions

READING_EASE_TARGET = 60

# Terms that stigmatise people who use drugs (NIDA "Words Matter"; UK Drug Policy
# Commission), each with what to say instead. Quoted uses, for example when explaining
# why we avoid a word, are allowed.
STIGMATISING_TERMS = [
    (r"\baddicts?\b", "addict", "person who uses ketamine, person with a dependence"),
    (r"\bjunkies?\b", "junkie", "person who uses drugs"),
    (r"\babusers?\b", "abuser", "person who uses drugs"),
    (r"\b(?:substance|drug|ketamine|alcohol)\s++abuse\b", "substance abuse", "substance use, harmful use"),
    (r"\b(?:drug|ketamine|substance)\s++users?\b", "drug user", "person who uses drugs"),
    (r"\bclean\b", "clean (for not using)", "not using, in recovery, stopped using"),
    (r"\bdirty\b", "dirty (for using or a test result)", "using, a positive test"),
    (r"\b(?:drug|ketamine)\s++habits?\b", "drug habit", "drug use, regular use"),
]
# Editors' text is untrusted, up to 100,000 characters, and checked on every admin list view:
# every pattern in this module must run in linear time. A quantifier that could give back
# what it matched and retry is possessive (`++`, `*+`), and a pattern that could be retried
# from every character of a long run is anchored so it starts only at the run's first one.
#
# A quotation runs from an opening mark to the next closing mark on the line, with no other
# opening mark of its kind inside: without that, every one of a line of opening marks would
# scan the rest of the line.
_QUOTED = re.compile(r"\"[^\"\n]*+\"|“[^“”\n]*+”|‘[^‘’\n]*+’")


@dataclass(frozen=True)
class TermWarning:
    term: str
    found: str
    suggestion: str


def stigmatising_terms(text):
    """Stigmatising words used outside quotation marks, with suggested alternatives."""
    unquoted = _QUOTED.sub(" ", text or "")
    warnings = []
    for pattern, term, suggestion in STIGMATISING_TERMS:
        for match in re.finditer(pattern, unquoted, flags=re.IGNORECASE):
            warnings.append(TermWarning(term=term, found=match.group(0), suggestion=suggestion))
    return warnings


class _TextBlocks(HTMLParser):
    """Collect the text of each block (paragraph, list item, heading, cell) separately."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote", "pre", "caption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.blocks.append([])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.blocks.append([])

    def handle_data(self, data):
        self.blocks[-1].append(data)


def text_blocks(html):
    """The readable text of an HTML fragment, one string per block."""
    parser = _TextBlocks()
    parser.feed(html or "")
    parser.close()
    blocks = (" ".join("".join(parts).split()) for parts in parser.blocks)
    return [block for block in blocks if block]


_WORD = re.compile(r"[A-Za-z]++(?:['’][A-Za-z]++)*+")
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++(?=\s|$)")


# Vowel-group counting with corrections, after Greg Fast's Lingua::EN::Syllable:
# patterns that join two groups into one syllable, and patterns that split one in two.
_JOINED = [
    re.compile(p)
    for p in (
        r"cial", r"tia", r"cius", r"cious", r"giu", r"ion", r"iou", r"sia$", r".ely$", r"[^td]ed$",
        r"[aeiouy][^aeiouyslxzcg]es$", r"[aeiouy]les$",
    )
]  # fmt: skip
_SPLIT = [
    re.compile(p)
    for p in (
        r"ia", r"riet", r"dien", r"iu", r"io", r"ii", r"[aeiouym]bl$", r"[aeiou]{3}", r"^mc", r"ism$",
        r"([^aeiouy])\1l$", r"[^l]lien", r"^coa[dglx].", r"[^gq]ua[^auieo]", r"dnt$",
        r"(?<![aeiouy])[aeiouy]ing$", r"eo",
    )
]  # fmt: skip


@functools.lru_cache(maxsize=65536)
def count_syllables(word):
    """Estimate the syllables in an English word (good enough for a reading-ease score)."""
    word = re.sub(r"[^a-z]", "", re.sub(r"['’]s$", "", word.lower()))
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    stem = word[:-1] if word.endswith("e") else word
    count = len([group for group in re.split(r"[^aeiouy]+", stem) if group])
    count -= sum(1 for pattern in _JOINED if pattern.search(stem))
    count += sum(1 for pattern in _SPLIT if pattern.search(stem))
    return max(1, count)


def count_sentences(block):
    ends = len(_SENTENCE_END.findall(block))
    # A block that does not end with a full stop (a heading, a list item) is still one sentence.
    if not _SENTENCE_END.search(block.rstrip()[-1:] + " ") if block.strip() else False:
        ends += 1
    return max(ends, 1)


def reading_ease(blocks):
    """Flesch reading ease of a list of text blocks (higher is easier; 60+ is plain English)."""
    words = sentences = syllables = 0
    for block in blocks:
        block_words = _WORD.findall(block)
        if not block_words:
            continue
        words += len(block_words)
        sentences += count_sentences(block)
        syllables += sum(count_syllables(word) for word in block_words)
    if not words:
        return None
    return round(206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words), 1)


def word_count(blocks):
    return sum(len(_WORD.findall(block)) for block in blocks)


# Triage advice belongs in the care cards (content.models.CareCard), written once per tier
# and region; an article that words it itself can drift from them and contradict them.
TRIAGE_WORDING = re.compile(
    r"\b(?:go|going|get|head)\s++(?:straight\s++)?to\s++(?:A&E|the\s++emergency\s++room|an?\s++(?:hospital\s++)?emergency\s++department|the\s++ER)\b"
    r"|\b(?:call|dial|ring|phone)\s++(?:999|911|112|000|an\s++ambulance|triple\s++zero|the\s++emergency\s++number)\b"
    r"|\bsame[- ]day\b",
    re.IGNORECASE,
)
CARD_EMBED_LINE = re.compile(r"^[ \t]*+\[\[card[^\]\n]*+\]\][ \t]*+$", re.MULTILINE)

# A sentence with a figure or a study word needs a citation: a percentage, a price, "N in M",
# a fraction, or a number with a unit of time or dose; study, trial, research, survey, review.
FIGURE = re.compile(
    r"(?<!\d)\d++(?:\.\d++)?\s*+(?:%|per ?cent)"
    r"|(?:[£€]|\bA?\$)\s?\d"
    r"|\b\d++\s++in\s++\d++\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s++in\s++(?:two|three|four|five|six|seven|eight|nine|ten|\d++)\b"
    r"|\b(?:a|one)\s++(?:quarter|third|fifth)\b|\bhalf\s++of\b"
    r"|\b\d++(?:\.\d++)?(?:\s*+(?:to|-|–)\s*+\d++)?\s*+(?:hours?|days?|weeks?|months?|years?|mg|ml|micrograms?|µg)\b",
    re.IGNORECASE,
)
STUDY_WORD = re.compile(r"\b(?:study|studies|trial|trials|research|survey|surveys|review|reviews)\b", re.IGNORECASE)
CITATION = re.compile(r"\[\^([a-z0-9-]++)\]")
# A link's words, not its address. The words hold no bracket and the address no parenthesis,
# so a long run of "[" or "](" is passed over once.
LINK = re.compile(r"\[([^\[\]]++)\]\([^()]*+\)")
LINE_MARKUP = re.compile(r"^[ \t]*+(?:#++|[-*]|\d++\.|!!!.*|:::.*)[ \t]*+", re.MULTILINE)
# A marker after the full stop belongs to the sentence.
MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\[\^[a-z0-9-]++\])++)")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s++|\n")
HELP_SECTION = "## Where to get help"


def triage_outside_cards(markdown_text):
    """Triage wording ("go to A&E", "call 999", "same day") written in an article's own words."""
    return [match.group(0) for match in TRIAGE_WORDING.finditer(CARD_EMBED_LINE.sub(" ", markdown_text or ""))]


def claim_sentences(markdown_text):
    """The sentences of an article's Markdown, with any citation markers, up to "Where to get help"."""
    text = (markdown_text or "").split(HELP_SECTION)[0]
    text = CARD_EMBED_LINE.sub(" ", text)
    text = LINK.sub(r"\1", text)
    text = LINE_MARKUP.sub("", text)
    text = MARKERS_AFTER_STOP.sub(r"\2\1", text)
    return [sentence.strip() for sentence in SENTENCE_BREAK.split(text) if sentence.strip()]


def uncited_claims(markdown_text):
    """Sentences with a figure or a study word and no citation marker."""
    return [
        sentence
        for sentence in claim_sentences(markdown_text)
        if (FIGURE.search(sentence) or STUDY_WORD.search(sentence)) and not CITATION.search(sentence)
    ]


PLAIN_WORDS_ADVICE = (
    "Figures and study results belong in the text, with their source; keep the summary and key points in plain words."
)


def claims_in_plain_text(summary, key_points):
    """The summary and key points that hold a figure or a study word, as (label, text) pairs.

    They are shown as plain text, so they cannot carry a citation marker: a figure or a
    study result there would stand without its source. It belongs in the body, cited.
    """
    parts = [("Summary", summary or "")]
    parts += [(f"Key point {number}", point or "") for number, point in enumerate(key_points or [], start=1)]
    return [(label, text) for label, text in parts if FIGURE.search(text) or STUDY_WORD.search(text)]


def citation_problems(body, sources):
    """Markers that point to no source, or to a source a region's readers are not shown.

    `sources` are (key, regions) pairs; empty regions mean every region.
    """
    keys = {key: set(shown) for key, shown in sources if key}
    problems = []
    for key in sorted(set(CITATION.findall(body or ""))):
        if key not in keys:
            problems.append(f"[^{key}] points to no source: give one of the sources the key “{key}”.")
    try:
        for region in regions.REGIONS:
            for key in sorted(set(CITATION.findall(regions.for_region(body or "", region)))):
                if key in keys and keys[key] and region not in keys[key]:
                    problems.append(
                        f"[^{key}] is cited in text readers in {region} see, but its source is not shown to them."
                    )
    except regions.RegionSyntaxError:
        pass  # reported as a syntax error
    return problems


REVIEW_SOON_DAYS = 30
MIN_SOURCES = 2


@dataclass(frozen=True)
class ContentWarning:
    code: str
    message: str


def review_state(next_review_due, today, soon_days=REVIEW_SOON_DAYS):
    """ "missing", "overdue", "due_soon" (within `soon_days`) or "ok"."""
    if next_review_due is None:
        return "missing"
    days_left = (next_review_due - today).days
    if days_left < 0:
        return "overdue"
    if days_left <= soon_days:
        return "due_soon"
    return "ok"


def article_warnings(
    *, text, reading_ease_score, source_count, key_points, next_review_due, today, body="", sources=(), summary=""
):
    """Everything an editor should look at before an article goes out. Warnings never block saving."""
    warnings = [
        ContentWarning("language", f"“{term.found}” can stigmatise: try “{term.suggestion}”.")
        for term in stigmatising_terms(text)
    ]
    for found in dict.fromkeys(triage_outside_cards(body)):
        warnings.append(
            ContentWarning(
                "triage", f"“{found}” is triage advice: embed the care card instead, e.g. [[card urgent_now]]."
            )
        )
    try:
        claims = {
            sentence for region in regions.REGIONS for sentence in uncited_claims(regions.for_region(body, region))
        }
    except regions.RegionSyntaxError:
        claims = set()
    for sentence in sorted(claims):
        short = sentence if len(sentence) <= 90 else sentence[:89] + "…"
        warnings.append(ContentWarning("citations", f"Needs a citation marker such as [^key]: “{short}”"))
    warnings.extend(ContentWarning("citations", problem) for problem in citation_problems(body, sources))
    for label, found in claims_in_plain_text(summary, key_points):
        short = found if len(found) <= 90 else found[:89] + "…"
        warnings.append(ContentWarning("citations", f"{label}: “{short}” {PLAIN_WORDS_ADVICE}"))
    if reading_ease_score is not None and reading_ease_score < READING_EASE_TARGET:
        warnings.append(
            ContentWarning(
                "reading_ease",
                f"Reading ease is {reading_ease_score:g}; the target is {READING_EASE_TARGET} or more. "
                "Try shorter sentences and everyday words.",
            )
        )
    if source_count == 0:
        warnings.append(ContentWarning("sources", "No sources: add at least two authoritative sources."))
    elif source_count < MIN_SOURCES:
        warnings.append(ContentWarning("sources", f"Only {source_count} source: add at least {MIN_SOURCES}."))
    if not key_points:
        warnings.append(ContentWarning("key_points", "No key points: add three to five, one per line."))
    elif not 3 <= len(key_points) <= 5:
        warnings.append(ContentWarning("key_points", f"{len(key_points)} key points: three to five read best."))
    state = review_state(next_review_due, today)
    if state == "overdue":
        warnings.append(ContentWarning("review", f"Review overdue since {next_review_due:%-d %B %Y}."))
    elif state == "due_soon":
        warnings.append(ContentWarning("review", f"Review due by {next_review_due:%-d %B %Y}."))
    elif state == "missing":
        warnings.append(ContentWarning("review", "No review date: add when it was last reviewed."))
    return warnings


def publishing_problems(*, source_count, next_review_due, today):
    """Reasons an article may not be published yet (an empty list means it may)."""
    problems = []
    if source_count == 0:
        problems.append("it has no sources")
    if review_state(next_review_due, today) == "overdue":
        problems.append(f"its review was due on {next_review_due:%-d %B %Y}: review it and update the dates first")
    return problems
