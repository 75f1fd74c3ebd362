"""Models of the example category (hand-written in the style of generated ones)."""

from typing import TYPE_CHECKING, List, Optional

from pydantic import BaseModel, ConfigDict, Field


class WidgetCreationRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    name: str
    display_name: Optional[str] = Field(default=None, alias="displayName")
    gpu_count: Optional[int] = Field(default=None, alias="gpuCount")
    labels: Optional[List[str]] = None

    if TYPE_CHECKING:
        # as generated models do: field names and aliases alike, for checkers without a plugin
        def __init__(
            self,
            *,
            name: str,
            display_name: Optional[str] = None,
            displayName: Optional[str] = None,
            gpu_count: Optional[int] = None,
            gpuCount: Optional[int] = None,
            labels: Optional[List[str]] = None,
        ) -> None: ...


class Widget(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    id: str
    name: str
    display_name: Optional[str] = Field(default=None, alias="displayName")


class WidgetList(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    widgets: List[Widget]
    next: Optional[int] = None
