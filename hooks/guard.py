"""MkDocs hook, listed in mkdocs.yml so that `mkdocs build` or `mkdocs serve` run straight on the project stops
at once, before writing anything: most of the site is made from data by `python -m commonroom`, which runs MkDocs
on a prepared copy (without this hook)."""

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority


@event_priority(100)  # before the macros plugin, which needs the prepared data
def on_config(config):
    raise Abort("Build this site with `python -m commonroom build` (or `make build`), and preview it with "
                "`python -m commonroom serve` (or `make serve`). They check the data, make its pages and then run MkDocs.")
