"""Models of the example category (hand-written in the style of generated ones)."""

from typing import List, Optional

from pydantic import BaseModel, ConfigDict, Field


class WidgetCreationRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    name: str
    display_name: Optional[str] = Field(default=None, alias="displayName")
    gpu_count: Optional[int] = Field(default=None, alias="gpuCount")
    labels: Optional[List[str]] = None


class Widget(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    id: str
    name: str
    display_name: Optional[str] = Field(default=None, alias="displayName")


class WidgetList(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    widgets: List[Widget]
    next: Optional[int] = None
