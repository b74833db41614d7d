import pytest
from django.core.exceptions import ValidationError
from wagtail.images.tests.utils import get_test_image_file

from home.models import CustomImage

pytestmark = pytest.mark.django_db


def test_image_needs_alt_text_unless_decorative():
    image = CustomImage(title="Bild", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "Alternativtext" in str(error.value)


def test_decorative_image_gets_empty_alt_text():
    image = CustomImage(title="Schmuckbild", file=get_test_image_file(), is_decorative=True)
    image.full_clean()
    assert image.default_alt_text == ""


def test_alt_text_is_used_for_rendering():
    image = CustomImage.objects.create(title="Foto", file=get_test_image_file(), alt_text="Teilnehmende im Saal")
    assert image.default_alt_text == "Teilnehmende im Saal"
