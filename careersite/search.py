"""Index stage: Pagefind's Python API indexes the written pages in-process, before the swap.

Only elements marked data-pagefind-body are indexed (the main content, never navigation or
footers); titles and other names carry data-pagefind-weight so they count for more. The
index is made from the fresh folder the writer fills, so a failed index leaves site/ as it
was, like any other failed build.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

SEARCH_FOLDER = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


def index_folder(folder: Path) -> dict[str, bytes]:
    """Index the HTML under folder; return Pagefind's files as {path in the site: bytes}."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as missing:  # pragma: no cover - the package is a declared dependency
        raise SearchIndexError(
            f"the search index needs the 'pagefind[bin]' package ({missing}); run `make site` to install it"
        ) from None

    async def run() -> dict[str, bytes]:
        config = IndexConfig(force_language="en", output_path=str(folder / SEARCH_FOLDER))
        async with PagefindIndex(config=config) as index:
            done = await index.add_directory(str(folder))
            if not done or not done.get("page_count"):
                raise SearchIndexError(f"Pagefind found no pages to index in {folder}")
            files = await index.get_files()
        return {f"{SEARCH_FOLDER}/{f['path']}": _bytes(f["content"]) for f in files}

    try:
        return asyncio.run(run())
    except SearchIndexError:
        raise
    except Exception as err:  # noqa: BLE001 - any failure of the indexer fails the build, with why
        raise SearchIndexError(f"Pagefind could not index the site: {err}") from None


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")
