"""Synthetic articles for benchmarks and tests: many published articles, made quickly.

They are clearly marked (slugs start "synthetic-", titles end "(synthetic)", and every body
opens by saying it is test text), are never written to fixtures/, and are meant for a
scratch database (`manage.py generate_articles N --scratch`). They are made with bulk
inserts and pre-built HTML for each region, not through Article.save(), so 10,000 articles
take seconds; no history is recorded for them. Their search vectors are filled like any
article's (content.search_index).

The words are drawn, with a fixed seed, from the vocabulary of the real library, so that
searches for common words ("ketamine", "bladder") match thousands of articles and rarer
ones a few, as they would on a large site.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

from content import search_index
from content.models import Article, ArticleProposal, ArticleRendering, ArticleSearchHead, Topic
from content.regions import REGIONS

SLUG_PREFIX = "synthetic-"
TITLE_MARK = "(synthetic)"
NOTICE = "This is synthetic test text, made by generate_articles for benchmarks. It is not health advice."
BATCH = 500


def _words(text):
    return text.split()


COMMON = _words(
    "ketamine bladder withdrawal craving support family treatment therapy sleep pain kidney detox counselling "
    "recovery urine doctor nurse service helpline friend worry plan goal week day night habit trigger"
)
RARE = _words(
    "cystitis hydronephrosis dissociation tolerance naloxone esketamine urologist motivational contingency "
    "relapse lapse aftercare residential outpatient referral confidential sepsis jaundice insomnia anxiety"
)
FILLER = _words(
    "the a and of to in is it that for with as on be at by this have from or one had but not what all were "
    "when we there can an your which their said if do will each about how up out them then she many some so "
    "these would other into has more her two like him see time could no make than first been its who now people "
    "my made over did down only way find use may water long little very after words called just where most know"
)
TITLE_WORDS = _words("Ketamine Bladder Withdrawal Cravings Sleep Family Therapy Detox Kidneys Support Recovery Pain")


def sentence(rng):
    words = [rng.choice(FILLER) for _ in range(rng.randint(8, 16))]
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(len(words)), rng.choice(COMMON))
    if rng.random() < 0.08:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    return " ".join(words).capitalize() + "."


def paragraphs(rng, count):
    return [" ".join(sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(count)]


def generate(count, start=None, paragraph_count=4, seed=16):
    """Add `count` synthetic published articles, spread over the existing topics; returns how many.

    Numbering carries on after the synthetic articles already there, so it can be run again.
    """
    topics = list(Topic.objects.order_by("order", "pk"))
    if not topics:
        topics = [Topic.objects.create(title="Synthetic topic", slug="synthetic-topic", summary=NOTICE)]
    first = start if start is not None else Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    rng = random.Random(seed + first)
    now = timezone.now()
    made = 0
    for batch_start in range(first, first + count, BATCH):
        numbers = range(batch_start, min(batch_start + BATCH, first + count))
        articles, texts = [], []
        for number in numbers:
            title_words = rng.sample(TITLE_WORDS, 2)
            title = f"{title_words[0]} and {title_words[1].lower()} {number} {TITLE_MARK}"
            body_paragraphs = [NOTICE, *paragraphs(rng, paragraph_count)]
            summary = sentence(rng)
            articles.append(
                Article(
                    title=title,
                    slug=f"{SLUG_PREFIX}{number}",
                    topic=topics[number % len(topics)],
                    audience=rng.choice(list(Article.Audience.values)),
                    summary=summary,
                    key_points="\n".join(sentence(rng) for _ in range(3)),
                    body="\n\n".join(["## About this text", *body_paragraphs]),
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(days=1 + number % 700),
                    status_changed_at=now,
                    last_reviewed=now.date(),
                    next_review_due=now.date() + timedelta(days=365),
                    reviewed_by="Synthetic data",
                    word_count=sum(len(p.split()) for p in body_paragraphs),
                )
            )
            texts.append(body_paragraphs)
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=BATCH)
            renderings = []
            for article, body_paragraphs in zip(articles, texts, strict=True):
                html = '<h2 id="section-about-this-text">About this text</h2>\n' + "\n".join(
                    f"<p>{escape(p)}</p>" for p in body_paragraphs
                )
                for region in REGIONS:
                    renderings.append(
                        ArticleRendering(
                            article=article,
                            region=region,
                            body_html=html,
                            contents=[{"id": "section-about-this-text", "title": "About this text"}],
                            search_text=" ".join(["About this text", *body_paragraphs]),
                            word_count=article.word_count,
                        )
                    )
            ArticleRendering.objects.bulk_create(renderings, batch_size=BATCH * len(REGIONS))
            search_index.update([article.pk for article in articles])
        made += len(articles)
    if connection.vendor == "postgresql":
        # The planner must know the tables grew, or it plans for a few rows; VACUUM also marks
        # the new rows visible to all, so list pages can be read from their indexes alone (it
        # cannot run inside a transaction, as in tests: autovacuum does it there, later).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} content_article, content_articlerendering, content_articlesearchhead")
    return made


def remove():
    """Delete every synthetic article (and, by cascade, its renderings); returns how many."""
    doomed = Article.objects.filter(slug__startswith=SLUG_PREFIX)
    count = doomed.count()
    ArticleProposal.objects.filter(article__in=doomed).delete()
    ArticleRendering.objects.filter(article__in=doomed).delete()
    ArticleSearchHead.objects.filter(article__in=doomed).delete()
    Article.related_articles.through.objects.filter(from_article__in=doomed).delete()
    doomed._raw_delete(doomed.db)
    Topic.objects.filter(slug="synthetic-topic", articles__isnull=True).delete()
    return count
