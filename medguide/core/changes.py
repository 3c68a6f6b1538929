"""What an operation changed in the store, so the views that show it refresh themselves.

Every operation that changes content or clinic data returns a ``Changes`` value and the store
announces it to its subscribers (``medguide.store.collection.Collection.subscribe``), in the
spirit of Anki's ``OpChanges``: the window does not refresh by hand after an import or an edit,
each view looks at the changes and decides whether it is affected.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Which kinds of data an operation changed (all False: nothing changed).

    ``drugs`` narrows ``content`` to the pages of those slugs; with ``content`` set and
    ``drugs`` empty, any page may have changed (an import).
    """

    content: bool = False
    """Drug texts, names, sources or clinic versions of sections."""
    drugs: frozenset[str] = frozenset()
    names: bool = False
    """Drug names or aliases: what search finds."""
    favourites: bool = False
    history: bool = False
    """The recently viewed list."""
    letterhead: bool = False
    clinic_notes: bool = False
    sign_offs: bool = False
    """A clinician's sign-off of a drug's text (or its lapse)."""
    presets: bool = False
    """Saved handout or schedule-card presets."""

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not any(getattr(self, f.name) for f in fields(self))

    def touches(self, slug: str) -> bool:
        """Whether the page of ``slug`` may look different after these changes."""
        page_data = self.content or self.clinic_notes or self.sign_offs
        return page_data and (not self.drugs or slug in self.drugs)

    def __or__(self, other: Changes) -> Changes:
        """Both sets of changes (``drugs`` widens to "any" when either side says any)."""
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        either_any = (self.content and not self.drugs) or (other.content and not other.drugs)
        merged["drugs"] = frozenset() if either_any else self.drugs | other.drugs
        return Changes(**merged)


ANY_CONTENT = Changes(content=True, names=True)
"""What an import that wrote something changes."""
