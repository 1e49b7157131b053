// The seed's templates name the sections an officer would write. A template section
// missing from the knowledge base falls back to its base section ("331(4)" → "331");
// tests/unit/seed-templates.test.ts fails if neither exists, so the seed never
// attaches a section the knowledge base doesn't know.
export function resolveTemplateSections(known: ReadonlySet<string>): (sections: readonly string[]) => string[] {
  return (sections) => {
    const out = new Set<string>();
    for (const s of sections) {
      if (known.has(s)) out.add(s);
      else {
        const base = s.replace(/\(.*$/, '');
        if (known.has(base)) out.add(base);
      }
    }
    return [...out];
  };
}
