// What a SQL text is, worked out once per distinct text and cached: its fingerprint
// (constants, IN-lists and $n parameters normalised away, so `WHERE id = 1` and
// `WHERE id = $1` and `WHERE id IN (1,2)` / `IN ($1,$2,$3)` are one statement), the
// normalised text shown in the console, and the facts the anti-pattern checks and the
// slow log need (read-only?, SELECT *, OFFSET, aggregates, tables).
// Parsing is PostgreSQL's own parser (libpg_query, as WebAssembly: docs/decisions.md).
// A parse takes ~0.3 ms, so the hot path only does a Map lookup: Prisma sends a few
// hundred distinct texts, and the cache is bounded for anything that inlines constants.
import { createHash } from 'node:crypto';
import { fingerprintSync, loadModule, normalizeSync, parseSync } from 'libpg-query';
import { tokenize } from '../data/migrations/sql-lexer';

export type StatementInfo = {
  fingerprint: string;
  /** the text with constants replaced by $n, for display (at most 4,000 characters) */
  normalized: string;
  command: 'select' | 'insert' | 'update' | 'delete' | 'explain' | 'utility' | 'unknown';
  /** a plain SELECT: no FOR UPDATE/SHARE, no INTO, no data-modifying CTE, no volatile function we know writes */
  readOnly: boolean;
  /** Property 3 (backend-optimization): the select list has a bare `*` or `t.*` */
  selectStar: boolean;
  /** Property 4: has an OFFSET clause */
  offset: boolean;
  /** what the OFFSET is: a constant, or the $n parameter holding it (Prisma sends OFFSET $n, often 0) */
  offsetBy: { value: number } | { param: number } | null;
  /** has LIMIT / FETCH FIRST */
  limit: boolean;
  /** Property 5: computes an aggregate or groups in SQL */
  aggregates: boolean;
  /** has a WHERE clause at the top level */
  where: boolean;
  /** tables named in the statement (unqualified names) */
  tables: string[];
};

const MAX_CACHE = 5000; // distinct texts; Prisma's are parameterised, so this is far above a real app's count
const MAX_NORMALIZED = 4000; // a statement the console can show
const cache = new Map<string, StatementInfo>();
let loaded: Promise<void> | null = null;
let ready = false;

/** Loads the WebAssembly parser; statementInfo() works only after this resolved. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true;
  });
  return loaded;
}

export const parserReady = (): boolean => ready;

/** Facts about `text`, from the cache or parsed now. Call loadParser() first. */
export function statementInfo(text: string): StatementInfo {
  const hit = cache.get(text);
  if (hit) return hit;
  const info = analyse(text);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(text, info);
  return info;
}

type Node = Record<string, unknown>;
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** Every object under `root` (depth first), for "is there any X inside" questions. */
export function* walk(root: unknown): Generator<Node> {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (isObj(v)) {
      yield v;
      for (const k of Object.keys(v)) stack.push(v[k]);
    }
  }
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'array_agg', 'string_agg', 'bool_and', 'bool_or', 'json_agg', 'jsonb_agg']);

function analyse(text: string): StatementInfo {
  if (!ready) throw new Error('statementInfo() before loadParser() resolved');
  let tree: { stmts?: { stmt?: Node }[] };
  try {
    tree = parseSync(text) as unknown as typeof tree;
  } catch {
    return fallback(text);
  }
  const stmts = tree.stmts ?? [];
  const stmt = stmts[0]?.stmt ?? {};
  const kind = Object.keys(stmt)[0] ?? '';
  const command: StatementInfo['command'] =
    kind === 'SelectStmt' ? 'select'
    : kind === 'InsertStmt' ? 'insert'
    : kind === 'UpdateStmt' ? 'update'
    : kind === 'DeleteStmt' ? 'delete'
    : kind === 'ExplainStmt' ? 'explain'
    : kind ? 'utility' : 'unknown';
  const select = (stmt.SelectStmt ?? {}) as Node;
  const nodes = [...walk(stmt)];
  const writesInside = nodes.some((n) => 'InsertStmt' in n || 'UpdateStmt' in n || 'DeleteStmt' in n || 'MergeStmt' in n);
  const readOnly =
    command === 'select' && stmts.length === 1 && !writesInside && !nodes.some((n) => 'lockingClause' in n || 'intoClause' in n);
  const targets = topSelects(select).flatMap((s) => (s.targetList as Node[] | undefined) ?? []);
  const selectStar = targets.some((t) => {
    const fields = (((t.ResTarget as Node | undefined)?.val as Node | undefined)?.ColumnRef as Node | undefined)?.fields as Node[] | undefined;
    return fields?.some((f) => 'A_Star' in f) ?? false;
  });
  const aggregates = nodes.some((n) => {
    const fc = n.FuncCall as Node | undefined;
    if (!fc) return 'groupClause' in n;
    const name = (fc.funcname as Node[] | undefined)?.at(-1) as Node | undefined;
    return AGGREGATES.has(String((name?.String as Node | undefined)?.sval ?? '').toLowerCase());
  });
  const tables = [...new Set(nodes.flatMap((n) => (isObj(n.RangeVar) ? [String(n.RangeVar.relname)] : [])))];
  let fingerprint: string;
  let normalized: string;
  try {
    fingerprint = fingerprintSync(text);
    normalized = normalizeSync(text);
  } catch {
    return fallback(text);
  }
  return {
    fingerprint,
    normalized: normalized.replace(/\s+/g, ' ').trim().slice(0, MAX_NORMALIZED),
    command,
    readOnly,
    selectStar,
    offset: topSelects(select).some((s) => s.limitOffset !== undefined),
    offsetBy: offsetOf(topSelects(select).find((s) => s.limitOffset !== undefined)?.limitOffset),
    limit: topSelects(select).some((s) => s.limitCount !== undefined),
    aggregates,
    where: select.whereClause !== undefined || isObj((stmt.UpdateStmt as Node | undefined)?.whereClause) || isObj((stmt.DeleteStmt as Node | undefined)?.whereClause),
    tables,
  };
}

function offsetOf(node: unknown): StatementInfo['offsetBy'] {
  if (!isObj(node)) return null;
  const param = node.ParamRef as Node | undefined;
  if (param) return { param: Number(param.number) };
  const c = node.A_Const as Node | undefined;
  if (c) return { value: isObj(c.ival) ? Number(c.ival.ival ?? 0) : 0 };
  return null;
}

/** The SELECT itself, or both sides of a UNION/INTERSECT/EXCEPT. */
function topSelects(s: Node): Node[] {
  if (s.op && s.op !== 'SETOP_NONE') {
    return [...topSelects((s.larg ?? {}) as Node), ...topSelects((s.rarg ?? {}) as Node)];
  }
  return [s];
}

/**
 * A text PostgreSQL's parser refuses (a syntax error the server will refuse too): the
 * lexer's tokens with strings, numbers and parameters replaced, hashed. Prefixed with
 * 'x' so it can never equal a parser fingerprint.
 */
function fallback(text: string): StatementInfo {
  const normalized = tokenize(text)
    .map((t) => (t.kind === 'string' || t.kind === 'number' || t.kind === 'param' || t.kind === 'dollar' ? '?' : t.kind === 'word' ? t.text.toLowerCase() : t.text))
    .join(' ');
  return {
    fingerprint: `x${createHash('sha1').update(normalized).digest('hex').slice(0, 15)}`,
    normalized: normalized.slice(0, MAX_NORMALIZED),
    command: 'unknown',
    readOnly: false,
    selectStar: false,
    offset: false,
    offsetBy: null,
    limit: false,
    aggregates: false,
    where: false,
    tables: [],
  };
}
