"""Common Room's build logic as plain Python: load and check the data, and turn it into pages.

Nothing here imports MkDocs, so it can be tested alone and moved if the site generator changes.
The thin modules in hooks/ call it from MkDocs events.
"""
