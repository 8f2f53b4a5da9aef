"""Pages that route people to help: the questionnaire, its result, and /get-help/."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from content.models import Article
from pathways import contacts, rules
from pathways.forms import StepForm
from pathways.journey import State, StateError
from pathways.models import HelpContact, PathwayOption
from pathways.questions import QUESTION_BY_ID, QUESTIONS, STEP_IDS, next_step, previous_step
from recovery_portal.page_cache import generation, public_page

logger = logging.getLogger(__name__)

FIT_LABELS = {rules.STRONG: "Strong fit", rules.POSSIBLE: "Possible fit", rules.LESS_SUITED: "Less suited"}
OPTION_TITLES = dict(PathwayOption.KEYS)
REFERENCE_SECONDS = 300
MODEL_FIELDS = hashlib.sha256(
    repr(
        [[field.attname for field in model._meta.concrete_fields] for model in (PathwayOption, HelpContact, Article)]
    ).encode()
).hexdigest()[:12]


@public_page
def get_help(request):
    region = settings.PORTAL_REGION
    grouped = contacts.contacts_by_region(region)
    local, others = grouped if grouped is not None else (None, None)
    return render(
        request,
        "pathways/get_help.html",
        {
            "local_contacts": local,
            "other_contacts": others,
            "fallback_regions": None if grouped is not None else settings.FALLBACK_HELP,
            "region_name": settings.PORTAL_REGIONS[region],
            "region_names": settings.PORTAL_REGIONS,
        },
    )


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
    """Every step of the questionnaire, its "check your answers" page and its result.

    The answers so far travel in the signed `state` field; `step` names the question
    being answered and `action` says which button was pressed.
    """
    if request.method in ("GET", "HEAD"):
        return render_step(request, State(), STEP_IDS[0])
    try:
        state = State.loads(request.POST.get("state", ""))
    except StateError as error:
        return render(request, "pathways/restart.html", {"expired": error.expired}, status=400)

    action = request.POST.get("action", "continue")
    step = request.POST.get("step", "")
    if action == "continue" and step in QUESTION_BY_ID:
        return answer_step(request, state, step)
    if action == "back" and step in QUESTION_BY_ID:
        previous = previous_step(step)
        return render_step(request, state, previous) if previous else start(request)
    if action == "change" and request.POST.get("change") in QUESTION_BY_ID:
        state.reviewing = True
        return render_step(request, state, request.POST["change"])
    if action == "check":
        return render_check(request, state)
    if action == "result":
        return render_result(request, state)
    return render(request, "pathways/restart.html", {"expired": False}, status=400)


def answer_step(request, state, step):
    form = StepForm(QUESTION_BY_ID[step], state.for_other, data=request.POST)
    if not form.is_valid():
        return render_step(request, state, step, form=form, status=200)
    state.answers[step] = form.answer
    following = next_step(step)
    if state.reviewing or following is None:
        return render_check(request, state)
    return render_step(request, state, following)


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
    return render(request, "pathways/step.html", context, status=status)


def render_check(request, state):
    state.reviewing = False
    missing = state.first_unanswered()
    if missing:
        return render_step(request, state, missing)
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
    return render(request, "pathways/check.html", {"rows": rows, "state": state.dumps()})


def render_result(request, state):
    if state.first_unanswered():
        return render_check(request, state)
    result = rules.evaluate(state.answers)
    region = settings.PORTAL_REGION
    reference = result_reference(region, family=result.for_family)
    context = {
        "result": result,
        "suggestions": present_suggestions(result, reference["options"] or {}),
        "urgent": set(result.urgent_flags),
        "medical_advice": settings.URGENT_MEDICAL_ADVICE[region],
        "state": state.dumps(),
        "for_other": state.for_other,
        **(reference["contacts"] or {"professional_contacts": None, "family_contacts": None, "family_articles": []}),
    }
    return render(request, "pathways/result.html", context)


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
    key = f"pathways:result-reference:{MODEL_FIELDS}:{generation()}:{region}:{int(family)}"
    reference = cache.get(key) if seconds else None
    if reference is None:
        reference = {"options": read_options(), "contacts": read_contacts(region, family)}
        if seconds and None not in reference.values():
            cache.set(key, reference, seconds)
    return reference


def read_options():
    try:
        return {
            option.key: option
            for option in PathwayOption.objects.prefetch_related(
                Prefetch("articles", queryset=Article.objects.published().only("title", "slug", "summary"))
            )
        }
    except DatabaseError:
        logger.warning("Pathway options could not be read; showing the result without their texts.")
        return None


def read_contacts(region, family):
    """Helplines and service finders for "talk to a professional", and family support."""
    kinds = [HelpContact.Kind.HELPLINE, HelpContact.Kind.SERVICE_FINDER, HelpContact.Kind.CRISIS_LINE]
    if family:
        kinds.append(HelpContact.Kind.FAMILY_SUPPORT)
    try:
        found = list(HelpContact.objects.filter(region__in=[region, HelpContact.ALL_REGIONS], kind__in=kinds))
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
    return {
        "professional_contacts": [c for c in found if c.kind != HelpContact.Kind.FAMILY_SUPPORT],
        "family_contacts": [c for c in found if c.kind == HelpContact.Kind.FAMILY_SUPPORT],
        "family_articles": family_articles,
    }


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
