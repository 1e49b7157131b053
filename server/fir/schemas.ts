// Input and output contracts of the FIR slice, shared by tRPC, REST and the UI.
import { z } from 'zod';

export const ZCreateFirInput = z
  .object({
    complainantName: z.string().trim().min(2).max(200), // the column is varchar(200)
    narrative: z.string().trim().min(10).max(20_000), // a long complaint, not a document dump
  })
  .strict();
export type TCreateFirInput = z.infer<typeof ZCreateFirInput>;

export const ZListFirsInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(20), // a page the list can render
  })
  .strict();
export type TListFirsInput = z.infer<typeof ZListFirsInput>;

export type TFirSummary = {
  id: string;
  complainantName: string;
  narrative: string;
  status: string;
  createdAt: Date;
};
