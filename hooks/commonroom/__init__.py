"""Common Room's build logic as plain Python, in three steps that no generator is imported by:

- prepare (prepare.py): load and check the data, assemble the docs tree, write every page and file made from data
  and the generator's configuration (engines.py);
- generate (generate.py): run the generator (MkDocs) on the prepared tree, as a separate program;
- finish (finish.py): the built HTML in, the finished site out (first paint, search index, CSP).

`python -m commonroom build|serve` (__main__.py) runs them; each concern has its own small module.
"""

# The kit's release: a calendar version (year.month.patch). A release is a git tag v<this> on the kit's repository
# and a wheel of this number (pyproject.toml reads it from here); releases/<this>.json lists its files' hashes.
__version__ = "2026.12.0"
