"""Shared by the two real-browser tests (tests/browser: JupyterLab, tests/site: the website)."""
import os
import shutil
import socket


def find_chromium():
    """Debian's Chromium (or D2LMINI_CHROMIUM), or None when it is not installed."""
    for candidate in (os.environ.get('D2LMINI_CHROMIUM'), '/usr/bin/chromium',
                      shutil.which('chromium'), shutil.which('chromium-browser')):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]
