"""Back/forward navigation history of opened drugs (Qt-free)."""

from __future__ import annotations


class History:
    """A browser-style list of slugs with a cursor; visiting drops the forward entries."""

    def __init__(self, limit: int = 200) -> None:
        self._items: list[str] = []
        self._pos = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        """The slug shown now, if any."""
        return self._items[self._pos] if self._pos >= 0 else None

    def visit(self, slug: str) -> None:
        """Record a newly opened drug (a repeat of the current one is ignored)."""
        if slug == self.current:
            return
        del self._items[self._pos + 1 :]
        self._items.append(slug)
        if len(self._items) > self._limit:
            del self._items[0]
        self._pos = len(self._items) - 1

    def can_back(self) -> bool:
        """True when there is an earlier entry."""
        return self._pos > 0

    def can_forward(self) -> bool:
        """True when there is a later entry."""
        return self._pos < len(self._items) - 1

    def back(self) -> str | None:
        """Move back one entry and return it (None at the start)."""
        if not self.can_back():
            return None
        self._pos -= 1
        return self.current

    def forward(self) -> str | None:
        """Move forward one entry and return it (None at the end)."""
        if not self.can_forward():
            return None
        self._pos += 1
        return self.current
