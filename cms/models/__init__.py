"""Models of the public site: Wagtail pages (`pages`) and the read tables its listings use (`listing`)."""

from .listing import CatalogCounts, ListingEntry, ListingSortKey
from .pages import DecisionIndexPage, HomePage, PostingIndexPage, ProcedureIndexPage

__all__ = [
    "CatalogCounts",
    "DecisionIndexPage",
    "HomePage",
    "ListingEntry",
    "ListingSortKey",
    "PostingIndexPage",
    "ProcedureIndexPage",
]
