"""Pages that route people to help: the questionnaire, its result, and /get-help/."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Prefetch
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from content import cards
from content.models import Article
from pathways import contacts, rules
from pathways.forms import StepForm
from pathways.journey import State, StateError
from pathways.models import HelpContact, PathwayOption
from pathways.questions import QUESTION_BY_ID, QUESTIONS, STEP_IDS, URGENT_ANSWERS, next_step, previous_step
from pathways.region_words import REGION_WORDS
from recovery_portal.page_cache import public_page, version
from recovery_portal.regions import region_of

logger = logging.getLogger(__name__)

FIT_LABELS = {rules.STRONG: "Strong fit", rules.POSSIBLE: "Possible fit", rules.LESS_SUITED: "Less suited"}
OPTION_TITLES = dict(PathwayOption.KEYS)
REFERENCE_SECONDS = 300
INTERRUPT_AFTER = "happening_now"  # urgent answers to this step interrupt the questions
MODEL_FIELDS = hashlib.sha256(
    repr(
        [[field.attname for field in model._meta.concrete_fields] for model in (PathwayOption, HelpContact, Article)]
    ).encode()
).hexdigest()[:12]


@public_page
def get_help(request):
    region = region_of(request)
    grouped = contacts.contacts_by_region(region)
    context = {
        "urgent_cards": cards.cards(region, ["emergency", "crisis", "urgent_now", "urgent_today"]),
        "local_contacts": grouped,
    }
    return render(request, "pathways/get_help.html", context)


@public_page
def start(request):
    return render(request, "pathways/start.html", {"step_count": len(QUESTIONS)})


@public_page
def quick_exit_help(request):
    return render(request, "pathways/quick_exit.html")


# The questionnaire stores nothing and changes nothing on the server, so a forged
# submission can do no harm; exempting it from CSRF means no cookie is ever set.
@csrf_exempt
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def questions(request):
    """Every step of the questionnaire, its interrupt page, "check your answers" page,
    result and print view.

    The answers so far travel in the signed `state` field; `step` names the question
    being answered and `action` says which button was pressed.
    """
    if request.method in ("GET", "HEAD"):
        return render_step(request, State(), STEP_IDS[0])
    try:
        state = State.loads(request.POST.get("state", ""))
    except StateError as error:
        context = {"expired": error.expired, "outdated": error.outdated}
        return render(request, "pathways/restart.html", context, status=400)

    action = request.POST.get("action", "continue")
    step = request.POST.get("step", "")
    if action == "continue" and step in QUESTION_BY_ID:
        return answer_step(request, state, step)
    if action == "resume" and step in QUESTION_BY_ID and step in state.answers:
        return after_step(request, state, step)
    if action == "back" and step in QUESTION_BY_ID:
        previous = previous_step(step)
        return render_step(request, state, previous) if previous else start(request)
    if action == "change" and request.POST.get("change") in QUESTION_BY_ID:
        state.reviewing = True
        return render_step(request, state, request.POST["change"])
    if action == "show" and step in QUESTION_BY_ID:
        return render_step(request, state, step)
    if action == "interrupt" and set(state.answers.get(INTERRUPT_AFTER, [])) & set(URGENT_ANSWERS):
        return render_interrupt(request, state)
    if action == "check":
        return render_check(request, state)
    if action in ("result", "print"):
        return render_result(request, state, printing=action == "print")
    return render(request, "pathways/restart.html", {"expired": False}, status=400)


def answer_step(request, state, step):
    form = StepForm(QUESTION_BY_ID[step], state.for_other, data=request.POST)
    if not form.is_valid():
        return render_step(request, state, step, form=form, status=200)
    state.answers[step] = form.answer
    if step == INTERRUPT_AFTER and set(form.answer) & set(URGENT_ANSWERS):
        return render_interrupt(request, state)
    return after_step(request, state, step)


def after_step(request, state, step):
    """The page after an answered step: the next question, or "check your answers"."""
    following = next_step(step)
    if state.reviewing or following is None:
        return render_check(request, state)
    return render_step(request, state, following)


def render_interrupt(request, state):
    """What to do now, for every urgent answer, before any other question (GOV.UK interruption card)."""
    chosen = state.answers[INTERRUPT_AFTER]
    tiers = sorted({rules.URGENCY_FOR_ANSWER[answer] for answer in chosen if answer in rules.URGENCY_FOR_ANSWER},
                   key=rules.URGENCY_ORDER.index)  # fmt: skip
    context = {
        "urgent_cards": cards.cards(region_of(request), tiers),
        "crisis": rules.CRISIS in tiers,
        "state": state.dumps(),
        "step": INTERRUPT_AFTER,
        "for_other": state.for_other,
        "reviewing": state.reviewing,
    }
    context["switch_state"] = switch_state(context["state"], "interrupt")
    return render(request, "pathways/interrupt.html", context)


def render_step(request, state, step, form=None, status=200):
    question = QUESTION_BY_ID[step]
    if form is None:
        initial = {step: state.answers[step]} if step in state.answers else {}
        form = StepForm(question, state.for_other, initial=initial)
    context = {
        "form": form,
        "question": question,
        "number": STEP_IDS.index(step) + 1,
        "step_count": len(STEP_IDS),
        "state": state.dumps(),
        "reviewing": state.reviewing,
    }
    if state.answers:
        context["switch_state"] = switch_state(context["state"], "show", step)
    return render(request, "pathways/step.html", context, status=status)


def switch_state(state, action, step=""):
    """How the region switcher shows this same page in another region: it posts the answers
    again, so a reader who switches country keeps them."""
    return {"state": state, "action": action, "step": step}


def answer_rows(state):
    """Each question's short title and the answers given, as the check and print pages list them."""
    rows = []
    for question in QUESTIONS:
        value = state.answers[question.id]
        chosen = value if isinstance(value, list) else [value]
        rows.append(
            {
                "question": question,
                "title": question.title_text(state.for_other),
                "answers": [question.choice(choice).text(state.for_other) for choice in chosen],
            }
        )
    return rows


def render_check(request, state):
    state.reviewing = False
    missing = state.first_unanswered()
    if missing:
        return render_step(request, state, missing)
    dumped = state.dumps()
    context = {"rows": answer_rows(state), "state": dumped, "switch_state": switch_state(dumped, "check")}
    return render(request, "pathways/check.html", context)


def render_result(request, state, printing=False):
    if state.first_unanswered():
        return render_check(request, state)
    region = region_of(request)
    result = rules.evaluate(state.answers, region)
    reference = result_reference(region, family=result.for_family)
    contacts_found = reference["contacts"]
    context = {
        "result": result,
        "suggestions": present_suggestions(result, reference["options"] or {}),
        "urgent_cards": cards.cards(region, result.urgent_flags),
        "first_route": REGION_WORDS[region].first_route,
        "state": state.dumps(),
        "for_other": state.for_other,
        "contacts": order_contacts(contacts_found["contacts"], result) if contacts_found else None,
        "family_contacts": contacts_found["family_contacts"] if contacts_found else None,
        "family_articles": contacts_found["family_articles"] if contacts_found else [],
    }
    context["switch_state"] = switch_state(context["state"], "print" if printing else "result")
    if printing:
        context["rows"] = answer_rows(state)
        context["print_contacts"] = print_contacts(context["contacts"], result)
        return render(request, "pathways/print.html", context)
    return render(request, "pathways/result.html", context)


def print_contacts(contacts, result):
    """The contacts for the one-page summary: everyone's phone lines, and those the answers
    call for, with the web address when a service has no phone (a young person's drug and
    alcohol service finder, say)."""
    if contacts is None:
        return []
    needed = set(result.contact_needs)
    wanted = {HelpContact.Audience.EVERYONE, *needed}
    return [
        contact
        for contact in contacts
        if contact.kind != HelpContact.Kind.EMERGENCY
        and contact.audience in wanted
        and (contact.phone or (contact.url and contact.audience in needed))
    ]


def result_reference(region, family):
    """What a result page shows whatever the answers: the options' texts with their published
    articles, and the region's contacts (None for a part the database could not give).

    It is the same for everyone, so it is kept in the cache for a few minutes, under the
    page cache's generation: any change an editor makes replaces it at once (everywhere
    with a shared cache; within those minutes on other workers with the per-process one).
    PAGE_CACHE_SECONDS=0 turns it off with the page cache. The key names the models'
    fields, so objects pickled by an older release are never read by a newer one.
    """
    seconds = min(REFERENCE_SECONDS, settings.PAGE_CACHE_SECONDS)
    key = f"pathways:result-reference:{MODEL_FIELDS}:{version()}:{region}:{int(family)}"
    reference = cache.get(key) if seconds else None
    if reference is None:
        reference = {"options": read_options(), "contacts": read_contacts(region, family)}
        if seconds and None not in reference.values():
            cache.set(key, reference, seconds)
    return reference


def read_options():
    try:
        options = list(
            PathwayOption.objects.prefetch_related(
                Prefetch("articles", queryset=Article.objects.published().only("title", "slug", "summary"))
            )
        )
    except DatabaseError:
        logger.warning("Pathway options could not be read; showing the result without their texts.")
        return None
    # What to expect and the articles of each option are rendered here, once, and kept with the
    # options in the cache: a result page then only places them.
    more = get_template("pathways/includes/option_more.html")
    for option in options:
        option.more_html = more.render({"option": option})
    return {option.key: option for option in options}


def read_contacts(region, family):
    """Every contact for the region (and the worldwide ones), and family articles for a family result."""
    try:
        found = list(HelpContact.objects.filter(region__in=[region, HelpContact.ALL_REGIONS]))
        family_articles = (
            list(
                Article.objects.published()
                .filter(audience=Article.Audience.FAMILY)
                .only("title", "slug", "summary")
                .order_by("title")[:6]
            )
            if family
            else []
        )
    except DatabaseError:
        logger.warning("Contacts for the result page could not be read; showing the fallback contacts.")
        return None
    found.sort(key=lambda contact: (contact.region == HelpContact.ALL_REGIONS, contact.order, contact.name))
    # Each line of the result page's contact list is rendered here, once, and kept with the
    # contacts in the cache: a result page then only puts them in order.
    item = get_template("pathways/includes/contact_summary_item.html")
    for contact in found:
        contact.summary_html = item.render({"contact": contact})
    return {
        "contacts": [c for c in found if c.audience != HelpContact.Audience.FAMILY],
        "family_contacts": [c for c in found if c.audience == HelpContact.Audience.FAMILY] if family else [],
        "family_articles": family_articles,
    }


def order_contacts(contacts, result):
    """Lines the answers call for (young people, domestic abuse, housing) first; then everyone's;
    other audiences' lines last, so none is hidden."""
    needed = set(result.contact_needs)

    def rank(contact):
        if contact.audience in needed:
            return 0
        return 1 if contact.audience == HelpContact.Audience.EVERYONE else 2

    return sorted(contacts, key=rank)


def present_suggestions(result, options):
    """Each suggestion with its editable text and published articles, or plain titles without them."""
    return [
        {
            "suggestion": suggestion,
            "option": options.get(suggestion.option),
            "title": options[suggestion.option].title
            if suggestion.option in options
            else OPTION_TITLES[suggestion.option],
            "fit_label": FIT_LABELS[suggestion.fit],
        }
        for suggestion in result.suggestions
    ]
