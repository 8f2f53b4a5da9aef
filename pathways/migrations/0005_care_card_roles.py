"""Editors and Publishers change care cards, as they change help contacts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CARD_PERMISSIONS = ["change_carecard", "view_carecard"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="content", codename__in=CARD_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="content", codename__in=CARD_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_care_cards"),
        ("pathways", "0004_contact_audience"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
