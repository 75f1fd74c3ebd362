"""runapy 1.x's ``from runai.api_response import ApiResponse``: the response of every call."""

from runai.response import ApiResponse

__all__ = ["ApiResponse"]
