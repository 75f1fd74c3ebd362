from types import TracebackType
from typing import List, Optional, Type

from vcr.request import Request

class Cassette:
    @property
    def all_played(self) -> bool: ...
    @property
    def requests(self) -> List[Request]: ...

class CassetteContextDecorator:
    def __enter__(self) -> Cassette: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...
