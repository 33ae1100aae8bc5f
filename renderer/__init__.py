"""article-renderer: turn news articles into accessible editions.

The pipeline, read from the top::

    source ─ingest─▶ Article ─normalize─▶ Article ─compose─▶ XHTML ─┬─ pdf  ─▶ PDF/UA-1
                                                                    └─ epub ─▶ EPUB 3
    editions ─check─▶ Report

Each stage is a subpackage with one entry function named for what it produces:
``ingest``, ``normalize``, ``compose``, ``write_pdf``, ``write_epub``, ``check``.
"""

__version__ = "0.1.0"
