"""A third-party category, shaped like generated code: one category, one API group."""

from runai.api_group import ApiCategory, ClientT


class ExampleCategory(ApiCategory[ClientT]):
    """Example category with a single group, ``widgets``."""

    _groups = {"widgets": "runai_example_category.widgets:WidgetsApi"}


__all__ = ["ExampleCategory"]
