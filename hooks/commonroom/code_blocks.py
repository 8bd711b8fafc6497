"""Code blocks a keyboard can scroll.

A long line in a code block (a server setting in the deployment guide) scrolls sideways inside the block. Someone
without a mouse or touch screen can only scroll it if the block takes focus (WCAG 2.1.1; axe-core's
scrollable-region-focusable). Material's script makes blocks focusable once it runs; this does it in the HTML, so
it holds with JavaScript off and before the script arrives.
"""

import re

CODE_BLOCK = re.compile(r"<pre\b([^>]*)><code\b(?![^>]*\btabindex=)")


def focusable_code_blocks(html: str) -> str:
    return CODE_BLOCK.sub(r'<pre\1><code tabindex="0"', html)
