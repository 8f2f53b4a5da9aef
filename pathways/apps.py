from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PathwaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pathways"

    def ready(self):
        from pathways.contacts import forget_urgent_help
        from pathways.models import HelpContact

        post_save.connect(forget_urgent_help, sender=HelpContact, dispatch_uid="forget_urgent_help_save")
        post_delete.connect(forget_urgent_help, sender=HelpContact, dispatch_uid="forget_urgent_help_delete")
