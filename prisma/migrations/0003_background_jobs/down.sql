ALTER TABLE fir DROP COLUMN archived_at;
ALTER TABLE fir DROP COLUMN complainant_email;
DROP TABLE statement_snapshot;
DROP TABLE fir_daily_rollup;
DROP TABLE notification_outbox;
DROP TABLE fir_document;
DROP TABLE background_task;
DROP TYPE background_task_status;
