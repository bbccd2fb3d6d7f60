"""Resolution: mentions of one entity, however spelled, become one entity."""

from csto_kb.resolution.resolve import Entity, resolve

__all__ = ["Entity", "resolve"]
