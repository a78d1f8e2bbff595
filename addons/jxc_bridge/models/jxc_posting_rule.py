# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from . import voucher

OPERATION_KINDS = [
    ("receipt", "Receipt from Vendor"),
    ("delivery", "Delivery to Customer"),
    ("customer_return", "Customer Return"),
    ("vendor_return", "Vendor Return"),
    ("internal_transfer", "Inter-Warehouse Transfer"),
    ("scrap", "Scrap"),
    ("inventory_gain", "Inventory Gain"),
    ("inventory_loss", "Inventory Loss"),
    ("landed_cost", "Landed Cost"),
    ("revaluation", "Revaluation / Price Change"),
]
# Which of Odoo's accounts (stock valuation, source = stock input, destination =
# stock output, or the location's) a rule's debit and credit accounts replace,
# per operation kind: (debit replaces, credit replaces). The one copy of this
# table: read it through JxcPostingRule._jxc_account_slots / _jxc_stock_side.
ACCOUNT_SLOTS = {
    "receipt": (("valuation",), ("src",)),
    "customer_return": (("valuation",), ("dest",)),
    "inventory_gain": (("valuation",), ("src",)),
    # value added to (or removed from) stock: Odoo's counterpart is the input
    # account for increases, the output account for decreases
    "revaluation": (("valuation",), ("src", "dest")),
    "delivery": (("dest",), ("valuation",)),
    "vendor_return": (("src",), ("valuation",)),
    "internal_transfer": (("dest",), ("valuation",)),
    "scrap": (("dest",), ("valuation",)),
    "inventory_loss": (("dest",), ("valuation",)),
    # Odoo's landed cost entry debits the stock valuation account and credits
    # the landed cost line's account (expense or clearing): its counterpart
    "landed_cost": (("valuation",), ("src",)),
}


class JxcPostingRule(models.Model):
    _name = "jxc.posting.rule"
    _description = "Valuation Posting Rule"
    _inherit = ("mail.thread", "analytic.mixin", "jxc.audit.mixin")
    _order = "sequence, id"
    _check_company_auto = True

    def _jxc_audit_field_names(self):
        # every field the chatter tracks but the name (a label, translated by
        # the system when a language is loaded)
        return [
            name
            for name, field in self._fields.items()
            if getattr(field, "tracking", False) and name != "name"
        ]

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(
        default=10,
        tracking=True,
        help="Priority among rules equally specific: the lowest number wins.",
    )
    operation_kind = fields.Selection(
        OPERATION_KINDS, string="Operation", required=True, tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
        index=True,
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        tracking=True,
        help="Empty: every warehouse.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        tracking=True,
        help="Empty: every category. A category also matches its sub-categories.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        tracking=True,
        help="Empty: the stock journal of the product category.",
    )
    debit_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        tracking=True,
        help="Empty: the account Odoo takes from the product category or location.",
    )
    credit_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        tracking=True,
        help="Empty: the account Odoo takes from the product category or location.",
    )
    narration_template = fields.Char(
        string="Narration",
        translate=True,
        tracking=True,
        help="Narration (摘要) of the journal items. Placeholders: {document}, "
        "{partner}, {product}, {warehouse}, {date}. Empty: Odoo's description.",
    )
    grouping = fields.Selection(
        [
            ("per_move", "One Entry per Move (Odoo)"),
            ("per_picking", "One Voucher per Document"),
            ("per_day", "Daily Summary Voucher"),
            ("summary_picking", "Summary by Account, per Document"),
            ("summary_day", "Summary by Account, per Day"),
        ],
        required=True,
        default="per_move",
        tracking=True,
        help="One Entry per Move: Odoo's own entry for each stock move, when it "
        "is done.\n"
        "One Voucher per Document: one voucher per transfer, one line per "
        "product and account, posted by the queue.\n"
        "Daily Summary Voucher: one voucher per rule and day, one line per "
        "product and account, posted once the day is over.\n"
        "Summary by Account (汇总凭证): one line per account and side for a "
        "transfer or a day; the product detail stays on the valuation layers. "
        "Interim accounts that Odoo matches per product with bills and invoices "
        "(reconcilable stock input and output accounts) keep one line per "
        "product.",
    )
    summary_by_partner = fields.Boolean(
        string="Summary per Partner",
        tracking=True,
        help="Summary vouchers: one line per account, side and partner instead "
        "of one per account and side.",
    )
    grouping_note = fields.Char(
        string="What It Posts", compute="_compute_grouping_note"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Accountant",
        tracking=True,
        help="Receives the activity when a posting under this rule fails.",
    )
    layer_ids = fields.One2many("stock.valuation.layer", "jxc_posting_rule_id")
    layer_count = fields.Integer(compute="_compute_layer_count")

    @api.depends("grouping")
    def _compute_grouping_note(self):
        notes = {
            "per_move": self.env._(
                "Odoo's own entry for each stock move, when it is done."
            ),
            "per_picking": self.env._(
                "One voucher per transfer, a line per product and account, "
                "posted by the queue."
            ),
            "per_day": self.env._(
                "One voucher per rule and day, a line per product and account, "
                "posted once the day is over."
            ),
            "summary_picking": self.env._(
                "One voucher per transfer, a line per account and side; interim "
                "accounts keep a line per product."
            ),
            "summary_day": self.env._(
                "One voucher per rule and day, a line per account and side; "
                "interim accounts keep a line per product."
            ),
        }
        for rule in self:
            rule.grouping_note = notes.get(rule.grouping, False)

    def _compute_layer_count(self):
        counts = dict(
            self.env["stock.valuation.layer"]._read_group(
                [("jxc_posting_rule_id", "in", self.ids)],
                ["jxc_posting_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.layer_count = counts.get(rule, 0)

    @api.constrains(
        "debit_account_id", "credit_account_id", "operation_kind", "company_id"
    )
    def _check_accounts(self):
        """No deprecated account; the stock side is a stock valuation account:
        the stock valuation account of a product category of the company, or
        a current asset that is not reconcilable (the type Odoo's charts give
        stock, l10n_cn's 1405 库存商品 among them; interim input and output
        accounts are reconcilable, expense and income accounts are no assets)."""
        for rule in self:
            accounts = rule.debit_account_id | rule.credit_account_id
            deprecated = accounts.filtered("deprecated")
            if deprecated:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s uses the deprecated account %(account)s: "
                        "choose an account in use.",
                        rule=rule.name,
                        account=deprecated[0].display_name,
                    )
                )
            stock = rule._jxc_stock_account()
            if stock and not rule._jxc_is_stock_valuation_account(stock):
                labels = dict(
                    self._fields["operation_kind"]._description_selection(self.env)
                )
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s (%(kind)s) puts %(account)s on the %(side)s "
                        "side, the side of the stock: choose a stock valuation "
                        "account (a product category's, or a current asset "
                        "account that is not reconcilable), or leave it empty "
                        "to use the product category's.",
                        rule=rule.name,
                        kind=labels[rule.operation_kind],
                        account=stock.display_name,
                        side=self.env._("debit")
                        if rule._jxc_stock_side(rule.operation_kind) == "debit"
                        else self.env._("credit"),
                    )
                )

    @api.constrains(
        "active", "company_id", "operation_kind", "warehouse_id", "categ_id", "sequence"
    )
    def _check_unique_priority(self):
        """Two active rules equally specific must not share a sequence: the
        engine could not choose between them."""
        for rule in self.filtered("active"):
            twin = self.search(
                [
                    ("id", "!=", rule.id),
                    ("company_id", "=", rule.company_id.id),
                    ("operation_kind", "=", rule.operation_kind),
                    ("warehouse_id", "=", rule.warehouse_id.id),
                    ("categ_id", "=", rule.categ_id.id),
                    ("sequence", "=", rule.sequence),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "Rules %(rule)s and %(twin)s match the same operations "
                        "(same company, operation, warehouse and category) with "
                        "the same sequence %(sequence)s: give one of them another "
                        "sequence (the lowest wins) or archive it.",
                        rule=rule.name,
                        twin=twin.name,
                        sequence=rule.sequence,
                    )
                )

    @api.constrains("narration_template")
    def _check_narration_template(self):
        for rule in self:
            rule._jxc_check_narration(rule.narration_template)

    def _jxc_check_narration(self, template):
        """Refuse a narration that cannot be rendered: bad syntax, an unknown
        placeholder, or a format that fails on sample values."""
        self.ensure_one()
        try:
            unknown = voucher.unknown_placeholders(template)
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "The narration of rule %(rule)s is not a valid template "
                    "(%(error)s). Write placeholders as {document}.",
                    rule=self.name,
                    error=error,
                )
            ) from error
        if unknown:
            raise ValidationError(
                self.env._(
                    "Unknown placeholder(s) %(names)s in the narration of rule "
                    "%(rule)s. Use only {document}, {partner}, {product}, "
                    "{warehouse}, {date}.",
                    names=", ".join(f"{{{n}}}" for n in unknown),
                    rule=self.name,
                )
            )
        try:
            voucher.check(template)
        except voucher.TemplateError as error:
            raise ValidationError(
                self.env._(
                    "The narration %(template)s of rule %(rule)s cannot be "
                    "written (%(error)s). Write each placeholder as it is, "
                    "without a format or conversion: {document}, {date}.",
                    template=template,
                    rule=self.name,
                    error=error,
                )
            ) from error

    def _update_field_translations(
        self, field_name, translations, digest=None, source_lang=None
    ):
        """A translation of the narration (the translation dialog) is checked
        like the narration itself."""
        if field_name == "narration_template":
            for rule in self:
                for value in (translations or {}).values():
                    if isinstance(value, str) and value:
                        rule._jxc_check_narration(value)
        return super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env["jxc.posting.engine"].sudo()._wake_failed(rules.company_id)
        return rules

    def write(self, vals):
        res = super().write(vals)
        # a rule changed may fix the postings that failed under it (or for a
        # conflict): they are retried at the next run
        self.env["jxc.posting.engine"].sudo()._wake_failed(self.company_id)
        return res

    def copy_data(self, default=None):
        """A copy comes after its original: equally specific, it needs its own
        sequence."""
        vals_list = super().copy_data(default=default)
        if default and "sequence" in default:
            return vals_list
        for rule, vals in zip(self, vals_list, strict=True):
            last = self.with_context(active_test=False).search(
                [
                    ("company_id", "=", vals.get("company_id", rule.company_id.id)),
                    ("operation_kind", "=", rule.operation_kind),
                    ("warehouse_id", "=", rule.warehouse_id.id),
                    ("categ_id", "=", rule.categ_id.id),
                ],
                order="sequence desc",
                limit=1,
            )
            vals["sequence"] = last.sequence + 1
        return vals_list

    def _specificity(self):
        self.ensure_one()
        depth = len(self.categ_id.parent_path.split("/")) if self.categ_id else 0
        return (bool(self.warehouse_id), depth)

    @api.model
    def _jxc_match(self, company, kind, warehouse, category, rules=None):
        """The rule for an operation, or (False, error message).

        The most specific rule wins (warehouse, then deepest category), then
        the lowest sequence; two rules equal on both are a conflict.
        """
        best, twin = self._jxc_rank(company, kind, warehouse, category, rules=rules)
        if twin:
            return self.browse(), self.env._(
                "Rule conflict: %(first)s and %(second)s match equally; "
                "give one of them a different sequence.",
                first=best.display_name,
                second=twin.display_name,
            )
        return best, False

    @api.model
    def _jxc_rank(self, company, kind, warehouse, category, rules=None):
        """(the best rule for an operation, the rule that ties with it): the
        second is empty unless two rules conflict."""
        if rules is None:
            rules = self.search(
                [("company_id", "=", company.id), ("operation_kind", "=", kind)]
            )
        candidates = rules.filtered(
            lambda r: (
                r.company_id == company
                and r.operation_kind == kind
                and (not r.warehouse_id or r.warehouse_id == warehouse)
                and (
                    not r.categ_id
                    or (
                        category
                        and category.parent_path.startswith(r.categ_id.parent_path)
                    )
                )
            )
        )
        if not candidates:
            return self.browse(), self.browse()
        ranked = sorted(
            candidates,
            key=lambda r: (
                -int(r._specificity()[0]),
                -r._specificity()[1],
                r.sequence,
            ),
        )
        best = ranked[0]
        if len(ranked) > 1:
            second = ranked[1]
            if (
                second._specificity() == best._specificity()
                and second.sequence == best.sequence
            ):
                return best, second
        return best, self.browse()

    @api.model
    def _jxc_account_slots(self, kind):
        """(debit slots, credit slots): which of Odoo's accounts ("valuation",
        "src", "dest") a rule's debit and credit accounts replace for ``kind``."""
        return ACCOUNT_SLOTS[kind]

    @api.model
    def _jxc_stock_side(self, kind):
        """ "debit" when a rule of ``kind`` debits the stock valuation account
        (goods or value come in), "credit" when it credits it."""
        return "debit" if "valuation" in ACCOUNT_SLOTS[kind][0] else "credit"

    def _jxc_stock_account(self):
        """The account this rule puts in place of the stock valuation account
        (empty: the product category's)."""
        self.ensure_one()
        if self._jxc_stock_side(self.operation_kind) == "debit":
            return self.debit_account_id
        return self.credit_account_id

    def _jxc_counterpart_account(self):
        """The account this rule puts in place of the stock account's
        counterpart (Odoo's input, output or the landed cost line's account;
        empty: Odoo's)."""
        self.ensure_one()
        if self._jxc_stock_side(self.operation_kind) == "debit":
            return self.credit_account_id
        return self.debit_account_id

    def _jxc_is_stock_valuation_account(self, account):
        """Whether ``account`` may be the stock side of this rule (see
        ``_check_accounts``)."""
        self.ensure_one()
        category_accounts = self.env["jxc.valuation"]._stock_accounts(
            self.company_id, real_time_only=False, with_rules=False
        )
        if account in category_accounts:
            return True
        return account.account_type == "asset_current" and not account.reconcile

    @api.model
    def _jxc_default_name(self, kind):
        """The name of the default rule of ``kind``, in the context's language."""
        labels = dict(self._fields["operation_kind"]._description_selection(self.env))
        return self.env._("%(kind)s (default)", kind=labels[kind])

    @api.model
    def _jxc_name_defaults(self, langs=None, rules=None):
        """Name the default rules in ``langs`` (default: every installed
        language). A default rule is one still named, in English, as it was
        created; a name an accountant translated is kept."""
        Rule = self.with_context(lang="en_US", active_test=False)
        if rules is None:
            rules = Rule.search([])
        if langs is None:
            langs = [code for code, _name in self.env["res.lang"].get_installed()]
        langs = [lang for lang in langs if lang != "en_US"]
        for kind in set(rules.mapped("operation_kind")):
            english = Rule._jxc_default_name(kind)
            defaults = rules.with_context(lang="en_US").filtered(
                lambda r, k=kind, e=english: r.operation_kind == k and r.name == e
            )
            for lang in langs:
                untranslated = defaults.with_context(lang=lang).filtered(
                    lambda r, e=english: r.name == e
                )
                untranslated.name = Rule.with_context(lang=lang)._jxc_default_name(kind)

    def action_view_layers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.stock_valuation_layer_action_jxc_queue"
        )
        action["domain"] = [("jxc_posting_rule_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_preview(self):
        self.ensure_one()
        return self.env["jxc.posting.rule.preview"]._jxc_dialog_action(
            context={"default_rule_id": self.id}
        )
