// Writes the down.sql for an up.sql: each CREATE / ALTER TABLE … ADD it understands
// becomes the matching DROP, in reverse order. Anything it cannot reverse with
// certainty (including IF NOT EXISTS and OR REPLACE, where up may have changed
// nothing or replaced something) becomes a TODO line for a person to write.
import { keyword, type Token } from './sql-lexer';
import { splitSql } from './sql-splitter';
import { NO_TRANSACTION_MARKER, hasNoTransactionMarker } from './migration-files';

export type GeneratedDownSql = { sql: string; unreversed: string[] };

export function generateDownSql(upSql: string): GeneratedDownSql {
  const lines: string[] = [];
  const unreversed: string[] = [];
  for (const st of splitSql(upSql).reverse()) {
    const down = reverseStatement(st.tokens);
    if (down) {
      lines.push(`${down};`);
    } else {
      unreversed.push(st.text);
      lines.push(`-- TODO: reverse: ${st.text.replace(/\s+/g, ' ')}`);
    }
  }
  if (hasNoTransactionMarker(upSql)) lines.unshift(NO_TRANSACTION_MARKER);
  return { sql: lines.join('\n') + '\n', unreversed };
}

/** A cursor over one statement's tokens. */
class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  /** Consumes the keywords if they come next, all of them. */
  eat(...words: string[]): boolean {
    if (!words.every((w, k) => keyword(this.tokens[this.i + k]) === w)) return false;
    this.i += words.length;
    return true;
  }
  peek(): string {
    return keyword(this.tokens[this.i]);
  }
  /** A possibly schema-qualified name, as written; parts are [schema…, name]. */
  name(): { text: string; parts: string[] } | undefined {
    const parts: string[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || (t.kind !== 'word' && t.kind !== 'qident')) return undefined;
      parts.push(t.text);
      this.i++;
      if (this.tokens[this.i]?.text !== '.') return { text: parts.join('.'), parts };
      this.i++;
    }
  }
}

const TABLE_PREFIXES = ['GLOBAL', 'LOCAL', 'TEMP', 'TEMPORARY', 'UNLOGGED'];

function reverseStatement(tokens: Token[]): string | undefined {
  const c = new Cursor(tokens);
  if (c.eat('ALTER', 'TABLE')) return reverseAlterTable(c);
  if (!c.eat('CREATE')) return undefined;
  if (c.eat('OR', 'REPLACE')) return undefined;

  const unique = c.eat('UNIQUE');
  if (c.eat('INDEX')) return reverseCreateIndex(c);
  if (unique) return undefined;

  while (TABLE_PREFIXES.includes(c.peek())) c.i++;
  c.eat('RECURSIVE');
  const kind = ['TABLE', 'SEQUENCE', 'VIEW', 'TYPE', 'EXTENSION', 'FUNCTION', 'PROCEDURE'].find((k) => c.eat(k))
    ?? (c.eat('MATERIALIZED', 'VIEW') ? 'MATERIALIZED VIEW' : undefined);
  if (!kind || c.eat('IF', 'NOT', 'EXISTS')) return undefined;
  const name = c.name();
  if (!name) return undefined;
  if ((kind === 'FUNCTION' || kind === 'PROCEDURE') && tokens[c.i]?.text !== '(') return undefined;
  return `DROP ${kind} ${name.text}`;
}

function reverseCreateIndex(c: Cursor): string | undefined {
  const concurrently = c.eat('CONCURRENTLY');
  if (c.eat('IF', 'NOT', 'EXISTS')) return undefined;
  // Without a name PostgreSQL picks one, which down.sql cannot know.
  if (c.peek() === 'ON') return undefined;
  const index = c.name();
  if (!index || index.parts.length !== 1 || !c.eat('ON')) return undefined;
  c.eat('ONLY');
  const table = c.name();
  if (!table) return undefined;
  // An index lives in its table's schema.
  const qualified = [...table.parts.slice(0, -1), index.text].join('.');
  // IF EXISTS: a failed CREATE INDEX CONCURRENTLY may or may not leave an INVALID index behind.
  return concurrently ? `DROP INDEX CONCURRENTLY IF EXISTS ${qualified}` : `DROP INDEX ${qualified}`;
}

const CONSTRAINT_STARTS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'EXCLUDE'];

function reverseAlterTable(c: Cursor): string | undefined {
  if (c.eat('IF', 'EXISTS')) return undefined;
  const only = c.eat('ONLY');
  const table = c.name();
  if (!table) return undefined;
  const drops: string[] = [];
  for (const action of splitTopLevel(c.tokens.slice(c.i))) {
    const a = new Cursor(action);
    if (!a.eat('ADD')) return undefined;
    let drop: string | undefined;
    if (a.eat('CONSTRAINT')) {
      const name = a.name();
      drop = name && `DROP CONSTRAINT ${name.text}`;
    } else if (!CONSTRAINT_STARTS.includes(a.peek())) {
      a.eat('COLUMN');
      if (a.eat('IF', 'NOT', 'EXISTS')) return undefined;
      const name = a.name();
      drop = name && name.parts.length === 1 ? `DROP COLUMN ${name.text}` : undefined;
    }
    if (!drop) return undefined;
    drops.unshift(drop);
  }
  if (drops.length === 0) return undefined;
  return `ALTER TABLE ${only ? 'ONLY ' : ''}${table.text} ${drops.join(', ')}`;
}

/** The comma-separated parts of an ALTER TABLE action list (commas inside parentheses don't count). */
function splitTopLevel(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}
