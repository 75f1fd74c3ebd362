"""anyOf/oneOf schemas are classes: built, validated, sent and parsed as one of their members.

``UpdateSecuritySettingByKeyRequest`` is the body of ``PUT /api/v1/security/settings/{key}``:
anyOf AutoRedirectSsoSetting, BrowserSessionTimeoutSetting, LogoutRedirectUriSetting (in that
order). runapy 1.x had a class for it with ``actual_instance``, ``from_json``, ``to_json``,
``to_dict``; it was a bare ``typing.Union`` here before, which cannot be instantiated.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from runai import models
from runai.api_client import ApiClient
from runai.exceptions import ApiValueError
from runai.operation import Operation, ResponseSpec
from runai.runai_client import RunaiClient
from support.helpers import call_once

Setting = models.UpdateSecuritySettingByKeyRequest
REF = "runai_authz.models.update_security_setting_by_key_request:UpdateSecuritySettingByKeyRequest"


def test_an_empty_one_is_null() -> None:
    empty = Setting()
    assert empty.actual_instance is None and empty.root is None
    assert empty.to_dict() is None and empty.to_json() == "null"


def test_built_from_a_member_keyword_or_fields() -> None:
    timeout = models.BrowserSessionTimeoutSetting(idle_timeout=30)
    assert Setting(timeout).actual_instance is timeout
    assert Setting(actual_instance=timeout).actual_instance is timeout  # runapy 1.x's keyword
    by_fields = Setting(idleTimeout=30)
    assert type(by_fields.actual_instance) is models.BrowserSessionTimeoutSetting
    assert by_fields.to_dict() == {"idleTimeout": 30}
    by_dict = Setting({"enabled": True, "idpAlias": "okta"})
    assert type(by_dict.actual_instance) is models.AutoRedirectSsoSetting
    assert by_dict.to_json() == '{"enabled": true, "idpAlias": "okta"}'
    assert type(Setting({}).actual_instance) is models.AutoRedirectSsoSetting  # the first fits


def test_a_value_that_fits_no_member_names_each_members_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        Setting(idleTimeout=0)  # below the minimum of 1
    message = str(caught.value)
    assert "AutoRedirectSsoSetting has no field idleTimeout" in message
    assert "greater than or equal to 1" in message
    assert "LogoutRedirectUriSetting" in message
    with pytest.raises(TypeError):
        Setting(models.BrowserSessionTimeoutSetting(idle_timeout=1), idleTimeout=2)


def test_actual_instance_can_be_replaced() -> None:
    setting = Setting()
    setting.actual_instance = {"uri": "https://example.com/bye"}
    assert type(setting.actual_instance) is models.LogoutRedirectUriSetting
    with pytest.raises(ValidationError):
        setting.actual_instance = {"uri": "not a uri"}


def test_runapy_helpers() -> None:
    parsed = Setting.from_json('{"uri": "https://example.com/bye"}')
    assert parsed is not None
    # runapy took the first member whose from_dict succeeded and dropped the keys it did not
    # know ({"uri": ...} became an empty AutoRedirectSsoSetting); the member that declares
    # every key is taken instead.
    assert type(parsed.actual_instance) is models.LogoutRedirectUriSetting
    assert parsed.to_dict() == {"uri": "https://example.com/bye"}
    assert parsed.to_str() == "{'uri': 'https://example.com/bye'}"
    sso = Setting.from_dict({"enabled": False})
    # from_dict set every property; idpAlias is nullable, so runapy's to_dict kept it as None
    assert sso is not None and sso.to_dict() == {"enabled": False, "idpAlias": None}
    assert Setting.from_dict(None) is None
    with pytest.raises(ValidationError):
        Setting.from_dict({"bogus": 1})


def test_model_validate_is_a_request_check() -> None:
    assert (
        type(Setting.model_validate({"idleTimeout": 5}).root) is models.BrowserSessionTimeoutSetting
    )
    with pytest.raises(ValidationError):
        Setting.model_validate({"idleTimeout": 5, "bogus": 1})
    json_built = Setting.model_validate_json(b'{"enabled": true}')
    assert type(json_built.root) is models.AutoRedirectSsoSetting


def test_sent_as_the_member_through_the_client(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    settings = RunaiClient(ApiClient(make_config())).authentication_and_authorization.settings
    settings.update_security_setting_by_key("browserSessionTimeout", Setting(idleTimeout=45))
    settings.update_security_setting_by_key(
        "autoRedirectSSO", {"enabled": True, "idpAlias": "okta"}
    )
    first, second = fixture_server.api_requests()
    assert (
        first.method == "PUT"
        and first.raw_path == "/api/v1/security/settings/browserSessionTimeout"
    )
    assert first.json() == {"idleTimeout": 45}
    assert second.json() == {"enabled": True, "idpAlias": "okta"}
    with pytest.raises(ApiValueError, match="none of its members"):
        settings.update_security_setting_by_key("autoRedirectSSO", {"bogus": 1})
    with pytest.raises(ApiValueError, match=r"BrowserSessionTimeoutSetting: .*idleTimeout"):
        settings.update_security_setting_by_key("browserSessionTimeout", {"idleTimeout": "soon"})
    assert len(fixture_server.api_requests()) == 2  # the bad bodies were never sent


GET_SETTING = Operation(
    operation_id="get_setting",
    method="GET",
    path="/api/v1/security/settings/{key}",
    path_params=("key",),
    responses={200: ResponseSpec(model=REF)},
)


def test_parsed_as_a_response_model(fixture_server, make_config) -> None:  # type: ignore[no-untyped-def]
    config = make_config()
    fixture_server.enqueue(json={"idleTimeout": 5})
    response = call_once("sync", config, GET_SETTING, {"key": "browserSessionTimeout"})
    parsed = response.parsed()
    assert type(parsed) is Setting
    assert type(parsed.actual_instance) is models.BrowserSessionTimeoutSetting
    assert parsed.actual_instance.idle_timeout == 5
    # A value that fits no type goes through the lenient slow path: kept as received, in the
    # member that declares the body's keys.
    fixture_server.enqueue(json={"idleTimeout": "soon"})
    response = call_once("sync", config, GET_SETTING, {"key": "browserSessionTimeout"})
    lenient = response.parsed()
    assert type(lenient.actual_instance) is models.BrowserSessionTimeoutSetting
    assert lenient.actual_instance.idle_timeout == "soon"  # type: ignore[comparison-overlap]  # kept as received
