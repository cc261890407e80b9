"""Cross-document intelligence over the store: claim groups, source counting,
contradictions, and the time-aware brief on one entity (`dossier report`).
"""

from __future__ import annotations

from dossier.intel.groups import ClaimGroup, build_groups, group_claims

__all__ = ["ClaimGroup", "build_groups", "group_claims"]
