"""Index stage: Pagefind's Python API indexes the written pages in-process, before the swap.

Only elements marked data-pagefind-body are indexed (the main content, never navigation or
footers); titles and other names carry data-pagefind-weight so they count for more. The
index is made from the fresh folder the writer fills, so a failed index leaves site/ as it
was, like any other failed build.
"""

from __future__ import annotations

from pathlib import Path

SEARCH_FOLDER = "pagefind"
TIMEOUT = 120  # seconds: the whole site indexes in a few; a stuck indexer fails the build


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


def index_folder(folder: Path) -> dict[str, bytes]:
    """Index the HTML under folder into folder/pagefind/; return what it wrote, by site path.

    Pagefind writes the files itself: asking its Python API for them in memory sends them all
    in one message, which overflows the wrapper's 2 MiB pipe buffer on a site this size and
    hangs for good.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as missing:  # pragma: no cover - the package is a declared dependency
        raise SearchIndexError(
            f"the search index needs the 'pagefind[bin]' package ({missing}); run `make site` to install it"
        ) from None

    output = folder / SEARCH_FOLDER

    async def run() -> None:
        config = IndexConfig(force_language="en", output_path=str(output))
        async with PagefindIndex(config=config) as index:  # writes the files on a clean exit
            done = await asyncio.wait_for(index.add_directory(str(folder)), TIMEOUT)
            if not done or not done.get("page_count"):
                raise SearchIndexError(f"Pagefind found no pages to index in {folder}")

    try:
        # a thread of its own, so the build also works where an event loop is already running
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, run()).result()
        if not (output / "pagefind.js").is_file():
            raise SearchIndexError("Pagefind wrote no index")
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*"))
            if path.is_file()
        }
    except SearchIndexError:
        raise
    except Exception as err:  # noqa: BLE001 - any failure of the indexer fails the build, with why
        raise SearchIndexError(f"Pagefind could not index the site: {err}") from None
