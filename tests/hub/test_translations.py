from django.utils import translation
from django.utils.translation import gettext


def test_ui_strings_are_translated_into_swedish():
    with translation.override("sv"):
        assert gettext("Swedish") == "Svenska"
        assert gettext("English") == "Engelska"
    with translation.override("en"):
        assert gettext("English") == "English"


def test_swedish_pages_show_swedish_chrome(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="sv"' in response.text
    assert "Hoppa till" in response.text
