"""The Editor and Publisher roles.

Editors create and change articles, topics, help contacts and pathway options, and send
articles for review. Publishers can also publish and unpublish. Staff with neither role
see nothing in the admin. Nobody but a superuser deletes an article: unpublish instead.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    ("content", "article", ["add", "change", "view"]),
    ("content", "source", ["add", "change", "delete", "view"]),
    ("content", "topic", ["add", "change", "view"]),
    ("pathways", "helpcontact", ["add", "change", "view"]),
    ("pathways", "pathwayoption", ["change", "view"]),
]
PUBLISHER_EXTRA = [("content", "publish_article")]
ROLES = ("Editor", "Publisher")


def permission_codenames(rules):
    return [(app, f"{action}_{model}") for app, model, actions in rules for action in actions]


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrations finish; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs]

    editor_permissions = permissions(permission_codenames(EDITOR))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(editor_permissions)
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    publisher.permissions.set(editor_permissions + permissions(PUBLISHER_EXTRA))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("content", "0003_fill_derived_fields"),
        ("pathways", "0002_versions_history_and_last_checked"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
