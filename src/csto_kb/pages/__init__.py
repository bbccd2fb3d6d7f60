"""Rendering records and sources as the Markdown pages of the site.

``render_pages(records, sources, changes)`` returns ``{path under docs/: Markdown}``;
:data:`GENERATED` names the top-level files and folders of docs/ it owns.
"""

from .escape import md_escape
from .render import GENERATED, render_pages

__all__ = ["GENERATED", "md_escape", "render_pages"]
