"""Documents → minutes model: text extraction, page clean-up, document splitting, section parsers.

Pure Python, no Django. The entry points are :func:`read_file` and :func:`read_text`.
"""

from .api import ReadResult, read_file, read_text

__all__ = ["ReadResult", "read_file", "read_text"]
