"""The health endpoint: JSON, never cached, one query."""

import json

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_answers_plain_http_when_the_site_redirects_to_https(client, settings):
    # Varnish's probe talks plain HTTP to gunicorn.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/robots.txt").status_code == 301
    assert client.get("/healthz").status_code == 200
