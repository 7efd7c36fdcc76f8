"""Test peer: a small "library catalogue" server on fastmcp 4.x.

    fastmcp run Tests/Fixtures/peers/fastmcp_server.py:mcp --transport http \
        --host 127.0.0.1 --port N --no-banner
    fastmcp run Tests/Fixtures/peers/fastmcp_server.py:mcp --no-banner      # stdio

Lists are paginated by fastmcp itself (`list_page_size`, 2 by default; set
ACCORD_FASTMCP_PAGE_SIZE=0 for one page), so a client meets a real server's nextCursor.
README.md beside this file records the observed wire behaviour.
"""

from __future__ import annotations

import os
import signal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from fastmcp import FastMCP
from mcp_types import ToolAnnotations

# uvicorn re-raises SIGTERM after its graceful shutdown (exit status 143); end with 0 instead.
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

_page_size = int(os.environ.get("ACCORD_FASTMCP_PAGE_SIZE", "2"))

mcp = FastMCP(
    "accord-fastmcp-peer",
    instructions="A library catalogue for tests: search, then borrow.",
    version="2.1.0",
    list_page_size=_page_size or None,
)


class Book(BaseModel):
    isbn: str
    title: str
    year: int
    available: bool


class SearchResult(BaseModel):
    total: int
    books: list[Book]


_CATALOGUE = [
    Book(isbn="978-0131103627", title="The C Programming Language", year=1988, available=True),
    Book(isbn="978-0262033848", title="Introduction to Algorithms", year=2009, available=False),
]


@mcp.tool(title="Search books", tags={"catalogue"})
def search_books(
    query: Annotated[str, Field(description="Words to find in titles", min_length=1)],
    limit: Annotated[int, Field(ge=1, le=50)] = 10,
    sort: Literal["title", "year"] = "title",
) -> SearchResult:
    """Search the catalogue (structured output)."""
    hits = [book for book in _CATALOGUE if query.lower() in book.title.lower()][:limit]
    hits.sort(key=lambda book: getattr(book, sort))
    return SearchResult(total=len(hits), books=hits)


@mcp.tool(
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False),
    meta={"com.example/deprecated": {"since": "2.0.0", "sunset": "2027-01-31", "replacement": "borrow"}},
)
def checkout(isbn: str, member_id: int) -> str:
    """Borrow a book (deprecated; use borrow)."""
    return f"{isbn} checked out to {member_id}"


@mcp.tool
def borrow(isbn: str, member_id: int, days: int = 14) -> dict:
    """Borrow a book for a number of days."""
    return {"isbn": isbn, "member_id": member_id, "due_in_days": days}


@mcp.tool(output_schema=None)
def ping_catalogue() -> str:
    """Plain-text health check (no outputSchema)."""
    return "ok"


@mcp.resource("library://opening-hours", name="opening-hours", description="Opening hours", mime_type="text/plain")
def opening_hours() -> str:
    return "Mon-Fri 9-17"


@mcp.resource("library://policies", name="policies", mime_type="text/markdown")
def policies() -> str:
    return "# Policies\nBe quiet."


@mcp.resource("library://books/{isbn}", name="book", description="One book as JSON", mime_type="application/json")
def book(isbn: str) -> dict:
    for entry in _CATALOGUE:
        if entry.isbn == isbn:
            return entry.model_dump()
    return {}


@mcp.prompt(title="Recommend", description="Recommend books on a topic.")
def recommend(topic: str, audience: str = "adults") -> str:
    return f"Recommend three books about {topic} for {audience}."


@mcp.prompt
def summarise(isbn: str) -> str:
    """Summarise one book."""
    return f"Summarise the book with ISBN {isbn}."


@mcp.prompt
def greet() -> str:
    """A prompt without arguments."""
    return "Say hello to the librarian."


if __name__ == "__main__":
    mcp.run()
