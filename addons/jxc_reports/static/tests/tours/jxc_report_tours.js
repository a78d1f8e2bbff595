import { registry } from "@web/core/registry";

// A screen opened from a menu shows its view (a list, a form, a dialog of a
// report wizard...) and no error dialog.
registry.category("web_tour.tours").add("jxc_screen_opens_tour", {
    steps: () => [
        {
            content: "The screen of the menu is shown",
            trigger:
                ".o_action_manager .o_view_controller, .modal .o_form_view, .o_action_manager .o_action",
            timeout: 30000,
        },
        {
            content: "No error",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});

// 进销存汇总表 of last month: print it through the web client, export its
// Excel file, then see its lines, whose footer is the total of every line.
registry.category("web_tour.tours").add("jxc_summary_last_month_tour", {
    steps: () => [
        {
            content: "Choose last month",
            trigger: ".modal .o_field_widget[name='period'] label:contains('上月')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='period'] input[data-value='last_month']:checked",
        },
        {
            content: "Print the PDF",
            trigger: ".modal button[name='action_print_pdf']:contains('打印')",
            run: "click",
        },
        {
            // the screen stays blocked while wkhtmltopdf prints: on a busy
            // machine that takes longer than a step's default 10 seconds
            content: "Printed without error: export the Excel file",
            trigger:
                "body:not(:has(.o_error_dialog)) .modal button[name='action_export_xlsx']:contains('导出'):enabled",
            timeout: 60000,
            run: "click",
        },
        {
            content: "Exported without error: the dialog is still there",
            trigger:
                "body:not(:has(.o_error_dialog)) .modal button[name='action_view_lines']:enabled",
            timeout: 60000,
            run: "click",
        },
        {
            content: "The footer totals every line of the report",
            trigger: ".o_list_view tfoot td:contains('33.00')",
        },
        {
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
