-- The first slice of the FIR domain: enough to prove the wiring end to end.
-- The full IIF-I domain grows from here in later migrations.
CREATE TYPE fir_status AS ENUM ('draft', 'registered', 'under_investigation', 'chargesheeted', 'closed');

CREATE TABLE fir (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complainant_name varchar(200) NOT NULL,
  narrative        text NOT NULL,
  status           fir_status NOT NULL DEFAULT 'draft',
  created_at       timestamptz(3) NOT NULL DEFAULT now()
);

-- The list page orders by newest first and pages by (created_at, id).
CREATE INDEX fir_created_at_id_idx ON fir (created_at DESC, id DESC);
