// The shape of one entry of the BNS knowledge base (server/fir/bns/data/*.json),
// validated when the seed loads it.
import { z } from 'zod';

export const ZBnsSection = z
  .object({
    /** "303", or a sub-section with its own punishment, e.g. "115(2)", "3(5)" */
    section: z.string().regex(/^\d{1,3}[A-Z]?(\(\d+\))?(\([a-z]\))?$/),
    title: z.string().min(3).max(200),
    chapter: z.string().regex(/^[IVXL]+[A-Z]?$/), // Roman numeral of the BNS chapter
    chapterTitle: z.string().min(3).max(200),
    /** what the section covers, in our own words, 1–3 sentences */
    description: z.string().min(20).max(1200),
    /** e.g. "Imprisonment up to 3 years, or fine, or both"; "Not an offence by itself" for definitions */
    punishment: z.string().min(3).max(400),
    cognizable: z.enum(['cognizable', 'non-cognizable', 'depends', 'not-applicable']),
    bailable: z.enum(['bailable', 'non-bailable', 'depends', 'not-applicable']),
    /** e.g. "Any Magistrate", "Court of Session", "Magistrate of the first class" */
    triableBy: z.string().min(3).max(200),
    /** the IPC 1860 section it replaced, e.g. "379", "304B"; null when new or no equivalent */
    ipc: z.string().max(40).nullable(),
    /** lower-case words and short phrases a complainant would use; drive drafting suggestions */
    keywords: z.array(z.string().min(2).max(60)).max(40),
    /** true for sections that are definitions/general principles rather than chargeable offences */
    isOffence: z.boolean(),
  })
  .strict();

export type TBnsSection = z.infer<typeof ZBnsSection>;
