-- Query insights (server/insights): the slow query log with plans, and the online
-- migrations the index advisor writes (server/data/migrations/online-migrations.ts).
CREATE TABLE insights_slow_query (
  id             BIGSERIAL PRIMARY KEY,
  at             TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  node           VARCHAR(40) NOT NULL,
  fingerprint    VARCHAR(32) NOT NULL,
  query          TEXT NOT NULL,
  duration_ms    DOUBLE PRECISION NOT NULL,
  route          VARCHAR(200),
  correlation_id VARCHAR(128),
  plan           JSONB,
  analyzed       BOOLEAN NOT NULL DEFAULT false,
  plan_error     TEXT
);
CREATE INDEX insights_slow_query_at_idx ON insights_slow_query (at DESC);
CREATE INDEX insights_slow_query_fingerprint_idx ON insights_slow_query (fingerprint);

CREATE TABLE schema_online_migration (
  name       VARCHAR(200) PRIMARY KEY,
  up_sql     TEXT NOT NULL,
  down_sql   TEXT NOT NULL,
  source     VARCHAR(40) NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  created_by UUID, -- app_user id; no foreign key: the row outlives its author
  details    JSONB NOT NULL DEFAULT '{}'
);
