"""A folder that prepare fills, rewriting a file only when its bytes change.

The live preview watches the prepared tree: a file rewritten with the same bytes would look like an edit and start
another rebuild, for ever. Files not written in a round (a service deleted from data/) are removed at the end of it.
With `hold=True` the changed files are kept back and written together by `flush()`, so a preview that watches the
folder rebuilds once, when the round is complete, rather than once for the first file and again for the rest.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class ScratchTree:
    def __init__(self, root: Path, hold: bool = False):
        self.root = Path(root)
        self.hold = hold
        self.held: dict[str, bytes] = {}
        self.written: set[str] = set()
        self.changed = 0

    def write(self, rel: str, content: str | bytes) -> None:
        """Write `content` at `rel` (a /-separated path under the root) unless the file already holds it."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.written.add(rel)
        path = self.root / rel
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return
        except FileNotFoundError:
            pass
        if self.hold:
            self.held[rel] = data
        else:
            self._put(path, data)

    def flush(self) -> None:
        """Write the files kept back, all at once."""
        for rel, data in self.held.items():
            self._put(self.root / rel, data)
        self.held.clear()

    def _put(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Whole or not at all: a watcher must never read half a file.
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        self.changed += 1

    def copy_tree(self, source: Path, prefix: str = "") -> list[str]:
        """Copy every file under `source` (skipping Python caches), returning their /-separated paths."""
        copied = []
        for folder, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            rel_folder = Path(folder).relative_to(source).as_posix()
            for name in files:
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                self.write(prefix + rel, (Path(folder) / name).read_bytes())
                copied.append(rel)
        return copied

    def remove_unwritten(self) -> None:
        """Remove the files from earlier rounds that this round did not write, and the folders left empty."""
        if not self.root.exists():
            return
        for folder, dirs, files in os.walk(self.root, topdown=False):
            for name in files:
                path = Path(folder) / name
                if path.relative_to(self.root).as_posix() not in self.written:
                    path.unlink()
                    self.changed += 1
            if folder != str(self.root) and not os.listdir(folder):
                os.rmdir(folder)


def replace_folder(new: Path, target: Path) -> None:
    """Put the finished folder `new` where `target` was, so a failed build leaves the old one whole."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
