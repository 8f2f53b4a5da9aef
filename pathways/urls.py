from django.urls import path

from pathways import views

app_name = "pathways"
urlpatterns = [
    path("get-help/", views.get_help, name="get_help"),
    path("leave-this-site/", views.quick_exit_help, name="quick_exit_help"),
    path("pathways/", views.start, name="start"),
    path("pathways/questions/", views.questions, name="questions"),
]
