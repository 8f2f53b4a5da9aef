"""The four regions the portal serves, and the words that belong to only some of them.

Pure Python with no Django: the questionnaire's rules, the content checks and the tests
read it. A page for one region must never use another region's services, numbers, costs
or law; `foreign_terms(text, region)` finds any that slipped in.
"""

import re

REGIONS = ("uk", "us", "ie", "au")

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
    (r"(?<!Crisis )\bLifeline\b", "Lifeline", {"au"}),
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
