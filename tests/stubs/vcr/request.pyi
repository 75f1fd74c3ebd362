from io import BytesIO
from typing import Iterator, MutableMapping, Union

class Request:
    method: str
    @property
    def uri(self) -> str: ...
    @uri.setter
    def uri(self, uri: str) -> None: ...
    @property
    def headers(self) -> MutableMapping[str, str]: ...
    @property
    def body(self) -> Union[bytes, BytesIO, Iterator[bytes], None]:
        """``bytes``, or a file or an iterator when the client sent one."""
    @body.setter
    def body(self, value: Union[str, bytes, None]) -> None: ...
    @property
    def path(self) -> str: ...
