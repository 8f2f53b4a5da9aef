from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class PortalAdminConfig(AdminConfig):
    default_site = "recovery_portal.admin.PortalAdminSite"


class PortalConfig(AppConfig):
    """Site-wide wiring: any change to public content replaces cached pages (page_cache)."""

    name = "recovery_portal"
    verbose_name = "Recovery portal"

    def ready(self):
        from content.models import Article, CareCard, Source, Topic
        from pathways.models import HelpContact, PathwayOption
        from recovery_portal.page_cache import content_changed, remember_public_address

        pre_save.connect(remember_public_address, sender=Article, dispatch_uid="page_cache_article_before")
        for model in (Article, CareCard, Source, Topic, HelpContact, PathwayOption):
            for signal in (post_save, post_delete):
                signal.connect(content_changed, sender=model, dispatch_uid=f"page_cache_{signal}_{model.__name__}")
        for relation in (Article.related_articles.through, PathwayOption.articles.through):
            m2m_changed.connect(content_changed, sender=relation, dispatch_uid=f"page_cache_m2m_{relation.__name__}")
