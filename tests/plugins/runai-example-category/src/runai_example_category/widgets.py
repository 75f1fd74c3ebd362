"""The ``widgets`` API group: thin methods over module-level Operations, like generated code."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, List, Mapping, Optional, overload

from runai.api_group import ApiGroup, ClientT
from runai.operation import Operation, QueryParam, ResponseSpec
from runai.request.options import TimeoutArg

from runai_example_category.models import WidgetCreationRequest

if TYPE_CHECKING:
    from runai.clients.aio import AsyncApiClient
    from runai.clients.sync import ApiClient
    from runai.clients.threaded import ApiFuture, ThreadedApiClient
    from runai.coroutine import ApiCoroutine
    from runai.response import ApiResponse

    from runai_example_category.models import Widget, WidgetList

_M = "runai_example_category.models"

_LIST_WIDGETS = Operation(
    operation_id="list_widgets",
    method="GET",
    path="/api/v1/widgets",
    query_params=(
        QueryParam("filterBy"),
        QueryParam("sortBy"),
        QueryParam("limit"),
        QueryParam("verbose"),
        QueryParam("start"),
    ),
    responses={200: ResponseSpec(model=f"{_M}:WidgetList")},
)
_GET_WIDGET = Operation(
    operation_id="get_widget",
    method="GET",
    path="/api/v1/widgets/{widgetId}",
    path_params=("widgetId",),
    responses={200: ResponseSpec(model=f"{_M}:Widget")},
)
_CREATE_WIDGET = Operation(
    operation_id="create_widget",
    method="POST",
    path="/api/v1/widgets",
    body_media_type="application/json",
    body_model=f"{_M}:WidgetCreationRequest",
    responses={202: ResponseSpec(model=f"{_M}:Widget")},
)
_GET_WIDGET_OLD = Operation(
    operation_id="get_widget_old",
    method="GET",
    path="/v1/k8s/widgets/{widgetId}",
    path_params=("widgetId",),
    responses={200: ResponseSpec(model=f"{_M}:Widget")},
    deprecated=True,
)
_DELETE_WIDGET_OLD = Operation(
    operation_id="delete_widget_old",
    method="DELETE",
    path="/v1/k8s/widgets/{widgetId}",
    path_params=("widgetId",),
    responses={204: ResponseSpec(content_type=None)},
    deprecated=True,
)


class WidgetsApi(ApiGroup[ClientT]):
    """Widgets."""

    _methods = (
        ("list_widgets", False),
        ("get_widget", False),
        ("create_widget", False),
        ("get_widget_old", True),
        ("delete_widget_old", True),
    )

    @overload
    def list_widgets(
        self: WidgetsApi[ApiClient],
        filter_by: Optional[List[str]] = None,
        sort_by: Optional[str] = None,
        limit: Optional[int] = None,
        verbose: Optional[bool] = None,
        start: Optional[datetime] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiResponse[WidgetList]: ...
    @overload
    def list_widgets(
        self: WidgetsApi[ThreadedApiClient],
        filter_by: Optional[List[str]] = None,
        sort_by: Optional[str] = None,
        limit: Optional[int] = None,
        verbose: Optional[bool] = None,
        start: Optional[datetime] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiFuture[ApiResponse[WidgetList]]: ...
    @overload
    def list_widgets(
        self: WidgetsApi[AsyncApiClient],
        filter_by: Optional[List[str]] = None,
        sort_by: Optional[str] = None,
        limit: Optional[int] = None,
        verbose: Optional[bool] = None,
        start: Optional[datetime] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiCoroutine[ApiResponse[WidgetList]]: ...
    def list_widgets(
        self,
        filter_by: Optional[List[str]] = None,
        sort_by: Optional[str] = None,
        limit: Optional[int] = None,
        verbose: Optional[bool] = None,
        start: Optional[datetime] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """List widgets."""
        return self._call(
            _LIST_WIDGETS,
            "list_widgets",
            query={
                "filterBy": filter_by,
                "sortBy": sort_by,
                "limit": limit,
                "verbose": verbose,
                "start": start,
            },
            request_timeout=_request_timeout,
            headers=_headers,
        )

    @overload
    def get_widget(
        self: WidgetsApi[ApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiResponse[Widget]: ...
    @overload
    def get_widget(
        self: WidgetsApi[ThreadedApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiFuture[ApiResponse[Widget]]: ...
    @overload
    def get_widget(
        self: WidgetsApi[AsyncApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiCoroutine[ApiResponse[Widget]]: ...
    def get_widget(
        self,
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """Get one widget."""
        return self._call(
            _GET_WIDGET,
            "get_widget",
            path={"widgetId": widget_id},
            request_timeout=_request_timeout,
            headers=_headers,
        )

    @overload
    def create_widget(
        self: WidgetsApi[ApiClient],
        widget_creation_request: Optional[WidgetCreationRequest] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiResponse[Widget]: ...
    @overload
    def create_widget(
        self: WidgetsApi[ThreadedApiClient],
        widget_creation_request: Optional[WidgetCreationRequest] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiFuture[ApiResponse[Widget]]: ...
    @overload
    def create_widget(
        self: WidgetsApi[AsyncApiClient],
        widget_creation_request: Optional[WidgetCreationRequest] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiCoroutine[ApiResponse[Widget]]: ...
    def create_widget(
        self,
        widget_creation_request: Optional[WidgetCreationRequest] = None,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """Create a widget."""
        return self._call(
            _CREATE_WIDGET,
            "create_widget",
            body=widget_creation_request,
            request_timeout=_request_timeout,
            headers=_headers,
        )

    @overload
    def get_widget_old(
        self: WidgetsApi[ApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiResponse[Widget]: ...
    @overload
    def get_widget_old(
        self: WidgetsApi[ThreadedApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiFuture[ApiResponse[Widget]]: ...
    @overload
    def get_widget_old(
        self: WidgetsApi[AsyncApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiCoroutine[ApiResponse[Widget]]: ...
    def get_widget_old(
        self,
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """Get one widget (deprecated)."""
        return self._call(
            _GET_WIDGET_OLD,
            "get_widget_old",
            path={"widgetId": widget_id},
            request_timeout=_request_timeout,
            headers=_headers,
        )

    @overload
    def delete_widget_old(
        self: WidgetsApi[ApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiResponse[None]: ...
    @overload
    def delete_widget_old(
        self: WidgetsApi[ThreadedApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiFuture[ApiResponse[None]]: ...
    @overload
    def delete_widget_old(
        self: WidgetsApi[AsyncApiClient],
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> ApiCoroutine[ApiResponse[None]]: ...
    def delete_widget_old(
        self,
        widget_id: str,
        *,
        _request_timeout: TimeoutArg = None,
        _headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """Delete a widget (deprecated)."""
        return self._call(
            _DELETE_WIDGET_OLD,
            "delete_widget_old",
            path={"widgetId": widget_id},
            request_timeout=_request_timeout,
            headers=_headers,
        )
