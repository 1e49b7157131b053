DROP TABLE audit_log;
DROP TABLE bns_section;
DROP TABLE fir_event;
DROP TABLE fir_number_counter;
DROP TABLE fir_section;
DROP TABLE fir;
DROP TABLE api_key;
DROP TABLE user_session;
DROP TABLE app_user;
DROP TABLE police_station;
DROP TYPE information_type;
DROP TYPE user_role;

-- 0001's slice table, as it was.
CREATE TABLE fir (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complainant_name varchar(200) NOT NULL,
  narrative        text NOT NULL,
  status           fir_status NOT NULL DEFAULT 'draft',
  created_at       timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX fir_created_at_id_idx ON fir (created_at DESC, id DESC);
