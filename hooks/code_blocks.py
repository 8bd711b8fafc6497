"""MkDocs hook: every code block takes keyboard focus, so it can be scrolled without a mouse (commonroom/code_blocks.py)."""

from commonroom.code_blocks import focusable_code_blocks


def on_page_content(html, page, config, files):
    return focusable_code_blocks(html)
