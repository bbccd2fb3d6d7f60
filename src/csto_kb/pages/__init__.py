"""Rendering records and sources as the Markdown pages of the site.

``render_pages(records, sources, changes)`` returns ``{path under docs/: Markdown}``;
``render_site`` renders only the pages whose scope (what they are rendered from, see
``scope.py``) changed since the last build;
:func:`is_generated` tells the top-level files and folders of docs/ it owns.
"""

from .escape import md_escape
from .render import GENERATED, RenderedSite, is_generated, render_pages, render_site

__all__ = ["GENERATED", "RenderedSite", "is_generated", "md_escape", "render_pages",
           "render_site"]
