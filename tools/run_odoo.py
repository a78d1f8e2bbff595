"""Start Odoo's command line, as Odoo's own ``odoo-bin`` does.

The harness runs Odoo through this file rather than ``python -m odoo``: with
``--workers``, Odoo starts its gevent process (live notifications) as
``sys.executable sys.argv[0] gevent``, and ``sys.argv[0]`` must then be a script
(``python -m odoo`` leaves ``odoo/__main__.py`` there, whose relative import fails
when it is run as a script).
"""

import os

# the server's time zone is UTC, set before the time module is imported (as
# odoo-bin does)
os.environ["TZ"] = "UTC"

import odoo

if __name__ == "__main__":
    odoo.cli.main()
