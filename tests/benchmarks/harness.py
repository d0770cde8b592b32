"""What the benchmark scripts share: the command line and one superuser
environment on one cursor, rolled back at the end."""
import argparse


def run_rolled_back(run, **defaults):
    """Parse ``-c CONFIG -d DB`` and ``--NAME`` integer options (their
    defaults given as keywords), then call ``run(env, args)`` on a
    cursor that is rolled back whatever happens."""
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    for name, default in sorted(defaults.items()):
        parser.add_argument("--" + name.replace("_", "-"), type=int,
                            default=default)
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {
            "tracking_disable": True, "mail_notrack": True,
            "mail_create_nolog": True})
        try:
            run(env, args)
        finally:
            cr.rollback()
