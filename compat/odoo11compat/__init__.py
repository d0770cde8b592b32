"""Run Odoo 11.0 on Python 3.11.

Odoo 11 was written for Python 3.5-3.7.  This package patches, at start-up,
exactly what later Python versions (and the library versions pinned in
``requirements.txt``) changed under it.  It is loaded by a ``.pth`` file in
the project's virtual environment (see ``scripts/env.sh``), so every entry
point gets it: the server, ``odoo shell``, pytest and ``python -c``.

* :mod:`.stdlib` patches the standard library eagerly (Odoo imports the
  removed names at import time);
* :mod:`.odoo` patches a few Odoo and library modules right after they are
  imported, through the post-import hook of :mod:`.hook`;
* :mod:`.safe_eval` teaches ``safe_eval`` the 3.11 spellings of the opcodes
  it already allowed, and nothing more.

On Python 3.5-3.7 :func:`install` does nothing.  The layer is measured on
Python 3.11 only: the standard-library patches also cover 3.8-3.10, but the
bytecode translation of :mod:`.safe_eval` is written for 3.11's opcodes.
"""
import sys

APPLIED = []  # names of the patches applied in this interpreter


def needed():
    """True when the running Python is newer than what Odoo 11 supports."""
    return sys.version_info >= (3, 8)


def install():
    """Apply every patch once; a no-op on Python 3.5-3.7."""
    if not needed() or APPLIED:
        return
    from . import hook, odoo, stdlib

    stdlib.install(APPLIED)
    hook.install()
    odoo.register(hook, APPLIED)
