from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from content.sitemaps import SITEMAPS
from recovery_portal.page_cache import public_page

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("privacy/", public_page(TemplateView.as_view(template_name="privacy.html")), name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("", include("pathways.urls")),
    path("", include("content.urls")),
]
