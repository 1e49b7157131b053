// Prisma's parsed datamodel leaves out `Unsupported("…")` fields (tsvector search
// columns, for one), so the drift check reads just those from the schema text: a
// field line inside a model block, its optional @map, and whether it ends in `?`.
export type UnsupportedField = { model: string; name: string; column: string; type: string; optional: boolean };

export function unsupportedFields(prismaSchema: string): UnsupportedField[] {
  const out: UnsupportedField[] = [];
  for (const block of prismaSchema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const model = block[1]!;
    for (const line of block[2]!.split('\n')) {
      const m = /^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/.exec(line.replace(/\/\/.*$/, ''));
      if (!m) continue;
      const map = /@map\("([^"]+)"\)/.exec(m[4] ?? '');
      out.push({ model, name: m[1]!, type: m[2]!, optional: m[3] === '?', column: map?.[1] ?? m[1]! });
    }
  }
  return out;
}
