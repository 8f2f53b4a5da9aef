"""The words the questionnaire's reasons use for each region: services, routes and costs.

Pure data with no Django, read by rules.py. A reason for a visitor in one region never
borrows another region's words: the NHS is never offered to a reader in the US, nor
Medicaid to a reader in the UK. Each entry was checked against the services' own
sites (see the help contacts fixture for the numbers and the dates they were checked).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionWords:
    doctor: str  # who to see for a health check
    first_route: str  # the "talk to a professional" line, and the first step the reasons name
    local_service: str  # the usual way into community treatment
    free_route: str  # what is free or low cost, for "needs to be free or low cost"
    residential_route: str  # how a residential place is arranged and paid for (a sentence)
    maternity: str  # who to tell when pregnant
    young_people_route: str  # how a young person gets help
    emergency_department: str
    domestic_abuse_line: str  # named when someone at home faces violence, abuse or threats
    housing_line: str  # named when there is no stable home


REGION_WORDS = {
    "uk": RegionWords(
        doctor="a GP",
        first_route=(
            "A GP or a local drug and alcohol service can talk this through in confidence; in most of the UK, drug "
            "and alcohol services accept self-referrals."
        ),
        local_service="a local NHS or council-funded drug and alcohol service",
        free_route="NHS and council-funded drug and alcohol services are free, and most take self-referrals",
        residential_route=(
            "A local drug and alcohol service can assess whether a funded residential place is right and apply for "
            "it; private places cost money."
        ),
        maternity="midwife",
        young_people_route="a young people's drug and alcohol service (a GP, school nurse or FRANK can find one)",
        emergency_department="A&E",
        domestic_abuse_line="the National Domestic Abuse Helpline (0808 2000 247, free, 24 hours)",
        housing_line="Shelter's free helpline (0808 800 4444)",
    ),
    "us": RegionWords(
        doctor="a doctor",
        first_route=(
            "A doctor or a state-licensed treatment program can talk this through in confidence; FindTreatment.gov "
            "and the SAMHSA National Helpline (1-800-662-4357) can find one nearby."
        ),
        local_service="a state-licensed outpatient treatment program",
        free_route=(
            "Medicaid covers treatment, community health centers charge on a sliding fee scale, and "
            "FindTreatment.gov and the SAMHSA National Helpline can find low-cost and state-funded programs"
        ),
        residential_route=(
            "An assessment decides the level of care; insurance, Medicaid or a state-funded program may pay, so "
            "check what is covered and that the program is state-licensed."
        ),
        maternity="prenatal care provider",
        young_people_route="an adolescent treatment program (FindTreatment.gov and a doctor can find one)",
        emergency_department="the emergency room",
        domestic_abuse_line="the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788)",
        housing_line="211, the free helpline for local housing and shelter help",
    ),
    "ie": RegionWords(
        doctor="a GP",
        first_route=(
            "A GP or an HSE drug and alcohol service can talk this through in confidence; the HSE Drugs and Alcohol "
            "Helpline (1800 459 459) can find a service nearby, and most services accept self-referrals."
        ),
        local_service="a local HSE drug and alcohol service",
        free_route="HSE drug and alcohol services are free, and most take self-referrals",
        residential_route=(
            "An HSE drug and alcohol service can assess whether a funded residential place is right and make the "
            "referral; private places cost money."
        ),
        maternity="midwife",
        young_people_route="an HSE young people's drug and alcohol service (a GP or the HSE helpline can find one)",
        emergency_department="the emergency department",
        domestic_abuse_line="Women's Aid (1800 341 900, free, 24 hours)",
        housing_line="Threshold's free advice line (1800 454 454)",
    ),
    "au": RegionWords(
        doctor="a GP",
        first_route=(
            "A GP or a public alcohol and other drug service can talk this through in confidence; the National "
            "Alcohol and Other Drug Hotline (1800 250 015) connects callers with the alcohol and drug service for each state and territory."
        ),
        local_service="a public alcohol and other drug service",
        free_route="public alcohol and other drug services are free or low cost",
        residential_route=(
            "A public alcohol and other drug service can assess whether a residential place is right and make the "
            "referral; public places are free or low cost, and private places cost money."
        ),
        maternity="midwife",
        young_people_route="a youth alcohol and other drug service (a GP or headspace can find one)",
        emergency_department="the emergency department",
        domestic_abuse_line="1800RESPECT (1800 737 732, 24 hours)",
        housing_line="Ask Izzy (askizzy.org.au), which finds housing and shelter help nearby",
    ),
}
