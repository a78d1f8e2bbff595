# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.jxc_bridge.tools import planner_settings


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
    _jxc_pdf_page_rows = 0  # rows per PDF page, with page totals; 0: one table

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends(lambda self: self._jxc_display_name_depends())
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Report name + period", shown in breadcrumbs and search facets."""
        for wizard in self:
            period = wizard._jxc_period_label()
            title = wizard._jxc_title()
            wizard.display_name = f"{title} {period}" if period else title

    def _compute_line_count(self):
        for wizard in self:
            wizard.line_count = self.env[self._jxc_line_model].search_count(
                [("wizard_id", "=", wizard.id)]
            )

    def unlink(self):
        """Delete the wizards' lines with them (the lines carry no foreign key
        to cascade from: see ``jxc.report.line.mixin``)."""
        if self._jxc_line_model and self.ids:
            lines = self.env[self._jxc_line_model]
            lines.flush_model()
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE wizard_id IN %s",
                    SQL.identifier(lines._table),
                    tuple(self.ids),
                )
            )
            lines.invalidate_model()
        return super().unlink()

    # ------------------------------------------------------------- interface
    def _jxc_title(self):
        return self._description

    def _jxc_filters(self):
        """(label, text) pairs printed under the title."""
        return []

    @api.model
    def _jxc_display_name_depends(self):
        return [
            name for name in ("date_from", "date_to", "date") if name in self._fields
        ]

    def _jxc_period_label(self):
        """The period the report covers, for its display name."""
        if "date_from" in self._fields and self.date_from and self.date_to:
            return f"{self.date_from} – {self.date_to}"
        if "date" in self._fields and self.date:
            return str(self.date)
        return ""

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
        # compiled by no JIT, with room for its sorts (see planner_settings)
        with planner_settings(self.env.cr):
            self._jxc_compute()
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
                "datetime": "datetime",
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
        if column["kind"] == "datetime":
            # stored in UTC: printed in the user's time zone, as on screen
            if not value:
                return ""
            return fields.Datetime.context_timestamp(line, value).replace(tzinfo=None)
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

    @api.model
    def _jxc_pdf_pages(self, table):
        """The rows of ``table`` cut into PDF pages of ``_jxc_pdf_page_rows``
        rows, each with its page totals and the running total up to its end
        (本页合计, 累计), so that a long ledger adds up page by page."""
        rows = table["rows"]
        size = self._jxc_pdf_page_rows or len(rows) or 1
        running = [0 if total is not None else None for total in table["totals"]]
        pages = []
        for start in range(0, max(len(rows), 1), size):
            chunk = rows[start : start + size]
            page_totals = [
                None if total is None else round(sum(row[i] for row in chunk), 6)
                for i, total in enumerate(running)
            ]
            running = [
                None if total is None else round(total + page_totals[i], 6)
                for i, total in enumerate(running)
            ]
            pages.append(
                {"rows": chunk, "page_totals": page_totals, "running": running}
            )
        return pages

    @api.model
    def _jxc_format_datetime(self, value):
        return value.strftime("%Y-%m-%d %H:%M") if value else ""

    def _jxc_format_number(self, value, column):
        if column["kind"] == "int":
            return f"{value:,d}"
        return f"{value:,.{column['digits']}f}"

    # --------------------------------------------------------------- actions
    def action_view_lines(self):
        self.ensure_one()
        self._jxc_refresh()
        xmlid = f"jxc_reports.{self._jxc_line_model.replace('.', '_')}_action"
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            name=self.display_name,
            domain=[("wizard_id", "=", self.id)],
            context={
                "active_id": self.id,
                "active_model": self._name,
                "search_default_wizard_id": self.id,
            },
            target="current",
        )
        return action

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
        # user text (product names, filters, titles) is never a formula or a
        # link: a name that starts with "=", "+", "-" or "@" stays text
        workbook = xlsxwriter.Workbook(
            buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        sheet = workbook.add_worksheet(self._jxc_title()[:31])
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        )
        number = workbook.add_format({"num_format": "#,##0.00"})
        integer = workbook.add_format({"num_format": "#,##0"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        total_number = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        total_integer = workbook.add_format({"bold": True, "num_format": "#,##0"})
        bold = workbook.add_format({"bold": True})
        sheet.write_string(0, 0, self._jxc_title(), title)
        row = 1
        for label, text in self._jxc_filters():
            sheet.write_string(row, 0, label, bold)
            sheet.write_string(row, 1, str(text or ""))
            row += 1
        header_row = row + 1
        for col, column in enumerate(columns):
            sheet.write_string(header_row, col, column["label"], header)
            sheet.set_column(col, col, 28 if column["kind"] == "text" else 14)
        sheet.freeze_panes(header_row + 1, 0)
        formats = {
            "number": number,
            "int": integer,
            "date": date_format,
            "datetime": datetime_format,
        }
        for index, cells in enumerate(table["rows"]):
            for col, column in enumerate(columns):
                value = cells[col]
                if column["kind"] == "text":
                    sheet.write_string(header_row + 1 + index, col, value)
                elif column["kind"] in ("date", "datetime"):
                    if value:
                        sheet.write_datetime(
                            header_row + 1 + index, col, value, formats[column["kind"]]
                        )
                else:
                    sheet.write_number(
                        header_row + 1 + index, col, value, formats[column["kind"]]
                    )
        total_row = header_row + 1 + len(table["rows"])
        sheet.write_string(total_row, 0, self.env._("Total"), bold)
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
