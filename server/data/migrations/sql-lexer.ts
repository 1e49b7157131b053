// A hand-written PostgreSQL lexer, just deep enough to find statement boundaries and
// the names in DDL: it knows every way a ';' can hide (strings, E-strings, quoted
// identifiers, dollar quotes, nested comments) and nothing about grammar.
export type TokenKind = 'word' | 'qident' | 'string' | 'dollar' | 'number' | 'param' | 'punct';

export type Token = {
  kind: TokenKind;
  /** the source text of the token, quotes included */
  text: string;
  /** offsets into the lexed text: [start, end) */
  start: number;
  end: number;
};

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Upper-cased text of a word token, '' for anything else — for keyword checks. */
export function keyword(t: Token | undefined): string {
  return t?.kind === 'word' ? t.text.toUpperCase() : '';
}

/** Tokens of `sql`; comments and whitespace are skipped. An unterminated quote runs to the end. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: sql.slice(start, end), start, end });
    i = end;
  };

  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      push('string', i, skipQuoted(sql, i, "'", false));
    } else if (c === '"') {
      push('qident', i, skipQuoted(sql, i, '"', false));
    } else if ((c === 'E' || c === 'e') && next === "'") {
      // E'...' is the one string form where a backslash escapes the quote.
      push('string', i, skipQuoted(sql, i + 1, "'", true));
    } else if (/[BbXxNn]/.test(c) && next === "'") {
      push('string', i, skipQuoted(sql, i + 1, "'", false));
    } else if ((c === 'U' || c === 'u') && next === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      const q = sql[i + 2]!;
      push(q === "'" ? 'string' : 'qident', i, skipQuoted(sql, i + 2, q, false));
    } else if (c === '$') {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 64))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        push('dollar', i, close < 0 ? n : close + tag.length);
      } else {
        let j = i + 1;
        while (j < n && /[0-9]/.test(sql[j]!)) j++;
        push(j > i + 1 ? 'param' : 'punct', i, j > i + 1 ? j : i + 1);
      }
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j]!)) j++;
      push('word', i, j);
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      push('number', i, j);
    } else {
      push('punct', i, i + 1);
    }
  }
  return tokens;
}

/** Index just past a quoted run starting at `open` (the opening quote); doubled quotes escape. */
function skipQuoted(sql: string, open: number, quote: string, backslash: boolean): number {
  let j = open + 1;
  while (j < sql.length) {
    const ch = sql[j]!;
    if (backslash && ch === '\\') {
      j += 2;
    } else if (ch === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return sql.length;
}

/** PostgreSQL block comments nest, unlike C's. */
function skipBlockComment(sql: string, open: number): number {
  let depth = 0;
  let j = open;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return sql.length;
}
