"""Fixtures shared by every test module."""

import pytest
from hypothesis import settings

from tests.factories import make_article, make_topic

settings.register_profile("portal", max_examples=300, deadline=None)
settings.load_profile("portal")


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
