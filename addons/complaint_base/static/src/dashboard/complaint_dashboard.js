import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * Managers' complaint dashboard (BASE-51): key figures of a month, quarter or
 * year with their trend against the previous period, the main categories,
 * channels, the departments with the most overdue complaints and a 12-month
 * trend.  All figures come from complaint.dashboard.get_dashboard_data().
 */
export class ComplaintDashboard extends Component {
    static template = "complaint_base.ComplaintDashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ periodType: "month", date: false, data: null, loading: true });
        this.periodTypes = [
            ["month", _t("Month")],
            ["quarter", _t("Quarter")],
            ["year", _t("Year")],
        ];
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        const data = await this.orm.call("complaint.dashboard", "get_dashboard_data", [
            this.state.periodType,
            this.state.date,
        ]);
        this.state.data = data;
        this.state.date = data.date;
        this.state.loading = false;
    }

    async setPeriodType(periodType) {
        this.state.periodType = periodType;
        await this.load();
    }

    async previous() {
        this.state.date = this.state.data.previous_date;
        await this.load();
    }

    async next() {
        this.state.date = this.state.data.next_date;
        await this.load();
    }

    format(value, unit) {
        if (value === null || value === undefined || value === false) {
            return "-";
        }
        return unit === "%" ? `${value}%` : `${value}`;
    }

    trendClass(kpi) {
        if (kpi.trend === null || kpi.trend === 0) {
            return "text-muted";
        }
        const worse = kpi.trend > 0 === (kpi.better === "down");
        return worse ? "text-danger" : "text-success";
    }

    trendLabel(kpi) {
        if (kpi.trend === null) {
            return _t("no comparison");
        }
        const arrow = kpi.trend > 0 ? "▲" : kpi.trend < 0 ? "▼" : "=";
        return `${arrow} ${Math.abs(kpi.trend)}%`;
    }

    barWidth(value, rows, key = "count") {
        const max = Math.max(1, ...rows.map((row) => row[key] || 0));
        return `width: ${Math.round((100 * (value || 0)) / max)}%;`;
    }

    periodDomain() {
        const data = this.state.data;
        // merged repeats are left out of every statistic (BASE-15)
        return [
            ["received_at", ">=", data.received_from],
            ["received_at", "<", data.received_to],
            ["state", "!=", "merged"],
        ];
    }

    openComplaints(kpi) {
        const domain = this.periodDomain();
        if (kpi && kpi.key === "overdue_rate") {
            domain.push(["is_overdue", "=", true]);
        } else if (kpi && kpi.key === "still_open") {
            domain.push(["state", "in", ["new", "accepted", "in_progress"]]);
        } else if (kpi && kpi.key === "major") {
            domain.push(["severity", "=", "major"]);
        } else if (kpi && kpi.key === "repeat_rate") {
            domain.push(["is_repeat", "=", true]);
        } else if (kpi && (kpi.key === "withdrawn" || kpi.key === "invalid")) {
            domain.push(["state", "=", kpi.key]);
        }
        this.actionService.doAction({
            type: "ir.actions.act_window",
            name: kpi ? kpi.label : _t("Complaints"),
            res_model: "complaint.complaint",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
            context: { active_test: false },
        });
    }

    openBreakdown(field, row) {
        const domain = this.periodDomain();
        domain.push([field, field === "category_id" ? "child_of" : "=", row.key || false]);
        this.actionService.doAction({
            type: "ir.actions.act_window",
            name: row.name,
            res_model: "complaint.complaint",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
            context: { active_test: false },
        });
    }

    openAnalysis() {
        this.actionService.doAction("complaint_base.action_complaint_report");
    }

    openReportWizard() {
        this.actionService.doAction("complaint_base.action_complaint_report_wizard");
    }
}

registry.category("actions").add("complaint_base.dashboard", ComplaintDashboard);
