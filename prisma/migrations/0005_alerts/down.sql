DROP TABLE alert_event;
DROP TABLE alert_rule;
