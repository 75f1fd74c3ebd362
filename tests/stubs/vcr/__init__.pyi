from vcr.config import VCR as VCR
from vcr.request import Request as Request

__version__: str
