"""QR codes kept from one build to the next.

Drawing a code takes about 13 ms of pure Python (segno tries eight masks to find the one that scans best), and a
site with a public address has a code for every page, so each build, and each rebuild of the preview, spent seconds
drawing the same codes again. A code is kept in the build's scratch folder (.commonroom/qr-codes) under a name made
from all that shapes it: the address, the code of the function that draws it and segno's version. A new address,
a change to how codes are drawn or a new segno draws anew; nothing kept is ever used for anything else.

COMMONROOM_QR_CACHE names another folder: the test suite points the builds of one run at one folder.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from pathlib import Path
from typing import Callable

import segno

CACHE_VARIABLE = "COMMONROOM_QR_CACHE"
Draw = Callable[[str], "tuple[bytes, bytes]"]


def qr_cache_folder(work: Path) -> Path:
    """Where the codes are kept: COMMONROOM_QR_CACHE if set, else the build's scratch folder."""
    given = os.environ.get(CACHE_VARIABLE)
    return Path(given) if given else work / "qr-codes"


def kept(draw: Draw, folder: Path) -> Draw:
    """`draw` (an address → its SVG and PNG), with each pair it draws kept in `folder` and read back after."""
    how = f"{inspect.getsource(draw)}\nsegno {segno.__version__}\n"

    def images(address: str) -> tuple[bytes, bytes]:
        name = hashlib.sha256(f"{how}{address}".encode("utf-8")).hexdigest()
        svg, png = folder / f"{name}.svg", folder / f"{name}.png"
        if svg.is_file() and png.is_file():
            return svg.read_bytes(), png.read_bytes()
        drawn = draw(address)
        folder.mkdir(parents=True, exist_ok=True)
        for path, content in zip((svg, png), drawn):
            # Written aside and moved into place, so a build running beside this one never reads half a file.
            part = path.with_name(f"{path.name}.{os.getpid()}.part")
            part.write_bytes(content)
            part.replace(path)
        return drawn

    return images
