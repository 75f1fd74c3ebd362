"""The simulated spec version decides which operations exist and which grants log in."""

from __future__ import annotations

import pytest
from runai.exceptions import NotFoundException
from runai_testing import ControlPlane
from runai_testing.rules import VERSIONS, SpecRules


def test_operation_counts_per_version():
    assert len(SpecRules("2.24")) == 391
    assert len(SpecRules("2.19")) == 268
    assert len(SpecRules("2.18")) == 246


def test_unknown_version_is_refused():
    with pytest.raises(ValueError, match=r"2\.24"):
        SpecRules("3.0")


@pytest.mark.parametrize("version", VERSIONS)
def test_grants_per_version(version):
    grants = SpecRules(version).grant_types
    assert "app_token" in grants
    assert ("client_credentials" in grants) == (version not in ("2.18", "2.19"))


def test_operation_absent_from_the_version_is_404(make_client):
    with ControlPlane(spec_version="2.19") as plane:
        client = make_client(plane)
        assert client.organizations.projects.get_projects().status_code == 200
        with pytest.raises(NotFoundException) as caught:
            client.authentication_and_authorization.access_keys.get_access_keys()
        assert "2.19" in str(caught.value)
