"""Work out the plain text, reading ease and word count of articles saved before those fields existed."""

from django.db import migrations

from content import checks


def fill(apps, schema_editor):
    Article = apps.get_model("content", "Article")
    for article in Article.objects.filter(reading_ease__isnull=True).only("body_html"):
        blocks = checks.text_blocks(article.body_html)
        Article.objects.filter(pk=article.pk).update(
            search_text=" ".join(blocks), reading_ease=checks.reading_ease(blocks), word_count=checks.word_count(blocks)
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0002_editorial_workflow_and_history")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
