"""The four regions the portal serves, and the words that belong to only some of them.

Pure Python with no Django: the questionnaire's rules, the content checks and the tests
read it. A page for one region must never use another region's services, numbers, costs
or law; `foreign_terms(text, region)` finds any that slipped in.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str  # the first part of every public URL: /uk/, /us/, /ie/, /au/
    name: str  # "United Kingdom"
    short_name: str  # "the UK", as in "Not in the UK?"
    hreflang: str  # the page's language tag, and its alternates' hreflang
    language: str  # Django's language code for the region's pages (reverse() builds their URLs)


REGION_LIST = (
    Region("uk", "United Kingdom", "the UK", "en-GB", "en-gb"),
    Region("us", "United States", "the US", "en-US", "en-us"),
    Region("ie", "Ireland", "Ireland", "en-IE", "en-ie"),
    Region("au", "Australia", "Australia", "en-AU", "en-au"),
)
REGION_BY_CODE = {region.code: region for region in REGION_LIST}
REGION_BY_LANGUAGE = {region.language: region for region in REGION_LIST}
REGIONS = tuple(REGION_BY_CODE)

# Region passages in article Markdown: marker lines of their own, which may be indented to
# sit inside a list or a callout. Unmarked text is for every region.
#
#     ::: region us ie
#     Text only readers in the US and Ireland see.
#     :::
PASSAGE_START = re.compile(r"^[ \t]*:::[ \t]*region\b(?P<ids>[^\n]*)$")
PASSAGE_END = re.compile(r"^[ \t]*:::[ \t]*$")


class RegionSyntaxError(ValueError):
    """A region passage that cannot be read; the message names the line, for the editor."""


def split_passages(text):
    """[(regions or None for everyone, [lines])], in order. Raises RegionSyntaxError."""
    parts, current, open_regions, opened_on = [], [], None, 0
    for number, line in enumerate((text or "").splitlines(), start=1):
        start = PASSAGE_START.match(line)
        if start:
            if open_regions is not None:
                raise RegionSyntaxError(
                    f"Line {number}: a region passage cannot start inside another one (opened on line {opened_on}). "
                    "Close the first with ':::' before starting the next."
                )
            ids = start.group("ids").split()
            if not ids:
                raise RegionSyntaxError(
                    f"Line {number}: name at least one region after '::: region' ({', '.join(REGIONS)})."
                )
            unknown = [code for code in ids if code not in REGION_BY_CODE]
            if unknown:
                raise RegionSyntaxError(
                    f"Line {number}: {unknown[0]!r} is not a region. Use {', '.join(REGIONS)}, for example '::: region us ie'."
                )
            parts.append((None, current))
            current, open_regions, opened_on = [], frozenset(ids), number
        elif PASSAGE_END.match(line):
            if open_regions is None:
                raise RegionSyntaxError(f"Line {number}: ':::' closes a region passage, but none is open.")
            parts.append((open_regions, current))
            current, open_regions = [], None
        else:
            current.append(line)
    if open_regions is not None:
        raise RegionSyntaxError(f"Line {opened_on}: the region passage that starts here is never closed with ':::'.")
    parts.append((None, current))
    return [(regions, lines) for regions, lines in parts if lines]


def for_region(text, region):
    """The text a reader in `region` sees: unmarked text and the passages marked for it."""
    return "\n".join(
        line for regions, lines in split_passages(text) if regions is None or region in regions for line in lines
    )


def regions_with_passages(text):
    """The regions some passage of `text` is marked for."""
    return set().union(*(regions for regions, _ in split_passages(text) if regions))


# Terms that belong to some regions only: (pattern, label, regions where it may appear).
# Word boundaries keep numbers inside larger numbers (1,000; 9110) from matching.
N = r"(?<![\d,.\-])"  # not part of a longer number
E = r"(?![\d,\-]|\.\d)"
TERMS = [
    # United Kingdom
    (r"\bNHS\b", "NHS", {"uk"}),
    (r"\bA&(?:amp;)?E\b", "A&E", {"uk"}),
    (r"\bFRANK\b|talktofrank", "FRANK", {"uk"}),
    (N + r"111" + E, "111", {"uk"}),
    (N + r"999" + E, "999", {"uk", "ie"}),
    (r"\bSamaritans\b", "Samaritans", {"uk", "ie"}),
    (r"116 ?123", "116 123", {"uk", "ie"}),
    (r"£|\bpounds?\b(?! of)", "pounds", {"uk"}),
    (r"\bClass [ABC]\b", "Class A/B/C", {"uk"}),
    (r"\bCQC\b|Care Quality Commission", "CQC", {"uk"}),
    (r"\bAdfam\b", "Adfam", {"uk"}),
    (r"\bEngland\b|\bScotland\b|\bScottish\b|\bWales\b|\bWelsh\b|Northern Ireland", "UK nations", {"uk"}),
    (r"\bNICE\b", "NICE", {"uk"}),
    (r"\bMHRA\b", "MHRA", {"uk"}),
    (r"0800 ?1111", "Childline UK", {"uk"}),
    (r"\bUK\b|United Kingdom|\bBritain\b|\bBritish\b", "the UK by name", {"uk"}),
    # United States
    (N + r"911" + E, "911", {"us"}),
    (N + r"988" + E, "988", {"us"}),
    (r"\bMedicaid\b", "Medicaid", {"us"}),
    (r"\bSAMHSA\b", "SAMHSA", {"us"}),
    (r"FindTreatment\.gov|findtreatment", "FindTreatment.gov", {"us"}),
    (r"\bemergency room\b|\bER\b", "emergency room", {"us"}),
    (r"\bFDA\b|Food and Drug Administration", "FDA", {"us"}),
    (r"\bREMS\b", "REMS", {"us"}),
    (r"\bEKRA\b", "EKRA", {"us"}),
    (r"\bDEA\b", "DEA", {"us"}),
    (r"Schedule III\b", "Schedule III", {"us"}),
    (r"\bMarketplace\b|HealthCare\.gov|Affordable Care Act", "US insurance", {"us"}),
    (r"sliding[- ]fee|sliding[- ]scale", "sliding-fee", {"us"}),
    (r"Partnership to End Addiction|DRUGFREE|drugfree\.org", "Partnership to End Addiction", {"us"}),
    (r"\bacetaminophen\b|\bTylenol\b", "acetaminophen", {"us"}),
    (r"\bUS\$|(?<![A-Z])\$\d", "US dollars", {"us"}),
    (r"\bUS\b|\bU\.S\.|United States|\bAmerican?\b", "the US by name", {"us"}),
    # Ireland
    (r"(?<!Northern )\bIreland\b|\bIrish\b", "Ireland by name", {"ie"}),
    (r"\bHSE\b", "HSE", {"ie"}),
    (N + r"112" + E, "112", {"ie"}),
    (r"drugs\.ie", "drugs.ie", {"ie"}),
    (r"€|\beuros?\b", "euro", {"ie"}),
    (r"\bGardaí\b|\bGarda\b", "Garda", {"ie"}),
    (r"\bmedical card\b", "medical card", {"ie"}),
    (r"\bHPRA\b", "HPRA", {"ie"}),
    (r"\bPieta\b", "Pieta", {"ie"}),
    (r"\bISPCC\b|1800 ?66 ?66 ?66", "Childline Ireland", {"ie"}),
    # Australia
    (N + r"000" + E, "000", {"au"}),
    # Not the US "988 Suicide & Crisis Lifeline", nor Northern Ireland's Lifeline (0808 808 8000).
    (r"(?<!Crisis )\bLifeline\b(?!\s*(?:\(Northern Ireland\)|on\s+\[?0808))", "Lifeline", {"au"}),
    (r"13 ?11 ?14", "13 11 14", {"au"}),
    (r"\bhealthdirect\b", "healthdirect", {"au"}),
    (r"Kids Helpline|1800 ?55 ?1800", "Kids Helpline", {"au"}),
    (r"1800RESPECT", "1800RESPECT", {"au"}),
    (r"\bTGA\b|Therapeutic Goods Administration", "TGA", {"au"}),
    (r"Schedule 8\b", "Schedule 8", {"au"}),
    (r"Family Drug Support", "Family Drug Support", {"au"}),
    (r"\bA\$|\bAUD\b", "Australian dollars", {"au"}),
    (r"\bPBS\b|Pharmaceutical Benefits Scheme", "PBS", {"au"}),
    (r"\bAustralian?\b", "Australia by name", {"au"}),
    # Shared by some regions
    (r"\bMedicare\b", "Medicare", {"us", "au"}),
    (r"\bGPs?\b|general practitioner", "GP", {"uk", "ie", "au"}),
    (r"\bparacetamol\b", "paracetamol", {"uk", "ie", "au"}),
]
COMPILED = [(re.compile(pattern), label, frozenset(regions)) for pattern, label, regions in TERMS]


def foreign_terms(text, region):
    """Labels of terms in `text` that do not belong to `region`."""
    return sorted({label for pattern, label, regions in COMPILED if region not in regions and pattern.search(text)})


def misplaced_terms(text):
    """[(line, term, regions that would see it wrongly)] for region terms outside a passage for them."""
    found = []
    for regions, lines in split_passages(text):
        seen_by = set(REGIONS) if regions is None else set(regions)
        for line in lines:
            for pattern, label, allowed in COMPILED:
                if not seen_by <= allowed and pattern.search(line):
                    found.append((line.strip(), label, sorted(seen_by - allowed)))
    return found
