from django.urls import path

from content import views

app_name = "content"
urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("topics/<slug:slug>/page/<int:page>/", views.topic_detail, name="topic_page"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("search/", views.search, name="search"),
]
