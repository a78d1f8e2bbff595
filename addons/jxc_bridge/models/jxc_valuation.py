# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The valuation core: the one reader of stock valuation in jxc.

A day is the company's local day: it starts at midnight in the time zone of the
company's partner (UTC when it has none). Every period, month end, lock date,
report column and entry date in jxc is cut here, once, so that the summary, the
reconciliation, the month close and the stock lock agree on what "31 January"
means for a company in Asia/Shanghai.
"""

from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# the groups that may see costs and stock values (the accountants and the
# auditors): every cost or value field of jxc carries them
VALUE_GROUPS = "account.group_account_readonly,account.group_account_invoice"


class JxcValuation(models.AbstractModel):
    _name = "jxc.valuation"
    _description = "JXC Valuation Core"

    # ---------------------------------------------------------------- days
    @api.model
    def _tz(self, company):
        """The company's time zone (its partner's, else UTC)."""
        return pytz.timezone(company.partner_id.tz or "UTC")

    @api.model
    def _day_start(self, company, day):
        """The naive UTC datetime of the local midnight that starts ``day``."""
        local = self._tz(company).localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _day_end(self, company, day):
        """The naive UTC datetime of the local midnight that ends ``day``
        (exclusive bound: ``moment < _day_end(day)``)."""
        return self._day_start(company, day + timedelta(days=1))

    @api.model
    def _period_bounds(self, company, date_from, date_to):
        """UTC bounds ``[start, end)`` of the local days ``date_from`` to
        ``date_to`` included."""
        return self._day_start(company, date_from), self._day_end(company, date_to)

    @api.model
    def _local_date(self, company, moment):
        """The company's local date of a naive UTC datetime."""
        return pytz.utc.localize(moment).astimezone(self._tz(company)).date()

    @api.model
    def _today(self, company):
        """Today in the company's calendar."""
        return self._local_date(company, fields.Datetime.now())

    @api.model
    def _month_start(self, day):
        return date(day.year, day.month, 1)

    @api.model
    def _month_end(self, day):
        return self._month_start(day) + relativedelta(months=1, days=-1)

    @api.model
    def _next_month(self, day):
        return self._month_start(day) + relativedelta(months=1)
