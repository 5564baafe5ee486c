import pytest

from labs.factories import (
    LabIndexPageFactory,
    LabPageFactory,
    LocalGroupIndexPageFactory,
    LocalGroupPageFactory,
)


@pytest.fixture
def group_index(home):
    return LocalGroupIndexPageFactory(parent=home)


@pytest.fixture
def lab_index(home):
    return LabIndexPageFactory(parent=home)


@pytest.fixture
def group(group_index):
    return LocalGroupPageFactory(parent=group_index, title="Civic Tech Göteborg", slug="goteborg")


@pytest.fixture
def lab(lab_index):
    return LabPageFactory(parent=lab_index, title="Civic Tech Lab", slug="civic-tech-lab")
