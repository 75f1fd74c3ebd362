"""The simulated spec version decides which operations exist and which grants log in."""

from __future__ import annotations

from typing import Tuple

import pytest
from runai.exceptions import NotFoundException
from runai_testing import ControlPlane
from runai_testing.rules import VERSIONS, SpecRules

from .helpers import MakeClient, Raw


def test_operation_counts_per_version() -> None:
    assert len(SpecRules("2.24")) == 391
    assert len(SpecRules("2.19")) == 268
    assert len(SpecRules("2.18")) == 246


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"2\.24"):
        SpecRules("3.0")


@pytest.mark.parametrize("version", VERSIONS)
def test_grants_per_version(version: str) -> None:
    grants = SpecRules(version).grant_types
    assert "app_token" in grants
    assert ("client_credentials" in grants) == (version not in ("2.18", "2.19"))


def test_operation_absent_from_the_version_is_404(make_client: MakeClient) -> None:
    with ControlPlane(spec_version="2.19") as plane:
        client = make_client(plane)
        assert client.organizations.projects.get_projects().status_code == 200
        with pytest.raises(NotFoundException) as caught:
            client.authentication_and_authorization.access_keys.get_access_keys()
        assert "2.19" in str(caught.value)


# served by 2.19 only (2.24 dropped the /v1/k8s API) and by 2.24 only
OLD_ONLY = ("GET", "/v1/k8s/apps")
NEW_ONLY = ("GET", "/api/v1/service-accounts")


def test_the_fixtures_are_what_the_specs_say() -> None:
    assert OLD_ONLY in SpecRules("2.19") and OLD_ONLY not in SpecRules("2.24")
    assert NEW_ONLY in SpecRules("2.24") and NEW_ONLY not in SpecRules("2.19")


@pytest.mark.parametrize(
    ("version", "served", "absent"), [("2.19", OLD_ONLY, NEW_ONLY), ("2.24", NEW_ONLY, OLD_ONLY)]
)
def test_each_version_serves_its_own_operations(
    version: str, served: Tuple[str, str], absent: Tuple[str, str]
) -> None:
    with ControlPlane(spec_version=version) as plane:
        raw = Raw.to(plane)
        token = raw.login("app_token" if version == "2.19" else "client_credentials")
        status, body, _ = raw.call(*served, token=token)
        assert status == 200, body
        status, body, _ = raw.call(*absent, token=token)
        assert status == 404 and version in body["message"]
