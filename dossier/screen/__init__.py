"""Screen: names × sanctions and export-control lists → scored, explained results. Pure."""
