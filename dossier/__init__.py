"""dossier: a sourced knowledge graph of arms transfers, military cooperation and sanctions."""

__version__ = "0.1.0"
__all__ = ["__version__"]
