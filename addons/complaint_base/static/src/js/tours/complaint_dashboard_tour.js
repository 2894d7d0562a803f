import { registry } from "@web/core/registry";

/** BASE-51: the managers' dashboard renders its figures and switches period. */
registry.category("web_tour.tours").add("complaint_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard shows the number of complaints",
            trigger: ".o_complaint_kpi_total .o_complaint_kpi_value",
        },
        {
            content: "The 90th percentile handling time is shown",
            trigger: ".o_complaint_kpi_p90_days",
        },
        {
            content: "Switch to the quarter",
            trigger: ".o_complaint_period_quarter",
            run: "click",
        },
        {
            content: "The quarter is shown",
            trigger: ".o_complaint_period_label:contains('-Q')",
        },
        {
            content: "Go to the previous quarter",
            trigger: ".o_complaint_prev",
            run: "click",
        },
        {
            content: "Open the complaints of the period",
            trigger: ".o_complaint_kpi_total",
            run: "click",
        },
        {
            content: "The complaint list opens",
            trigger: ".o_list_view",
        },
    ],
});
