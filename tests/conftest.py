"""Fixtures shared by every test module."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from hypothesis import settings

from tests.factories import make_article, make_topic

settings.register_profile("portal", max_examples=300, deadline=None)
settings.load_profile("portal")


class FormClient(Client):
    """Posts forms as a browser posts this site's forms: url-encoded, unless a file is sent.

    Django's test client sends multipart by default; public pages refuse multipart bodies
    (recovery_portal/limits.py), as no public form takes files.
    """

    def post(self, path, data=None, content_type=None, **extra):
        if content_type is None and isinstance(data, dict) and not any(hasattr(v, "read") for v in data.values()):
            encoded = urlencode(data, doseq=True)
            return super().post(path, encoded, content_type="application/x-www-form-urlencoded", **extra)
        return super().post(path, data, content_type=content_type or MULTIPART_CONTENT, **extra)


@pytest.fixture
def client():
    return FormClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = FormClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def topic(db):
    return make_topic(title="Understanding ketamine", slug="understanding-ketamine")


@pytest.fixture
def article(topic):
    return make_article(topic=topic, title="What is ketamine?", slug="what-is-ketamine")


@pytest.fixture
def editor(django_user_model):
    """A staff user with every content permission (roles arrive with the editors' workflow)."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="content"))
    return user


@pytest.fixture
def make_user(django_user_model):
    """A staff user, with a role (Editor or Publisher) when given."""
    from django.contrib.auth.models import Group

    def make(username, role=None):
        user = django_user_model.objects.create_user(username, password="a-long-test-password", is_staff=True)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor_user(make_user):
    return make_user("edna", "Editor")


@pytest.fixture
def publisher_user(make_user):
    return make_user("pat", "Publisher")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so cached help contacts never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as if the database server could not be reached."""
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused (simulated by the test)")

    monkeypatch.setattr(BaseDatabaseWrapper, "_cursor", refuse)


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """The seed content (cards, topics, articles, contacts, options), loaded once for a module.

    For modules that only read it: loading the library renders 34 articles for four regions,
    which is too slow to repeat for every test. It is committed, so it is removed afterwards.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_articles", verbosity=0)
        call_command("load_help", verbosity=0)
    yield
    with django_db_blocker.unblock():
        from content.models import Article, CareCard, Source, Topic
        from pathways.models import HelpContact, PathwayOption

        for model in (PathwayOption, HelpContact, Article, Topic, CareCard):
            model.objects.all().delete()
        for model in (PathwayOption, HelpContact, Article, Source, Topic, CareCard):
            model.history.all().delete()
