import { onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { listView } from "@web/views/list/list_view";
import { ListRenderer } from "@web/views/list/list_renderer";

const formatters = registry.category("formatters");

/**
 * The lines of a jxc report: the footer of a summed column is the total of
 * every line of the report (what the PDF and the XLSX print), not of the page
 * on screen. Selecting lines still sums the selection.
 */
export class JxcReportListRenderer extends ListRenderer {
    setup() {
        super.setup();
        this.orm = useService("orm");
        this.grandTotals = useState({ key: null, values: {} });
        onWillStart(() => this.loadGrandTotals(this.props));
        onWillUpdateProps((nextProps) => this.loadGrandTotals(nextProps));
    }

    /**
     * The report's column set, as its PDF and XLSX print it (the wizard puts
     * it in the context): no column that is empty for the chosen grouping.
     */
    getActiveColumns(list) {
        const columns = super.getActiveColumns(list);
        const names = list.context && list.context.jxc_columns;
        if (!names) {
            return columns;
        }
        // and their labels (the aging buckets say their days)
        const labels = list.context.jxc_labels || {};
        return columns
            .filter((column) => column.type !== "field" || names.includes(column.name))
            .map((column) =>
                column.name in labels ? { ...column, label: labels[column.name] } : column
            );
    }

    summedColumns(props) {
        return props.archInfo.columns.filter(
            (column) => column.type === "field" && column.attrs.sum
        );
    }

    ratios(list) {
        return (list.context && list.context.jxc_ratios) || {};
    }

    async loadGrandTotals(props) {
        const list = props.list;
        const names = this.summedColumns(props).map((column) => column.name);
        for (const [numerator, denominator] of Object.values(this.ratios(list))) {
            for (const name of [numerator, denominator]) {
                if (!names.includes(name) && name in list.fields) {
                    names.push(name);
                }
            }
        }
        const key = JSON.stringify([list.resModel, list.domain, names]);
        if (!names.length || key === this.grandTotals.key) {
            return;
        }
        const groups = await this.orm.readGroup(
            list.resModel,
            list.domain,
            names.map((name) => `${name}:sum`),
            [],
            { lazy: false }
        );
        this.grandTotals.values = groups[0] || {};
        this.grandTotals.key = key;
    }

    get aggregates() {
        const aggregates = super.aggregates;
        const list = this.props.list;
        if ((list.selection && list.selection.length) || this.grandTotals.key === null) {
            return aggregates;
        }
        for (const column of this.summedColumns(this.props)) {
            const name = column.name;
            const value = this.grandTotals.values[name];
            if (!(name in aggregates) || value === undefined || value === null) {
                continue;
            }
            const field = this.fields[name];
            const formatter =
                formatters.get(column.widget, false) || formatters.get(field.type, false);
            const options = {
                digits: column.attrs.digits ? JSON.parse(column.attrs.digits) : undefined,
                escape: true,
            };
            if (field.type === "monetary" || column.widget === "monetary") {
                const currencyField =
                    column.options.currency_field || field.currency_field || "currency_id";
                const currency = list.records.length && list.records[0].data[currencyField];
                if (currency) {
                    options.currencyId = currency[0] ?? currency.id;
                }
            }
            aggregates[name] = {
                help: _t("Total of all lines"),
                value: formatter ? formatter(value, options) : value,
            };
        }
        // a rate's total is the rate of the totals (the company's turnover,
        // the margin rate weighted by revenue), as in the PDF and the XLSX
        for (const [name, [numerator, denominator, factor]] of Object.entries(
            this.ratios(list)
        )) {
            const column = this.columns.find((col) => col.name === name);
            const top = this.grandTotals.values[numerator];
            const bottom = this.grandTotals.values[denominator];
            if (!column || top === undefined || !bottom) {
                continue;
            }
            const formatter = formatters.get(this.fields[name].type, false);
            const value = (factor * top) / bottom;
            aggregates[name] = {
                help: _t("Total of all lines"),
                value: formatter
                    ? formatter(value, {
                          digits: this.fields[name].digits,
                          escape: true,
                      })
                    : value,
            };
        }
        return aggregates;
    }
}

export const jxcReportListView = {
    ...listView,
    Renderer: JxcReportListRenderer,
};

registry.category("views").add("jxc_report_list", jxcReportListView);
