-- The FIR domain (fields of the NCRB IIF-I / BNSS s.173 FIR): stations, users,
-- sessions, API keys, FIRs with their sections and audit trail, per-station-year
-- number counters, the BNS knowledge base, and the admin audit log.
-- Replaces 0001's slice table `fir` (demo rows only) with the full one.

DROP TABLE fir;

CREATE TYPE user_role AS ENUM ('officer', 'admin');
CREATE TYPE information_type AS ENUM ('written', 'oral');

CREATE TABLE police_station (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        varchar(20) NOT NULL UNIQUE,
  name        varchar(200) NOT NULL,
  district    varchar(100) NOT NULL,
  state       varchar(100) NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          varchar(254) NOT NULL UNIQUE CHECK (email = lower(email)),
  name           varchar(200) NOT NULL,
  rank           varchar(60),
  role           user_role NOT NULL,
  station_id     integer REFERENCES police_station (id),
  password_hash  text NOT NULL,
  disabled_at    timestamptz(3),
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  -- An officer belongs to a station; an admin may or may not.
  CONSTRAINT app_user_officer_has_station CHECK (role = 'admin' OR station_id IS NOT NULL)
);
CREATE INDEX app_user_station_id_idx ON app_user (station_id);

-- Browser sessions. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  token_hash    char(64) PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token    char(43) NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  expires_at    timestamptz(3) NOT NULL,
  last_seen_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user_id_idx ON user_session (user_id);
CREATE INDEX user_session_expires_at_idx ON user_session (expires_at);

-- API keys for external clients: "afk_<prefix>_<secret>"; only the secret's SHA-256 is stored.
CREATE TABLE api_key (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(100) NOT NULL,
  prefix        varchar(16) NOT NULL UNIQUE,
  secret_hash   char(64) NOT NULL,
  -- NULL: every station
  station_id    integer REFERENCES police_station (id),
  created_by    uuid NOT NULL REFERENCES app_user (id),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at  timestamptz(3),
  revoked_at    timestamptz(3)
);
CREATE INDEX api_key_created_by_idx ON api_key (created_by);
CREATE INDEX api_key_station_id_idx ON api_key (station_id);

CREATE TABLE fir (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id                  integer NOT NULL REFERENCES police_station (id),
  -- Set when registered: the number is lpad(seq, 4, '0') || '/' || year, unique per station-year.
  fir_year                    smallint,
  fir_seq                     integer,
  status                      fir_status NOT NULL DEFAULT 'draft',
  district                    varchar(100) NOT NULL,
  reported_at                 timestamptz(3) NOT NULL DEFAULT now(),
  occurred_from               timestamptz(3),
  occurred_to                 timestamptz(3),
  place_address               text,
  place_distance_km           numeric(7, 2) CHECK (place_distance_km >= 0),
  place_direction             varchar(20),
  beat_no                     varchar(40),
  information_type            information_type NOT NULL DEFAULT 'written',
  complainant_name            varchar(200) NOT NULL,
  complainant_relative_name   varchar(200),
  complainant_dob             date,
  complainant_nationality     varchar(60) NOT NULL DEFAULT 'Indian',
  complainant_id_type         varchar(40),
  complainant_id_number       varchar(60),
  complainant_occupation      varchar(100),
  complainant_address         text,
  complainant_phone           varchar(20),
  -- [{known, name, alias, address, description}]
  accused                     jsonb NOT NULL DEFAULT '[]',
  -- [{description, value}]; the total is kept in step by the service
  properties                  jsonb NOT NULL DEFAULT '[]',
  properties_total            numeric(14, 2) NOT NULL DEFAULT 0 CHECK (properties_total >= 0),
  delay_reason                text,
  narrative                   text NOT NULL,
  action_taken                text,
  investigating_officer_id    uuid REFERENCES app_user (id),
  created_by                  uuid NOT NULL REFERENCES app_user (id),
  registered_at               timestamptz(3),
  created_at                  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at                  timestamptz(3) NOT NULL DEFAULT now(),
  search                      tsvector GENERATED ALWAYS AS (
                                to_tsvector('english', complainant_name || ' ' || narrative)
                              ) STORED,
  CONSTRAINT fir_number_unique UNIQUE (station_id, fir_year, fir_seq),
  CONSTRAINT fir_numbered_iff_registered CHECK ((status = 'draft') = (fir_seq IS NULL) AND (fir_seq IS NULL) = (fir_year IS NULL)),
  CONSTRAINT fir_occurrence_in_order CHECK (occurred_to IS NULL OR occurred_from IS NULL OR occurred_to >= occurred_from)
);
-- A station's list, newest first, paged by (created_at, id).
CREATE INDEX fir_station_created_idx ON fir (station_id, created_at DESC, id DESC);
CREATE INDEX fir_station_status_created_idx ON fir (station_id, status, created_at DESC);
CREATE INDEX fir_created_id_idx ON fir (created_at DESC, id DESC);
CREATE INDEX fir_search_idx ON fir USING gin (search);
CREATE INDEX fir_created_by_idx ON fir (created_by);
CREATE INDEX fir_investigating_officer_id_idx ON fir (investigating_officer_id);

CREATE TABLE fir_section (
  fir_id   uuid NOT NULL REFERENCES fir (id) ON DELETE CASCADE,
  act      varchar(40) NOT NULL DEFAULT 'BNS',
  section  varchar(20) NOT NULL,
  PRIMARY KEY (fir_id, act, section)
);
CREATE INDEX fir_section_act_section_idx ON fir_section (act, section);

-- The last number given per station and year. Registration increments it in the same
-- transaction that numbers the FIR: the row lock serialises concurrent registrations,
-- and a rolled-back registration rolls its increment back, so numbers have no gaps.
CREATE TABLE fir_number_counter (
  station_id  integer NOT NULL REFERENCES police_station (id),
  year        smallint NOT NULL,
  last_seq    integer NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (station_id, year)
);

-- Every change to a FIR: who, when, what.
CREATE TABLE fir_event (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fir_id            uuid NOT NULL REFERENCES fir (id) ON DELETE CASCADE,
  at                timestamptz(3) NOT NULL DEFAULT now(),
  actor_user_id     uuid REFERENCES app_user (id),
  actor_api_key_id  uuid REFERENCES api_key (id),
  action            varchar(40) NOT NULL,
  from_status       fir_status,
  to_status         fir_status,
  -- {field: {from, to}}
  changes           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX fir_event_fir_id_at_idx ON fir_event (fir_id, at);
CREATE INDEX fir_event_actor_user_id_idx ON fir_event (actor_user_id);
CREATE INDEX fir_event_actor_api_key_id_idx ON fir_event (actor_api_key_id);

-- The Bharatiya Nyaya Sanhita, 2023, loaded from server/fir/bns/data by the seed.
CREATE TABLE bns_section (
  section        varchar(20) PRIMARY KEY,
  sort_key       integer NOT NULL,
  title          varchar(200) NOT NULL,
  chapter        varchar(8) NOT NULL,
  chapter_title  varchar(200) NOT NULL,
  description    text NOT NULL,
  punishment     varchar(400) NOT NULL,
  cognizable     varchar(20) NOT NULL,
  bailable       varchar(20) NOT NULL,
  triable_by     varchar(200) NOT NULL,
  ipc            varchar(40),
  keywords       text[] NOT NULL DEFAULT '{}',
  is_offence     boolean NOT NULL,
  -- Weighted: number and title (A), keywords (B), description (C). Written by the loader.
  search         tsvector NOT NULL
);
CREATE INDEX bns_section_search_idx ON bns_section USING gin (search);
CREATE INDEX bns_section_sort_key_idx ON bns_section (sort_key);

-- Admin actions (console controls, key management): who did what to what.
CREATE TABLE audit_log (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                timestamptz(3) NOT NULL DEFAULT now(),
  actor_user_id     uuid REFERENCES app_user (id),
  actor_api_key_id  uuid REFERENCES api_key (id),
  action            varchar(80) NOT NULL,
  target            varchar(200),
  details           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_user_id_idx ON audit_log (actor_user_id);
CREATE INDEX audit_log_actor_api_key_id_idx ON audit_log (actor_api_key_id);
