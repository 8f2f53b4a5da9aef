"""Keep what each article's page shows true: its copied page lists (Article.source_list and
related_list), and its regional texts when a care card it embeds changes.

An article page is read in one query, so it carries copies of what it shows of its
sources and related articles. These receivers refresh the copies whenever a source, a
related-articles link or a related article itself changes or goes away.

Each refresh happens twice: at once, so code in the same transaction (and the tests) see
it, and again after the transaction commits, holding the article's row lock while it
reads. Two editors saving at the same moment could otherwise each write lists read
before the other's change was committed; the after-commit refresh reads what is finally
there, and the last one to run writes it.
"""

from contextlib import contextmanager

from django.db import transaction

from content.models import Article, CareCard, Source


def refresh(article_ids):
    article_ids = sorted(set(article_ids))
    for article in Article._base_manager.filter(pk__in=article_ids):
        article.refresh_page_lists()
    transaction.on_commit(lambda: refresh_committed(article_ids))


def refresh_committed(article_ids):
    for pk in article_ids:
        with transaction.atomic():
            article = Article._base_manager.select_for_update().filter(pk=pk).first()
            if article is not None:
                article.refresh_page_lists()


# Articles being deleted: their sources go first, and must not bring renderings back.
_deleting = set()
_in_bulk = []


@contextmanager
def sources_in_bulk():
    """Replace many sources at once (the seed loader): the caller refreshes each article once after."""
    _in_bulk.append(True)
    try:
        yield
    finally:
        _in_bulk.pop()


def source_changed(sender, instance, raw=False, **kwargs):
    """The page's list of sources changed, and with it the numbers of the text's citations."""
    if raw or _in_bulk or instance.article_id in _deleting:
        return
    refresh([instance.article_id])
    article = Article._base_manager.filter(pk=instance.article_id).first()
    if article is not None:
        article.rerender()


def related_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        refresh((pk_set or []) if reverse else [instance.pk])


def linking_articles(article):
    return Article._base_manager.filter(related_articles=article).exclude(pk=article.pk).values_list("pk", flat=True)


def article_saved(sender, instance, created, raw=False, **kwargs):
    """Its title, summary or status may show on the articles that link to it; its own
    lists were worked out in save(), and are read again once the save is committed."""
    if not raw:
        refresh([] if created else linking_articles(instance))
        transaction.on_commit(lambda: refresh_committed([instance.pk]))


def article_deleting(sender, instance, **kwargs):
    instance._linked_from = list(linking_articles(instance))
    _deleting.add(instance.pk)


def article_deleted(sender, instance, **kwargs):
    _deleting.discard(instance.pk)
    refresh(getattr(instance, "_linked_from", []))


def card_changed(sender, instance, raw=False, **kwargs):
    """Articles embed the card's words when they are rendered: when its words change, render
    the articles that embed it again, for the card's region."""
    if raw or not getattr(instance, "words_changed", True):
        return
    for article in Article._base_manager.filter(body__contains="[[card").filter(body__contains=instance.tier):
        article.rerender([instance.region])


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

    post_save.connect(source_changed, sender=Source, dispatch_uid="page_lists_source_saved")
    post_delete.connect(source_changed, sender=Source, dispatch_uid="page_lists_source_deleted")
    m2m_changed.connect(related_links_changed, sender=Article.related_articles.through, dispatch_uid="page_lists_m2m")
    post_save.connect(article_saved, sender=Article, dispatch_uid="page_lists_article_saved")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="page_lists_article_deleting")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="page_lists_article_deleted")
    post_save.connect(card_changed, sender=CareCard, dispatch_uid="care_card_rerender")
