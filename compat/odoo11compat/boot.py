"""Imported by the ``.pth`` file of the virtual environment."""
import odoo11compat

odoo11compat.install()
