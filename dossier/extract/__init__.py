"""Extract: documents → entities (with mentions) and attributed claims. Pure; no I/O."""
