// Generates the demo FIRs: narratives from templates, spread over the last three
// years, with statuses a real station would show (most registered and under
// investigation, some closed or chargesheeted, a few drafts), and consistent
// numbering per station and year. Pure: returns rows, the caller inserts them.
import { randomUUID } from 'node:crypto';
import { istYear } from '../fir-number';
import type { TFirStatus } from '../schemas';
import { seededRng, type Rng } from './random';
import { FIRST_NAMES, ITEMS, LAST_NAMES, OCCUPATIONS, PLACES, ROADS, TEMPLATES, TIMES, VEHICLES, type Template } from './templates';

export type SeedStation = { id: number; district: string; code: string };
export type SeedFir = {
  id: string;
  stationId: number;
  district: string;
  status: TFirStatus;
  reportedAt: Date;
  occurredFrom: Date;
  registeredAt: Date | null;
  firYear: number | null;
  firSeq: number | null;
  complainantName: string;
  complainantPhone: string;
  complainantOccupation: string;
  complainantAddress: string;
  narrative: string;
  accused: object[];
  properties: object[];
  propertiesTotal: number;
  sections: string[];
  createdBy: string;
};

const DAY = 86_400_000;
const STATUS_WEIGHTS: [TFirStatus, number][] = [
  ['draft', 4], ['registered', 26], ['under_investigation', 40], ['chargesheeted', 15], ['closed', 15],
];

function weighted<T>(rng: Rng, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Kolkata' });
const fmtDate = (d: Date) => DATE_FORMAT.format(d);
const rupees = (n: number) => n.toLocaleString('en-IN');

function fill(rng: Rng, t: Template, occurred: Date, accused: string, value: number, item: string, vehicle: string, reg: string): string {
  const phone = `9${rng.int(100000000, 999999999)}`;
  return t.narrative.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'date': return fmtDate(occurred);
      case 'time': return rng.pick(TIMES);
      case 'place': return rng.pick(PLACES);
      case 'road': return rng.pick(ROADS);
      case 'item': return item;
      case 'vehicle': return vehicle;
      case 'reg': return reg;
      case 'value': return rupees(value);
      case 'phone': return phone;
      case 'accused': return accused;
      case 'year': return String(istYear(occurred) - rng.int(1, 6));
      default: return k;
    }
  });
}

/**
 * `count` FIRs for `stations`, created by `officerFor(stationId)`; numbering continues
 * from `lastSeq` (station-year → last number), which is updated in place.
 */
export function generateFirs(opts: {
  count: number;
  stations: SeedStation[];
  officerFor: (stationId: number) => string;
  lastSeq: Map<string, number>;
  now: Date;
  seed: number;
}): SeedFir[] {
  const rng = seededRng(opts.seed);
  const span = 3 * 365 * DAY;
  const weightedTemplates = TEMPLATES.map((t) => [t, t.weight] as [Template, number]);
  const rows: SeedFir[] = [];
  for (let i = 0; i < opts.count; i++) {
    const t = weighted(rng, weightedTemplates);
    const station = rng.pick(opts.stations);
    const reportedAt = new Date(opts.now.getTime() - Math.floor(rng.next() * span));
    const occurredFrom = new Date(reportedAt.getTime() - rng.int(1, 72) * 3_600_000);
    const status = weighted(rng, STATUS_WEIGHTS);
    const accusedName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const value = t.property ? rng.int(t.property.min / 500, t.property.max / 500) * 500 : rng.int(20, 400) * 1000;
    const item = rng.pick(ITEMS);
    const vehicle = rng.pick(VEHICLES);
    const reg = `${station.code.slice(3, 5)}-${rng.int(1, 60).toString().padStart(2, '0')}-${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}-${rng.int(1000, 9999)}`;
    const narrative = fill(rng, t, occurredFrom, accusedName, value, item, vehicle, reg);
    let firYear: number | null = null;
    let firSeq: number | null = null;
    let registeredAt: Date | null = null;
    if (status !== 'draft') {
      registeredAt = new Date(reportedAt.getTime() + rng.int(5, 90) * 60_000);
      firYear = istYear(registeredAt);
      const key = `${station.id}:${firYear}`;
      firSeq = (opts.lastSeq.get(key) ?? 0) + 1;
      opts.lastSeq.set(key, firSeq);
    }
    const propDescription = t.property?.description.replace('{item}', item).replace('{vehicle}', vehicle).replace('{reg}', reg);
    rows.push({
      id: randomUUID(),
      stationId: station.id,
      district: station.district,
      status,
      reportedAt,
      occurredFrom,
      registeredAt,
      firYear,
      firSeq,
      complainantName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      complainantPhone: `+91${rng.int(6, 9)}${rng.int(100000000, 999999999)}`,
      complainantOccupation: rng.pick(OCCUPATIONS),
      complainantAddress: `${rng.int(1, 400)}, ${rng.int(1, 20)}th Cross, ${station.district}`,
      narrative,
      accused: t.accusedKnown ? [{ known: true, name: accusedName }] : [{ known: false, description: 'Unknown persons' }],
      properties: propDescription ? [{ description: propDescription, value }] : [],
      propertiesTotal: propDescription ? value : 0,
      sections: t.sections,
      createdBy: opts.officerFor(station.id),
    });
  }
  // Numbers follow registration order within a station-year, as they would have been given.
  return renumber(rows, opts.lastSeq);
}

function renumber(rows: SeedFir[], lastSeq: Map<string, number>): SeedFir[] {
  const groups = new Map<string, SeedFir[]>();
  for (const r of rows) {
    if (r.firSeq === null) continue;
    const key = `${r.stationId}:${r.firYear}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  for (const [key, group] of groups) {
    const seqs = group.map((r) => r.firSeq!).sort((a, b) => a - b);
    group.sort((a, b) => a.registeredAt!.getTime() - b.registeredAt!.getTime());
    group.forEach((r, i) => (r.firSeq = seqs[i]!));
    lastSeq.set(key, seqs[seqs.length - 1]!);
  }
  return rows;
}
