"""clausewise: compare and version council policy documents.

The public API: `read(path) -> Document` turns a .pdf, .docx, .txt or .md policy into a
clause tree with metadata. Later stages (align, store, reports) build on it.
"""

from clausewise.errors import ClausewiseError, InputError
from clausewise.ingest import Clause, Document, Metadata, read

__version__ = "0.1.0"

__all__ = ["Clause", "ClausewiseError", "Document", "InputError", "Metadata", "__version__", "read"]
