# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class JxcStockAlertDigest(models.Model):
    """The last day (the company's) a recipient was sent a company's alert
    digest: the digest goes out once a day per recipient, however often the
    scheduled action runs. Written by the digest job only."""

    _name = "jxc.stock.alert.digest"
    _description = "Stock Alert Digest Sent"
    _order = "company_id, user_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, ondelete="cascade"
    )
    last_sent_date = fields.Date(
        "Last Sent", required=True, readonly=True, help="The company's local day."
    )

    _sql_constraints = (
        (
            "company_user_uniq",
            "unique (company_id, user_id)",
            "A recipient has one digest record per company.",
        ),
    )

    @api.model
    def _jxc_claim(self, company, users, day):
        """Mark ``users`` as sent ``company``'s digest of ``day`` and return
        those who had not been sent it yet. One statement, in the transaction
        that queues the mails: a rerun the same day sends nothing, and of two
        runs at once the second waits for the first and never sends the same
        digest again (it finds the day taken, or fails on the row and is
        rolled back)."""
        if not users:
            return users
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_stock_alert_digest
                    (company_id, user_id, last_sent_date,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, u, %(day)s,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(users)s::int[]) u
                ON CONFLICT (company_id, user_id) DO UPDATE
                   SET last_sent_date = EXCLUDED.last_sent_date,
                       write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date
                 WHERE jxc_stock_alert_digest.last_sent_date
                       < EXCLUDED.last_sent_date
                RETURNING user_id
                """,
                company=company.id,
                day=day,
                uid=self.env.uid,
                users=users.ids,
            )
        )
        self.invalidate_model()
        claimed = {user_id for (user_id,) in rows}
        return users.filtered(lambda user: user.id in claimed)
