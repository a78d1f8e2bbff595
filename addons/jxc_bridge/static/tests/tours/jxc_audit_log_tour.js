import {registry} from "@web/core/registry";

// 访问审计: an accounting manager changes controls in Chinese, then reads the
// JXC audit log (JXC 审计日志) of what he did

registry.category("web_tour.tours").add("jxc_audit_limit_tour", {
    steps: () => [
        {
            content: "Edit the minimum of the stock limit",
            trigger: ".o_list_view .o_data_row:contains('JXC Audit Widget') .o_data_cell[name='product_min_qty']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_selected_row .o_field_widget[name='product_min_qty'] input",
            run: "edit 20",
        },
        {
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_list_view .o_data_row:not(.o_selected_row):contains('JXC Audit Widget') .o_data_cell[name='product_min_qty']:contains('20.00')",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_audit_policy_tour", {
    steps: () => [
        {
            content: "Block overselling in the category",
            trigger: ".o_form_view .o_field_widget[name='jxc_oversell_policy'] select",
            run: 'select "block"',
        },
        {
            trigger: ".o_form_view .o_form_dirty",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_audit_rule_tour", {
    steps: () => [
        {
            content: "One summary voucher a day instead of one per move",
            trigger: ".o_form_view .o_field_widget[name='grouping'] select",
            run: 'select "per_day"',
        },
        {
            trigger: ".o_form_view .o_form_dirty",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_audit_close_tour", {
    steps: () => [
        {
            content: "Close the month",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_close']:contains('月结')",
            run: "click",
        },
        {
            content: "Confirm the close",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('已结账')",
        },
        {
            content: "Reopen it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_reopen']:contains('重新打开')",
            run: "click",
        },
        {
            content: "With the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit 供应商发票迟到",
        },
        {
            trigger: ".modal .modal-footer button[name='action_reopen']",
            run: "click",
        },
        {
            content: "Reopened",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('已重新打开')",
        },
    ],
});

// the line of the row that holds ``key``: its user, its time, its old and new
// value
function auditLine(key, oldValue, newValue) {
    const row = `.o_list_view .o_data_row:contains('${key}')`;
    return [
        {trigger: `${row} .o_data_cell[name='user_id']:contains('审计经理')`},
        // the time of the change, in the user's format (this year's)
        {trigger: `${row} .o_data_cell[name='date']:contains('${new Date().getFullYear()}')`},
        {trigger: `${row} .o_data_cell[name='old_value']:contains('${oldValue}')`},
        {trigger: `${row} .o_data_cell[name='new_value']:contains('${newValue}')`},
    ];
}

registry.category("web_tour.tours").add("jxc_audit_log_tour", {
    steps: () => [
        {
            content: "The audit log, in Chinese",
            trigger: ".o_breadcrumb:contains('JXC 审计日志')",
        },
        {
            trigger: ".o_list_view th[data-name='user_id']:contains('用户')",
        },
        {
            trigger: ".o_list_view th[data-name='old_value']:contains('原值')",
        },
        {
            trigger: ".o_list_view th[data-name='new_value']:contains('新值')",
        },
        // the stock limit's minimum
        ...auditLine("JXC 审计限额", "10", "20"),
        // the category's overselling policy
        ...auditLine("JXC Audit Goods", "公司默认", "禁止"),
        // the posting rule's grouping
        ...auditLine("按日汇总凭证", "每笔移动一张凭证（Odoo 默认）", "按日汇总凭证"),
        // the month closed, then reopened with its reason
        ...auditLine("草稿", "草稿", "已结账"),
        ...auditLine("供应商发票迟到", "已结账", "已重新打开"),
    ],
});
