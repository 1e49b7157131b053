-- Background jobs (BullMQ in Redis; see server/jobs): the status of every job mirrored
-- in PostgreSQL (the design's Task Status Model), the FIR's PDF copy (BNSS s.173),
-- the notification outbox, daily rollups for the statistics, pg_stat_statements
-- snapshots, and two FIR columns the jobs need (complainant's email, archived_at).

CREATE TYPE background_task_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');

CREATE TABLE background_task (
  id            uuid PRIMARY KEY,                  -- also the BullMQ job id
  queue         varchar(40) NOT NULL,
  name          varchar(60) NOT NULL,
  status        background_task_status NOT NULL DEFAULT 'pending',
  priority      smallint NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  -- one live task per key (a FIR version's PDF): a second request joins the first
  dedupe_key    varchar(200),
  correlation_id varchar(128),
  progress      smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  retry_count   integer NOT NULL DEFAULT 0,
  result        jsonb,
  error         text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  started_at    timestamptz(3),
  completed_at  timestamptz(3)
);
CREATE INDEX background_task_status_created_idx ON background_task (status, created_at DESC);
CREATE INDEX background_task_dedupe_key_idx ON background_task (dedupe_key);

-- The PDF copy of a FIR, one per FIR version (fir.updated_at): storing it twice is
-- impossible, so a job retried after a crash stores it once.
CREATE TABLE fir_document (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fir_id        uuid NOT NULL REFERENCES fir (id) ON DELETE CASCADE,
  fir_version   timestamptz(3) NOT NULL,
  kind          varchar(20) NOT NULL DEFAULT 'copy',
  content       bytea NOT NULL,
  sha256        char(64) NOT NULL,
  size_bytes    integer NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT fir_document_version_unique UNIQUE (fir_id, kind, fir_version)
);

-- Every notification made, sent by SMTP or kept here when SMTP is not configured.
CREATE TABLE notification_outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- what it is about (a FIR event), so a retried job does not notify twice
  dedupe_key    varchar(200) NOT NULL UNIQUE,
  fir_id        uuid,                              -- no foreign key: a record outlives its subject
  channel       varchar(20) NOT NULL DEFAULT 'email',
  recipient     varchar(254),
  subject       varchar(300) NOT NULL,
  body          text NOT NULL,
  -- sent (by SMTP), outbox (no SMTP configured), no_address (the complainant gave no email), failed
  delivery      varchar(20) NOT NULL,
  error         text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  sent_at       timestamptz(3)
);
CREATE INDEX notification_outbox_created_idx ON notification_outbox (created_at DESC);
CREATE INDEX notification_outbox_fir_id_idx ON notification_outbox (fir_id);

-- FIR counts per IST day and station, recomputed by the rollup job.
CREATE TABLE fir_daily_rollup (
  day           date NOT NULL,
  station_id    integer NOT NULL,                  -- derived data, recomputed; no foreign key
  filed         integer NOT NULL DEFAULT 0,
  registered    integer NOT NULL DEFAULT 0,
  closed        integer NOT NULL DEFAULT 0,
  computed_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (day, station_id)
);

-- The heaviest statements at each capture, for trends over time.
CREATE TABLE statement_snapshot (
  captured_at     timestamptz(3) NOT NULL,
  queryid         bigint NOT NULL,
  query           text NOT NULL,
  calls           bigint NOT NULL,
  total_exec_ms   double precision NOT NULL,
  mean_exec_ms    double precision NOT NULL,
  rows            bigint NOT NULL,
  PRIMARY KEY (captured_at, queryid)
);

ALTER TABLE fir ADD COLUMN complainant_email varchar(254);
ALTER TABLE fir ADD COLUMN archived_at timestamptz(3);
