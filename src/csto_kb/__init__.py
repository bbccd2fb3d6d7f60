"""csto-kb: a static knowledge-base site generator for news texts about the CSTO."""

__version__ = "0.1.0"
