# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class JxcBulkLineMixin(models.AbstractModel):
    """Lines written by the thousand with one ``INSERT ... SELECT`` carry no
    foreign key: Odoo would add one per many2one column (and for the users of
    ``create_uid``/``write_uid``), each a trigger and a row lock per inserted
    line, which cost as much as computing the lines. The model that writes the
    lines keeps them consistent instead: it deletes them with their parent and
    follows the deletion of the records they name (see ``_jxc_unlink_lines``
    of ``jxc.abc.run.line``)."""

    _name = "jxc.bulk.line.mixin"
    _description = "JXC Line Written in Bulk"

    def init(self):
        res = super().init()
        if not self._abstract and hasattr(self.pool, "_post_init_queue"):
            # after the fields queued their foreign keys, before they are created
            self.pool.post_init(self._jxc_drop_foreign_keys)
        return res

    def _jxc_drop_foreign_keys(self):
        """Forget the foreign keys Odoo would create on the lines' table, and
        drop those an earlier version of the addon created."""
        foreign_keys = getattr(self.pool, "_foreign_keys", {})
        for key in [key for key in foreign_keys if key[0] == self._table]:
            del foreign_keys[key]
        names = [
            name
            for (name,) in self.env.execute_query(
                SQL(
                    "SELECT c.conname FROM pg_constraint c "
                    "JOIN pg_class t ON t.oid = c.conrelid "
                    "WHERE t.relname = %s AND c.contype = 'f'",
                    self._table,
                )
            )
        ]
        for name in names:
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s DROP CONSTRAINT %s",
                    SQL.identifier(self._table),
                    SQL.identifier(name),
                )
            )
        if names:
            self.env["ir.model.constraint"].search(
                [("name", "in", names), ("type", "=", "f")]
            ).unlink()
