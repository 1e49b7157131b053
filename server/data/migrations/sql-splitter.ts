// Splits a migration file into statements and maps offsets to line numbers, so the
// runner can count statements, execute them one at a time, and say on which line of
// up.sql a failure happened.
import { keyword, tokenize, type Token } from './sql-lexer';

export type SqlStatement = {
  /** the statement's source text, from its first token to its last (no ';') */
  text: string;
  /** offsets into the file: [start, end) */
  start: number;
  end: number;
  /** 1-based line of the statement's first token */
  line: number;
  tokens: Token[];
};

/** Statements of `sql` in order; comment-only and empty pieces are dropped. */
export function splitSql(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current: Token[] = [];
  // Depth of BEGIN ATOMIC … END (and CASE … END inside it): SQL-standard function
  // bodies contain ';' that do not end the CREATE FUNCTION.
  let atomicDepth = 0;

  const finish = () => {
    if (current.length > 0) {
      const start = current[0]!.start;
      const end = current[current.length - 1]!.end;
      statements.push({ text: sql.slice(start, end), start, end, line: lineAt(sql, start), tokens: current });
    }
    current = [];
    atomicDepth = 0;
  };

  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';' && atomicDepth === 0) {
      finish();
      continue;
    }
    current.push(t);
    if (t.kind !== 'word' || !isRoutineDefinition(current)) continue;
    const k = keyword(t);
    if (k === 'ATOMIC' && keyword(current[current.length - 2]) === 'BEGIN') atomicDepth++;
    else if (k === 'CASE' && atomicDepth > 0) atomicDepth++;
    else if (k === 'END' && atomicDepth > 0) atomicDepth--;
  }
  finish();
  return statements;
}

function isRoutineDefinition(tokens: Token[]): boolean {
  if (keyword(tokens[0]) !== 'CREATE') return false;
  let i = 1;
  if (keyword(tokens[1]) === 'OR' && keyword(tokens[2]) === 'REPLACE') i = 3;
  const k = keyword(tokens[i]);
  return k === 'FUNCTION' || k === 'PROCEDURE';
}

/** 1-based line number of a 0-based offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * PostgreSQL reports an error `position` as a 1-based count of characters (code
 * points) into the query text; JavaScript strings index UTF-16 units, which differ
 * once the text holds characters outside the BMP.
 */
export function pgPositionToOffset(text: string, position: number): number {
  let offset = 0;
  let chars = 1;
  while (chars < position && offset < text.length) {
    const cp = text.codePointAt(offset)!;
    offset += cp > 0xffff ? 2 : 1;
    chars++;
  }
  return offset;
}
