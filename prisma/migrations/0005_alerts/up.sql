-- Threshold alerts (server/alerts): rules admins edit on the console, and the firing /
-- resolved events the evaluator records. `metric` names one of the evaluator's metric
-- queries (server/observability/metric-queries.ts); the code checks it, not the table,
-- so a new query needs no migration. The default rules are the issue's thresholds.

CREATE TABLE alert_rule (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         varchar(100) NOT NULL UNIQUE,
  metric       varchar(60) NOT NULL,
  comparator   varchar(5) NOT NULL CHECK (comparator IN ('above', 'below')),
  threshold    double precision NOT NULL,
  -- the condition must hold this long before the rule fires (0: at the first evaluation)
  for_seconds  integer NOT NULL DEFAULT 0 CHECK (for_seconds BETWEEN 0 AND 86400),
  severity     varchar(10) NOT NULL DEFAULT 'warning' CHECK (severity IN ('warning', 'critical')),
  enabled      boolean NOT NULL DEFAULT true,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE alert_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id      uuid NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
  state        varchar(10) NOT NULL CHECK (state IN ('firing', 'resolved')),
  metric       varchar(60) NOT NULL,
  -- the value that crossed (firing) or came back (resolved); null when the metric went away
  value        double precision,
  threshold    double precision NOT NULL,
  message      text NOT NULL,
  at           timestamptz(3) NOT NULL DEFAULT now(),
  -- when the webhook accepted it; null: no webhook configured, or delivery failed
  notified_at  timestamptz(3)
);
CREATE INDEX alert_event_at_idx ON alert_event (at DESC);
CREATE INDEX alert_event_rule_id_at_idx ON alert_event (rule_id, at DESC);

INSERT INTO alert_rule (name, metric, comparator, threshold, for_seconds, severity) VALUES
  ('API p95 latency above 1 s', 'http_latency_p95_seconds', 'above', 1, 60, 'warning'),
  ('API error rate above 5 %', 'http_error_ratio', 'above', 0.05, 60, 'critical'),
  ('Cache hit rate below 80 %', 'cache_hit_ratio', 'below', 0.8, 300, 'warning'),
  ('Replica lag above 5 s', 'replica_lag_seconds', 'above', 5, 0, 'critical'),
  ('Connection pool above 80 %', 'db_pool_utilization_ratio', 'above', 0.8, 60, 'warning'),
  ('A circuit breaker is open', 'breakers_open', 'above', 0, 0, 'critical'),
  ('Background jobs failing', 'jobs_failed', 'above', 0, 0, 'warning');
