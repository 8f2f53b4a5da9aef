"""Copy each article's sources and related articles into the row, so a page is one query."""

from django.db import migrations, models


def fill(apps, schema_editor):
    # A frozen copy of Article.page_lists() as it was when these fields arrived.
    Article = apps.get_model("content", "Article")
    for article in Article.objects.all():
        sources = [{"title": s.title, "publisher": s.publisher, "url": s.url} for s in article.sources.all()]
        related = [
            {
                "slug": r.slug,
                "title": r.title,
                "summary": r.summary,
                "audience": r.audience,
                "published_at": r.published_at.isoformat(),
            }
            for r in article.related_articles.filter(status="published", published_at__isnull=False).order_by("title")
        ]
        Article.objects.filter(pk=article.pk).update(source_list=sources, related_list=related)


class Migration(migrations.Migration):
    dependencies = [("content", "0003_fill_derived_fields")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="related_list",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="source_list",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
