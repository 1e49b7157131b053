// Bulk inserts for the demo seed: one statement per table per batch, the rows sent
// as one JSON parameter and unpacked by PostgreSQL (jsonb_to_recordset). Prisma's
// createMany spent ~37 s of CPU on 20,000 FIRs; this spends a few.
import type { Prisma } from '../../data';
import type { SeedFir } from './generate-firs';

export async function insertFirs(tx: Prisma.TransactionClient, rows: SeedFir[]): Promise<void> {
  const firs = rows.map(({ sections: _s, ...r }) => r);
  await tx.$executeRaw`
    INSERT INTO fir (id, station_id, district, status, reported_at, occurred_from, registered_at, fir_year, fir_seq,
                     complainant_name, complainant_phone, complainant_occupation, complainant_address, narrative,
                     accused, properties, properties_total, created_by, created_at, updated_at)
    SELECT x.id, x."stationId", x.district, x.status::fir_status, x."reportedAt", x."occurredFrom", x."registeredAt",
           x."firYear", x."firSeq", x."complainantName", x."complainantPhone", x."complainantOccupation",
           x."complainantAddress", x.narrative, x.accused, x.properties, x."propertiesTotal", x."createdBy",
           x."reportedAt", coalesce(x."registeredAt", x."reportedAt")
    FROM jsonb_to_recordset(${JSON.stringify(firs)}::jsonb) AS x(
      id uuid, "stationId" int, district text, status text, "reportedAt" timestamptz, "occurredFrom" timestamptz,
      "registeredAt" timestamptz, "firYear" smallint, "firSeq" int, "complainantName" text, "complainantPhone" text,
      "complainantOccupation" text, "complainantAddress" text, narrative text, accused jsonb, properties jsonb,
      "propertiesTotal" numeric, "createdBy" uuid)`;
}

export async function insertSections(tx: Prisma.TransactionClient, rows: { firId: string; section: string }[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO fir_section (fir_id, act, section)
    SELECT x."firId", 'BNS', x.section FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("firId" uuid, section text)`;
}

export type SeedEvent = {
  firId: string;
  at: Date;
  actorUserId: string;
  action: string;
  fromStatus?: string;
  toStatus: string;
};

export async function insertEvents(tx: Prisma.TransactionClient, rows: SeedEvent[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO fir_event (fir_id, at, actor_user_id, action, from_status, to_status)
    SELECT x."firId", x.at, x."actorUserId", x.action, x."fromStatus"::fir_status, x."toStatus"::fir_status
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      "firId" uuid, at timestamptz, "actorUserId" uuid, action text, "fromStatus" text, "toStatus" text)`;
}
