"""The page cache: public pages come from the cache, editors' changes replace them at once,
and nothing private is ever kept."""

import pytest

from content.models import Article
from pathways.journey import State
from pathways.models import HelpContact
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(topic):
    return make_article(topic=topic, title="Cached guide", slug="cached-guide")


def test_second_visit_is_served_from_the_cache_with_the_same_page(client, article, django_assert_num_queries):
    first = client.get("/uk/articles/cached-guide/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/uk/articles/cached-guide/?utm_source=anything")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    "url",
    [
        "/uk/",
        "/uk/topics/understanding-ketamine/",
        "/uk/articles/cached-guide/",
        "/uk/get-help/",
        "/uk/pathways/",
        "/uk/privacy/",
    ],
)
def test_public_pages_may_be_cached_by_a_cdn(client, article, url):
    response = client.get(url)
    control = response["Cache-Control"]
    for part in ("public", "s-maxage=600", "max-age=300", "stale-if-error=86400"):
        assert part in control, (url, control)


def test_the_questionnaire_and_admin_are_never_cached(client, admin_client, article):
    journey = client.post(
        "/uk/pathways/questions/",
        {"state": State(answers={}).dumps(), "step": "answering_for", "action": "continue", "answering_for": "myself"},
    )
    assert "no-store" in journey["Cache-Control"] and "public" not in journey["Cache-Control"]
    assert "X-Page-Cache" not in journey
    admin = admin_client.get("/admin/content/article/")
    assert "no-store" in admin["Cache-Control"] or "private" in admin["Cache-Control"]


def test_conditional_requests_get_304(client, article):
    etag = client.get("/uk/articles/cached-guide/")["ETag"]
    assert client.get("/uk/articles/cached-guide/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/uk/articles/cached-guide/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_editors_change_replaces_every_cached_page(client, article):
    client.get("/uk/articles/cached-guide/")
    client.get("/uk/")
    article.summary = "A freshly corrected summary."
    article.save()
    page = client.get("/uk/articles/cached-guide/")
    assert page["X-Page-Cache"] == "refresh"  # rendered again by the first reader after the edit
    assert "A freshly corrected summary." in page.content.decode()
    assert client.get("/uk/")["X-Page-Cache"] == "refresh"
    assert client.get("/uk/articles/cached-guide/")["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_page_at_once(client, article, editor):
    assert client.get("/uk/articles/cached-guide/").status_code == 200
    Article.objects.filter(pk=article.pk).first().change_status(Article.Status.DRAFT, publisher(editor))
    assert client.get("/uk/articles/cached-guide/").status_code == 404


def publisher(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="publish_article"))
    return type(user).objects.get(pk=user.pk)


def test_changing_a_help_contact_replaces_cached_pages(client, article):
    contact = HelpContact.objects.create(name="Crisis team", kind="crisis_line", region="uk", phone="0800 123 456")
    assert "Crisis team" in client.get("/uk/get-help/").content.decode()
    contact.phone = "0800 999 000"
    contact.save()
    assert "0800 999 000" in client.get("/uk/get-help/").content.decode()


def test_editors_previewing_never_read_or_fill_the_cache(client, editor, article):
    draft = make_article(slug="draft-guide", status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    preview = client.get(f"/uk/articles/{draft.slug}/")
    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    assert "no-store" in preview["Cache-Control"] and "public" not in preview["Cache-Control"]
    client.logout()
    assert client.get(f"/uk/articles/{draft.slug}/").status_code == 404


def test_not_found_pages_are_not_cached(client):
    client.get("/uk/articles/nope/")
    assert "X-Page-Cache" not in client.get("/uk/articles/nope/")


def test_page_cache_can_be_turned_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/uk/articles/cached-guide/")
    assert "X-Page-Cache" not in client.get("/uk/articles/cached-guide/")


# Issue 15, findings 3 and 6: the host check comes first; caches in front can be purged


def test_a_cached_page_is_not_served_to_an_unknown_host(client, article):
    assert client.get("/uk/articles/cached-guide/")["X-Page-Cache"] == "miss"
    assert client.get("/uk/articles/cached-guide/")["X-Page-Cache"] == "hit"
    response = client.get("/uk/articles/cached-guide/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_each_allowed_host_has_its_own_copy(client, article):
    assert client.get("/uk/articles/cached-guide/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    assert client.get("/uk/articles/cached-guide/", HTTP_HOST="127.0.0.1")["X-Page-Cache"] == "miss"


def test_public_pages_name_their_surrogate_keys_and_a_short_nginx_lifetime(client, article, settings):
    for attempt in ("miss", "hit"):
        response = client.get("/us/articles/cached-guide/")
        assert response["X-Page-Cache"] == attempt
        assert response["Surrogate-Key"] == "portal portal-us"
        assert response["Cache-Tag"] == "portal,portal-us"
        assert response["X-Accel-Expires"] == str(settings.PROXY_CACHE_SECONDS)


def test_a_committed_change_asks_the_cdn_to_purge(article, settings, django_capture_on_commit_callbacks):
    import http.server
    import threading

    received = []
    done = threading.Event()

    class Purge(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(
                (self.path, self.headers["Authorization"], self.rfile.read(int(self.headers["Content-Length"])))
            )
            self.send_response(200)
            self.end_headers()
            done.set()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Purge)
    threading.Thread(target=server.handle_request, daemon=True).start()
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    settings.CDN_PURGE_TOKEN = "token-123"
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Renamed guide"
        article.save()
    assert done.wait(5)
    path, authorization, body = received[0]
    assert path == "/purge" and authorization == "Bearer token-123" and b'"portal"' in body
    server.server_close()


@pytest.mark.parametrize("path", ["/", "/uk/", "/uk/search/?q=bladder", "/uk/pathways/questions/", "/uk/no-such-page/"])
def test_a_junk_host_gets_a_clear_400_everywhere(client, article, path):
    response = client.get(path, HTTP_HOST="junk.example:99")
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not read that request" in page and "junk.example" not in page
