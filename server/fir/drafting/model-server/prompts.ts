// What we ask the LLM and how we read its answers. The original AFIRGen asked the
// model, for each candidate section, whether the complaint discloses that offence,
// answering YES or NO; we do the same for the built-in drafter's top candidates,
// giving the model the section's text and the words complainants use for it.
import type { TBnsSection } from '../../bns/types';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

const SYSTEM =
  'You assist police officers in India who register First Information Reports (FIRs) under the ' +
  'Bharatiya Nyaya Sanhita, 2023 (BNS). Be literal: judge only the facts stated in the complaint.';

export const YES_NO_INSTRUCTION = 'Answer with YES or NO only.';

/** The question for one candidate section. */
export function sectionQuestion(narrative: string, section: Pick<TBnsSection, 'section' | 'title' | 'description' | 'keywords'>): ChatMessage[] {
  const words = section.keywords.slice(0, 12).join(', ');
  return [
    { role: 'system', content: `${SYSTEM} ${YES_NO_INSTRUCTION}` },
    {
      role: 'user',
      content:
        `Complaint:\n<<<\n${narrative}\n>>>\n\n` +
        `BNS section ${section.section}: ${section.title}.\n${section.description}\n` +
        (words ? `Words complainants use for it: ${words}.\n` : '') +
        `\nIf the facts in the complaint are true, do they disclose an offence under BNS section ${section.section}? ${YES_NO_INSTRUCTION}`,
    },
  ];
}

/** "YES", "Yes.", "**NO**", "no, because…" → yes/no; anything else → unclear. */
export function parseYesNo(content: string): 'yes' | 'no' | 'unclear' {
  const first = /[a-z]+/i.exec(content.replace(/<think>[\s\S]*?<\/think>/gi, ''))?.[0]?.toLowerCase();
  if (first === 'yes') return 'yes';
  if (first === 'no') return 'no';
  return 'unclear';
}

export const SUMMARY_INSTRUCTION = 'Rewrite the complaint below as a short FIR narrative';

/** The request for a cleaned-up narrative: third person, no new facts. */
export function summaryRequest(narrative: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        `${SUMMARY_INSTRUCTION}: third person, past tense, plain English, in at most 120 words. ` +
        'Keep every date, time, place, name, phone number, amount and item; add nothing that is not in it. ' +
        `Reply with the narrative only.\n\nComplaint:\n<<<\n${narrative}\n>>>`,
    },
  ];
}

export const MAX_SUMMARY = 2000; // characters kept from the model's answer; the form's narrative box
