"""Nobody changes what is live without a Publisher.

Editors write drafts, send them for review and propose changes to live articles
(content.ArticleProposal); Publishers approve or reject them. Everything else the public
reads at once when it is saved (care cards, help contacts and their phone numbers, topics,
and the questionnaire's option texts) is changed only by Publishers; Editors can read it
and say what needs changing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GETS = [("content", "view_articleproposal")]
PUBLISHER_GETS = [("content", "view_articleproposal"), ("content", "decide_articleproposal")]
# Live the moment they are saved, so a Publisher's: Editors keep the view permission.
LIVE_ON_SAVE = [
    ("content", "change_carecard"),
    ("content", "add_topic"),
    ("content", "change_topic"),
    ("pathways", "add_helpcontact"),
    ("pathways", "change_helpcontact"),
    ("pathways", "change_pathwayoption"),
]


def permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*permissions(apps, EDITOR_GETS))
        group.permissions.remove(*permissions(apps, LIVE_ON_SAVE))
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.add(*permissions(apps, PUBLISHER_GETS + LIVE_ON_SAVE))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(*permissions(apps, EDITOR_GETS))
        group.permissions.add(*permissions(apps, LIVE_ON_SAVE))
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.remove(*permissions(apps, PUBLISHER_GETS))


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0008_article_proposals"),
        ("pathways", "0005_care_card_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
