/** @odoo-module **/
import {registry} from "@web/core/registry";

// Screens of the ABC classification, in Chinese (admin's language in the test).
registry.category("web_tour.tours").add("jxc_abc_profile_tour", {
    steps: () => [
        {trigger: ".o_form_view .o_form_label:contains('分类依据')"},
        {trigger: ".o_notebook a:contains('各类别策略')"},
        {trigger: ".o_field_widget[name=policy_ids] th:contains('盘点频率')"},
        {
            trigger: ".o_form_view button[name=action_run_now]:contains('立即运行')",
            run: "click",
        },
        {trigger: ".o_statusbar_status :contains('已应用')"},
        {trigger: ".o_field_widget[name=line_ids] th:contains('累计占比')"},
        {trigger: ".o_field_widget[name=line_ids] th:contains('变异系数')"},
        {trigger: ".o_field_widget[name=line_ids] .o_data_row span.badge:contains('A')"},
    ],
});

registry.category("web_tour.tours").add("jxc_abc_product_tour", {
    steps: () => [
        {trigger: ".o_form_view span.badge:contains('A')"},
        {trigger: ".o_notebook a:contains('ABC分类')", run: "click"},
        {
            trigger:
                ".o_field_widget[name=jxc_abc_ids] .o_data_row:contains('ABC 测试方案')",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_abc_matrix_tour", {
    steps: () => [
        {trigger: ".o_breadcrumb:contains('ABC-XYZ矩阵')"},
        {trigger: ".o_pivot th:contains('A')"},
        {trigger: ".o_pivot th:contains('Z')"},
    ],
});
