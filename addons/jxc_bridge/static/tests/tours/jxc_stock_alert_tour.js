import {registry} from "@web/core/registry";

// Alerts, limits and the replenishment wizard, in Chinese
registry.category("web_tour.tours").add("jxc_stock_alert_tour", {
    steps: () => [
        {
            content: "Kanban, pivot and graph views of the alerts",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            trigger: ".o_kanban_view .o_kanban_record:contains('JXC Tour Widget')",
        },
        {
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            trigger: ".o_pivot_view .o_pivot",
        },
        {
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            trigger: ".o_graph_view .o_graph_renderer",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The alert list shows the open below-minimum alert",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('低于最低库存')",
            run: "click",
        },
        {
            content: "Its form is open",
            trigger: ".o_form_view .o_statusbar_status button:contains('未处理')",
        },
        {
            content: "Acknowledge it",
            trigger: ".o_form_view button[name='action_acknowledge']:contains('确认知悉')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('已知悉')",
        },
        {
            content: "Open the replenishment wizard",
            trigger: ".o_form_view button[name='action_open_replenish_wizard']:contains('补货')",
            run: "click",
        },
        {
            content: "The wizard proposes the vendor and a quantity",
            trigger: ".modal .o_data_row .o_data_cell[name='partner_id']:contains('JXC Tour Vendor')",
        },
        {
            trigger: ".modal button[name='action_create_rfqs']:contains('创建询价单')",
            run: "click",
        },
        {
            content: "The RFQ list opens",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('JXC Tour Vendor')",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_stock_limits_tour", {
    steps: () => [
        {
            content: "The limits list shows safety stock and overstock limit",
            trigger: ".o_list_view th[data-name='jxc_safety_qty']:contains('安全库存')",
        },
        {
            trigger: ".o_list_view th[data-name='jxc_overstock_qty']:contains('超储上限')",
        },
        {
            trigger: ".o_list_view .o_data_row .o_data_cell[name='product_id']:contains('JXC Tour Widget')",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_stock_overview_tour", {
    steps: () => [
        {
            content: "The Inventory Overview counts open alerts per warehouse",
            trigger: ".o_kanban_record a[name='action_jxc_stock_alerts']:contains('库存预警')",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('JXC Tour Widget')",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_stock_settings_tour", {
    steps: () => [
        {
            content: "The settings block of stock alerts",
            trigger: ".o_setting_container h2:contains('库存预警（进销存）')",
        },
        {
            trigger: ".o_field_widget[name='jxc_dead_stock_days'] input",
        },
    ],
});

registry.category("web_tour.tours").add("jxc_oversell_tour", {
    steps: () => [
        {
            content: "The quotation says what is missing before it is confirmed",
            trigger: ".o_form_view .o_jxc_oversell_banner:contains('3.00')",
        },
        {
            content: "The line shows what can be promised",
            trigger: ".o_form_view .o_data_row .o_data_cell[name='jxc_atp_qty']:contains('5.00')",
        },
        {
            content: "Confirm a quotation that asks for more than is available",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The warning lists the missing quantity",
            trigger: ".modal .o_data_row .o_data_cell[name='missing_qty']:contains('3.00')",
        },
        {
            trigger: ".modal button[name='action_confirm_anyway']:contains('仍然确认')",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_form_view .o_statusbar_status button[data-value='sale'].o_arrow_button_current",
        },
    ],
});
