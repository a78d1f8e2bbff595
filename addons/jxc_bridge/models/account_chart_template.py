# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# Chinese charts (l10n_cn): the accounts of the default posting rules, by code
# prefix, first match wins (small business charts have no 1901 待处理财产损溢).
CN_TEMPLATES = ("cn", "cn_common", "cn_large_bis")
CN_STOCK = ("1405",)  # 库存商品
CN_IN_TRANSIT = ("1402",)  # 在途物资
CN_COST = ("6401",)  # 主营业务成本
CN_LOSS = ("1901", "6711")  # 待处理财产损溢, else 营业外支出
CN_GAIN = ("1901", "6301")  # 待处理财产损溢, else 营业外收入
# operation kind: the account of the stock side's counterpart; the stock side
# (debit or credit, as jxc.posting.rule says) is 1405 库存商品. Empty: the
# product category's (revaluation) or the landed cost line's account.
CN_RULE_ACCOUNTS = {
    "receipt": CN_IN_TRANSIT,
    "delivery": CN_COST,
    "customer_return": CN_COST,
    "vendor_return": CN_IN_TRANSIT,
    "scrap": CN_LOSS,
    "inventory_gain": CN_GAIN,
    "inventory_loss": CN_LOSS,
    "revaluation": (),
    "landed_cost": (),
}
# product category stock accounts, set as the company's defaults when the chart
# has none (l10n_cn ships none)
CN_CATEGORY_ACCOUNTS = {
    "property_stock_valuation_account_id": CN_STOCK,
    "property_stock_account_input_categ_id": CN_IN_TRANSIT,
    "property_stock_account_output_categ_id": CN_COST,
}


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        res = super()._post_load_data(template_code, company, template_data)
        if template_code in CN_TEMPLATES:
            self._jxc_load_cn_defaults(company or self.env.company)
        return res

    def _jxc_cn_account(self, company, prefixes):
        Account = self.env["account.account"].with_company(company)
        for prefix in prefixes:
            account = Account.search(
                [
                    *Account._check_company_domain(company),
                    ("code", "=like", f"{prefix}%"),
                    ("deprecated", "=", False),
                ],
                order="code",
                limit=1,
            )
            if account:
                return account
        return Account

    def _jxc_load_cn_defaults(self, company):
        """Stock accounts of the Chinese chart on the product categories (when
        none is set) and on the company's default posting rules (where empty)."""
        Category = self.env["product.category"].with_company(company)
        for fname, prefixes in CN_CATEGORY_ACCOUNTS.items():
            fallback = Category._fields[fname].get_company_dependent_fallback(Category)
            account = self._jxc_cn_account(company, prefixes)
            if (
                account
                and not fallback
                and not Category.search_count([(fname, "!=", False)], limit=1)
            ):
                self.env["ir.default"].set(
                    "product.category", fname, account.id, company_id=company.id
                )
        company._jxc_create_default_posting_rules()
        rules = self.env["jxc.posting.rule"].search(
            [
                ("company_id", "=", company.id),
                ("warehouse_id", "=", False),
                ("categ_id", "=", False),
            ]
        )
        stock = self._jxc_cn_account(company, CN_STOCK)
        for rule in rules.filtered(lambda r: r.operation_kind in CN_RULE_ACCOUNTS):
            counterpart = self._jxc_cn_account(
                company, CN_RULE_ACCOUNTS[rule.operation_kind]
            )
            if rule._jxc_stock_side(rule.operation_kind) == "debit":
                stock_field, counterpart_field = "debit_account_id", "credit_account_id"
            else:
                stock_field, counterpart_field = "credit_account_id", "debit_account_id"
            vals = {}
            if stock and not rule[stock_field]:
                vals[stock_field] = stock.id
            if counterpart and not rule[counterpart_field]:
                vals[counterpart_field] = counterpart.id
            rule.write(vals)
