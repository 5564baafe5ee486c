from wagtail.models import Locale, Site

from hub.models import HomePage
from hub.setup import ensure_home_pages


def test_ensure_home_pages_creates_both_languages_once(db):
    sv, en = ensure_home_pages()
    assert sv.locale.language_code == "sv"
    assert en.locale.language_code == "en"
    assert en.translation_key == sv.translation_key
    assert Site.objects.get(is_default_site=True).root_page_id == sv.pk

    again_sv, again_en = ensure_home_pages()
    assert (again_sv.pk, again_en.pk) == (sv.pk, en.pk)
    assert HomePage.objects.count() == 2
    assert Locale.objects.count() == 2
