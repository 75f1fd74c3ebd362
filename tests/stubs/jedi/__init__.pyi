from typing import List, Optional

class InterpreterEnvironment:
    def __init__(self) -> None: ...

class Completion:
    @property
    def name(self) -> str: ...

class Script:
    def __init__(
        self,
        code: Optional[str] = None,
        *,
        path: Optional[str] = None,
        environment: Optional[InterpreterEnvironment] = None,
    ) -> None: ...
    def complete(
        self, line: Optional[int] = None, column: Optional[int] = None, *, fuzzy: bool = False
    ) -> List[Completion]: ...
