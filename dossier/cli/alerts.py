"""`dossier alerts`: stored entities whose list matches changed when lists were reloaded."""

from __future__ import annotations
