# What the package offers; imported on first use (clausewise/lazy.py reads these lines).

from .comparing import compare
from .output import write_report
from .progress import Progress
from .store import Store

__all__ = ["Progress", "Store", "compare", "write_report"]
