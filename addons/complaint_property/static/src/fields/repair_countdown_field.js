/** @odoo-module **/
import { Component, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const { DateTime } = luxon;

/** "2d 3h", "1h 05min", "12 min" for a number of minutes (>= 0). */
export function formatMinutes(total) {
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const minutes = total % 60;
    if (days) {
        return _t("%(days)sd %(hours)sh", { days, hours });
    }
    if (hours) {
        return _t("%(hours)sh %(minutes)smin", { hours, minutes: String(minutes).padStart(2, "0") });
    }
    return _t("%(minutes)s min", { minutes });
}

/**
 * Countdown to a deadline, refreshed every 30 seconds: green while there is
 * time, orange in the last 30 minutes, red and "overdue" once passed.
 */
export class RepairCountdownField extends Component {
    static template = "complaint_property.RepairCountdownField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ tick: 0 });
        const timer = setInterval(() => this.state.tick++, 30000);
        onWillUnmount(() => clearInterval(timer));
    }

    get minutes() {
        // read the tick so that the component re-renders with the clock
        this.state.tick; // eslint-disable-line no-unused-expressions
        const value = this.props.record.data[this.props.name];
        if (!value) {
            return null;
        }
        return Math.round(value.diff(DateTime.now(), "minutes").minutes);
    }

    get label() {
        const minutes = this.minutes;
        if (minutes === null) {
            return "";
        }
        if (minutes >= 0) {
            return _t("%s left", formatMinutes(minutes));
        }
        return _t("%s overdue", formatMinutes(-minutes));
    }

    get className() {
        const minutes = this.minutes;
        if (minutes === null) {
            return "";
        }
        if (minutes < 0) {
            return "text-danger fw-bold";
        }
        return minutes <= 30 ? "text-warning fw-bold" : "text-success";
    }

    get title() {
        const value = this.props.record.data[this.props.name];
        return value ? value.toLocaleString(DateTime.DATETIME_SHORT) : "";
    }
}

export const repairCountdownField = {
    component: RepairCountdownField,
    displayName: _t("Countdown"),
    supportedTypes: ["datetime"],
};

registry.category("fields").add("repair_countdown", repairCountdownField);
