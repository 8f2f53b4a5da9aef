"""Keep each article's copied page lists (Article.source_list and related_list) true.

An article page is read in one query, so it carries copies of what it shows of its
sources and related articles. These receivers refresh the copies whenever a source, a
related-articles link or a related article itself changes or goes away.
"""

from content.models import Article, Source


def refresh(article_ids):
    for article in Article._base_manager.filter(pk__in=article_ids):
        article.refresh_page_lists()


def source_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh([instance.article_id])


def related_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        refresh((pk_set or []) if reverse else [instance.pk])


def linking_articles(article):
    return Article._base_manager.filter(related_articles=article).exclude(pk=article.pk).values_list("pk", flat=True)


def article_saved(sender, instance, created, raw=False, **kwargs):
    """Its title, summary or status may show on the articles that link to it."""
    if not raw and not created:
        refresh(list(linking_articles(instance)))


def article_deleting(sender, instance, **kwargs):
    instance._linked_from = list(linking_articles(instance))


def article_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_linked_from", []))


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

    post_save.connect(source_changed, sender=Source, dispatch_uid="page_lists_source_saved")
    post_delete.connect(source_changed, sender=Source, dispatch_uid="page_lists_source_deleted")
    m2m_changed.connect(related_links_changed, sender=Article.related_articles.through, dispatch_uid="page_lists_m2m")
    post_save.connect(article_saved, sender=Article, dispatch_uid="page_lists_article_saved")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="page_lists_article_deleting")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="page_lists_article_deleted")
