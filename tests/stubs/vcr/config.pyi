from typing import Any, Callable, Dict, Optional, Sequence

from vcr.cassette import CassetteContextDecorator
from vcr.request import Request

class VCR:
    def __init__(
        self,
        *,
        before_record_request: Optional[Callable[[Request], Optional[Request]]] = None,
        record_mode: str = ...,
        filter_headers: Sequence[str] = ...,
        before_record_response: Optional[
            Callable[[Dict[str, Any]], Optional[Dict[str, Any]]]
        ] = None,
        match_on: Sequence[str] = ...,
        cassette_library_dir: Optional[str] = None,
        decode_compressed_response: bool = False,
    ) -> None: ...
    def use_cassette(self, path: str) -> CassetteContextDecorator: ...
    def register_matcher(self, name: str, matcher: Callable[[Request, Request], None]) -> None: ...
