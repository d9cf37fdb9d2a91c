"""`/docs`: the API's interactive reference, served from the bundled Swagger UI.

FastAPI's own /docs page loads Swagger UI from a CDN and starts it with an
inline script, which neither works offline nor passes our Content-Security-
Policy (`script-src 'self'`). So the page is a static file beside the
dashboard (`web/docs.html`, `web/docs.js`) that loads `web/vendor/swagger-ui/`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

__all__ = ["add_docs"]


def add_docs(app: FastAPI, web_dir: Path) -> None:
    """Serve the offline API reference at /docs."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(web_dir / "docs.html", media_type="text/html")
