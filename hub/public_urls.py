"""Public, language-prefixed hub URLs that are not pages (feeds and the like)."""

from django.urls import path

from hub import feeds

urlpatterns = [
    path("news/feed/", feeds.NewsFeed(), name="news_feed"),
]
