// What callers get back: a FIR's full view (with sections, audit trail and names) and
// the list item. Plain JSON-able values: numbers, not Decimals; ISO strings from dates
// are left to the transport (superjson for tRPC, JSON for REST).
import type { Prisma } from '../data';
import { formatFirNumber } from './fir-number';
import type { TAccused, TFirStatus, TProperty } from './schemas';

export const firDetailInclude = {
  station: { select: { id: true, code: true, name: true, district: true, state: true } },
  investigatingOfficer: { select: { id: true, name: true, rank: true } },
  creator: { select: { id: true, name: true } },
  sections: { select: { act: true, section: true }, orderBy: [{ act: 'asc' }, { section: 'asc' }] },
  events: {
    orderBy: { at: 'asc' },
    include: { actorUser: { select: { name: true } }, actorApiKey: { select: { name: true } } },
  },
} satisfies Prisma.FirInclude;

type FirRow = Prisma.FirGetPayload<{ include: typeof firDetailInclude }>;

export type TFirDetail = ReturnType<typeof toFirDetail>;

export function toFirDetail(row: FirRow, titles: Map<string, string>) {
  return {
    id: row.id,
    number: formatFirNumber(row.firSeq, row.firYear),
    status: row.status as TFirStatus,
    station: row.station,
    district: row.district,
    reportedAt: row.reportedAt,
    occurredFrom: row.occurredFrom,
    occurredTo: row.occurredTo,
    placeAddress: row.placeAddress,
    placeDistanceKm: row.placeDistanceKm === null ? null : row.placeDistanceKm.toNumber(),
    placeDirection: row.placeDirection,
    beatNo: row.beatNo,
    informationType: row.informationType,
    complainantName: row.complainantName,
    complainantRelativeName: row.complainantRelativeName,
    complainantDob: row.complainantDob ? row.complainantDob.toISOString().slice(0, 10) : null,
    complainantNationality: row.complainantNationality,
    complainantIdType: row.complainantIdType,
    complainantIdNumber: row.complainantIdNumber,
    complainantOccupation: row.complainantOccupation,
    complainantAddress: row.complainantAddress,
    complainantPhone: row.complainantPhone,
    complainantEmail: row.complainantEmail,
    accused: row.accused as TAccused[],
    properties: row.properties as TProperty[],
    propertiesTotal: row.propertiesTotal.toNumber(),
    delayReason: row.delayReason,
    narrative: row.narrative,
    actionTaken: row.actionTaken,
    investigatingOfficer: row.investigatingOfficer,
    createdBy: row.creator,
    registeredAt: row.registeredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sections: row.sections.map((s) => ({ ...s, title: s.act === 'BNS' ? (titles.get(s.section) ?? null) : null })),
    events: row.events.map((e) => ({
      at: e.at,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: e.actorUser?.name ?? (e.actorApiKey ? `API key “${e.actorApiKey.name}”` : 'system'),
      changes: e.changes as Record<string, { from: unknown; to: unknown }>,
    })),
  };
}

export type TFirListItem = {
  id: string;
  number: string | null;
  status: TFirStatus;
  stationId: number;
  stationCode: string;
  district: string;
  complainantName: string;
  narrativeExcerpt: string;
  reportedAt: Date;
  registeredAt: Date | null;
  createdAt: Date;
  sections: string[];
};

export const EXCERPT_LENGTH = 240; // two lines of the list
