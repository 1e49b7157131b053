// Loads the BNS knowledge base into bns_section: one upsert of every entry, with the
// weighted search vector (number and title A, keywords B, description C) computed by
// PostgreSQL so search ranks exactly as it will at query time.
import type { Db } from '../../data';
import type { TBnsSection } from '../bns/types';

/** 303 → 30300, 303(2) → 30302, 125(a) → 12501: orders sub-sections after their section. */
export function sectionSortKey(section: string): number {
  const m = /^(\d+)[A-Z]?(?:\((\d+)\))?(?:\(([a-z])\))?$/.exec(section);
  if (!m) return 0;
  const sub = m[2] ? Number(m[2]) : m[3] ? m[3].charCodeAt(0) - 96 : 0;
  return Number(m[1]) * 100 + sub;
}

export async function loadBns(db: Db, sections: readonly TBnsSection[]): Promise<number> {
  const rows = sections.map((s) => ({ ...s, sortKey: sectionSortKey(s.section) }));
  return db.$executeRaw`
    INSERT INTO bns_section (section, sort_key, title, chapter, chapter_title, description, punishment,
                             cognizable, bailable, triable_by, ipc, keywords, is_offence, search)
    SELECT x.section, x."sortKey", x.title, x.chapter, x."chapterTitle", x.description, x.punishment,
           x.cognizable, x.bailable, x."triableBy", x.ipc,
           ARRAY(SELECT jsonb_array_elements_text(x.keywords)),
           x."isOffence",
           setweight(to_tsvector('english', x.section || ' ' || x.title), 'A')
           || setweight(to_tsvector('english', coalesce((SELECT string_agg(k, ' ') FROM jsonb_array_elements_text(x.keywords) k), '')), 'B')
           || setweight(to_tsvector('english', x.description), 'C')
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      section text, "sortKey" int, title text, chapter text, "chapterTitle" text, description text, punishment text,
      cognizable text, bailable text, "triableBy" text, ipc text, keywords jsonb, "isOffence" boolean)
    ON CONFLICT (section) DO UPDATE SET
      sort_key = EXCLUDED.sort_key, title = EXCLUDED.title, chapter = EXCLUDED.chapter,
      chapter_title = EXCLUDED.chapter_title, description = EXCLUDED.description, punishment = EXCLUDED.punishment,
      cognizable = EXCLUDED.cognizable, bailable = EXCLUDED.bailable, triable_by = EXCLUDED.triable_by,
      ipc = EXCLUDED.ipc, keywords = EXCLUDED.keywords, is_offence = EXCLUDED.is_offence, search = EXCLUDED.search`;
}
