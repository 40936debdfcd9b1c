"""The document viewer (trình xem tài liệu): ``document`` and ``annotations``/``export`` are plain Python;
``render``, ``view`` and ``widget`` are the Qt front end. Run standalone: ``python -m ecabinet_client.viewer``.
"""

import sys

# PyMuPDF 2.0 depends on its extras and imports them with ``import pymupdf`` when they are installed:
# ``pymupdf.layout`` loads an ONNX page-layout model right away (onnxruntime and numpy: +55 MB resident,
# three more threads, 0.6 s) and ``pymupdf4llm`` imports onnxruntime too. The viewer uses neither (no
# ``page.get_layout()``, no ``to_markdown()``); ``None`` in ``sys.modules`` makes that import fail, which
# PyMuPDF expects and skips. This package is where the client first imports PyMuPDF.
for _extra in ("pymupdf.layout", "pymupdf4llm"):
    sys.modules.setdefault(_extra, None)
