# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import SQL


class JxcReportMixin(models.AbstractModel):
    """What every jxc report wizard shares: compute its lines with one SQL
    statement, show them (list, pivot, graph), print them (QWeb PDF) and export
    them (XLSX). A report names its line model, the columns of its PDF and its
    PDF action; the columns come from the line model's fields, so a user who may
    not read a field (values without accounting rights) gets no such column."""

    _name = "jxc.report.mixin"
    _description = "JXC Report"
    _jxc_line_model = None
    _jxc_pdf_report = None
    _jxc_pdf_columns = None  # None: every column

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_count = fields.Integer(compute="_compute_line_count")

    def _compute_line_count(self):
        for wizard in self:
            wizard.line_count = self.env[self._jxc_line_model].search_count(
                [("wizard_id", "=", wizard.id)]
            )

    # ------------------------------------------------------------- interface
    def _jxc_title(self):
        return self._description

    def _jxc_filters(self):
        """(label, text) pairs printed under the title."""
        return []

    def _jxc_compute(self):
        """Fill the lines of ``self`` (one wizard) with one INSERT ... SELECT."""
        raise NotImplementedError

    def _jxc_line_columns(self):
        """Field names of the line model, in the order of the report."""
        raise NotImplementedError

    # ----------------------------------------------------------------- lines
    def _jxc_lines(self):
        return self.env[self._jxc_line_model].search([("wizard_id", "=", self.id)])

    def _jxc_refresh(self):
        self.ensure_one()
        self.env.flush_all()
        lines = self.env[self._jxc_line_model]
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE wizard_id = %s",
                SQL.identifier(lines._table),
                self.id,
            )
        )
        # the planner overestimates the rows of the facts (unions of CTEs) by
        # orders of magnitude and would JIT-compile the statement, which then
        # costs more than running it: compile nothing for the report
        jit = self.env.execute_query(
            SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        )[0][0]
        self._jxc_compute()
        self.env.cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
        self.env[self._jxc_line_model].invalidate_model()

    def _jxc_columns(self, pdf=False):
        """[{name, label, kind, digits, total}] the current user may read."""
        line_model = self.env[self._jxc_line_model]
        readable = line_model.fields_get(attributes=["string", "type"])
        names = self._jxc_line_columns()
        if pdf and self._jxc_pdf_columns:
            names = [n for n in names if n in self._jxc_pdf_columns]
        columns = []
        for name in names:
            if name not in readable:
                continue
            field = line_model._fields[name]
            kind = {
                "many2one": "text",
                "char": "text",
                "selection": "text",
                "date": "date",
                "datetime": "date",
                "integer": "int",
            }.get(field.type, "number")
            columns.append(
                {
                    "name": name,
                    "label": readable[name]["string"],
                    "kind": kind,
                    "digits": 2 if kind == "number" else 0,
                    "total": kind in ("number", "int") and field.aggregator == "sum",
                }
            )
        return columns

    @api.model
    def _jxc_cell(self, line, column):
        value = line[column["name"]]
        if column["kind"] == "text":
            field = line._fields[column["name"]]
            if field.type == "many2one":
                return value.display_name or ""
            if field.type == "selection":
                return dict(field._description_selection(self.env)).get(value, "")
            return value or ""
        if column["kind"] == "date":
            return value or ""
        return value or 0

    def _jxc_table(self, pdf=False):
        """Columns, rows (lists of cells) and totals, computed when needed."""
        self.ensure_one()
        if not self._jxc_lines():
            self._jxc_refresh()
        columns = self._jxc_columns(pdf=pdf)
        lines = self._jxc_lines()
        rows = [[self._jxc_cell(line, c) for c in columns] for line in lines]
        totals = []
        for index, column in enumerate(columns):
            if column["total"]:
                totals.append(round(sum(row[index] for row in rows), 6))
            else:
                totals.append(None)
        return {"columns": columns, "rows": rows, "totals": totals}

    def _jxc_format_number(self, value, column):
        if column["kind"] == "int":
            return f"{value:,d}"
        return f"{value:,.{column['digits']}f}"

    # --------------------------------------------------------------- actions
    def action_view_lines(self):
        self.ensure_one()
        self._jxc_refresh()
        return {
            "type": "ir.actions.act_window",
            "name": self._jxc_title(),
            "res_model": self._jxc_line_model,
            "view_mode": "list,pivot,graph",
            "domain": [("wizard_id", "=", self.id)],
            "context": {"search_default_wizard_id": self.id},
            "target": "current",
        }

    def action_print_pdf(self):
        self.ensure_one()
        self._jxc_refresh()
        return self.env.ref(self._jxc_pdf_report).report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        self._jxc_refresh()
        attachment = self._jxc_attachment("xlsx")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # --------------------------------------------------------------- outputs
    def _jxc_file_name(self, fmt):
        stamp = fields.Date.context_today(self).strftime("%Y%m%d")
        return f"{self._jxc_title()}-{stamp}.{fmt}"

    def _jxc_render(self, fmt):
        """(file name, bytes) of the report in ``fmt`` ('pdf' or 'xlsx')."""
        self.ensure_one()
        if fmt == "xlsx":
            return self._jxc_file_name("xlsx"), self._jxc_xlsx()
        content, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            self._jxc_pdf_report, self.ids
        )
        return self._jxc_file_name("pdf"), content

    def _jxc_attachment(self, fmt):
        name, content = self._jxc_render(fmt)
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _jxc_xlsx(self):
        table = self._jxc_table()
        columns = table["columns"]
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self._jxc_title()[:31])
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        )
        number = workbook.add_format({"num_format": "#,##0.00"})
        integer = workbook.add_format({"num_format": "#,##0"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        total_number = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        total_integer = workbook.add_format({"bold": True, "num_format": "#,##0"})
        bold = workbook.add_format({"bold": True})
        sheet.write(0, 0, self._jxc_title(), title)
        row = 1
        for label, text in self._jxc_filters():
            sheet.write(row, 0, label, bold)
            sheet.write(row, 1, text)
            row += 1
        header_row = row + 1
        for col, column in enumerate(columns):
            sheet.write(header_row, col, column["label"], header)
            sheet.set_column(col, col, 28 if column["kind"] == "text" else 14)
        sheet.freeze_panes(header_row + 1, 0)
        formats = {"number": number, "int": integer, "date": date_format}
        for index, cells in enumerate(table["rows"]):
            for col, column in enumerate(columns):
                value = cells[col]
                if column["kind"] == "text":
                    sheet.write_string(header_row + 1 + index, col, value)
                elif column["kind"] == "date":
                    if value:
                        sheet.write_datetime(
                            header_row + 1 + index, col, value, date_format
                        )
                else:
                    sheet.write_number(
                        header_row + 1 + index, col, value, formats[column["kind"]]
                    )
        total_row = header_row + 1 + len(table["rows"])
        sheet.write(total_row, 0, self.env._("Total"), bold)
        for col, column in enumerate(columns):
            if table["totals"][col] is not None:
                sheet.write_number(
                    total_row,
                    col,
                    table["totals"][col],
                    total_integer if column["kind"] == "int" else total_number,
                )
        workbook.close()
        return buffer.getvalue()
