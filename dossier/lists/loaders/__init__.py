"""List loaders: one module per list family, one registry to pick the right one.

Each loader turns the files of one publisher into `ListRecord`s. `load_lists` walks
the given paths, picks the loader for each file and reports per-file errors without
stopping (a truncated file loses only what could not be read).
"""

from dossier.lists.loaders.registry import LOADERS, ListFile, find_list_files, load_list_file

__all__ = ["LOADERS", "ListFile", "find_list_files", "load_list_file"]
