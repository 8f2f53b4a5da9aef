from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from content import sitemaps
from recovery_portal.page_cache import public_page
from recovery_portal.regions import region_patterns

# Unprefixed: the admin, the sitemap and robots.txt (and, answered before these, the health
# probes and static files). "/" and the old unprefixed page URLs are redirected to the default
# region by recovery_portal.regions.RegionMiddleware.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:name>-<int:page>.xml", sitemaps.section, name="sitemap_page"),
    path("sitemap-<slug:name>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    *region_patterns(
        path("privacy/", public_page(TemplateView.as_view(template_name="privacy.html")), name="privacy"),
        path("", include("pathways.urls")),
        path("", include("content.urls")),
    ),
]
