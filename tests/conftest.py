"""Fixtures shared by every test module."""

import pytest

from tests.factories import make_article, make_topic


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
