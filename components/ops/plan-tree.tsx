'use client';
// A query plan as an indented tree: each node with its own share of the cost (or of the
// time, when the plan was ANALYZEd) as a bar, the costly nodes highlighted, and the
// conditions that explain them (Filter, Index Cond, Hash Cond, Sort Key…).
import type { RouterOutputs } from '@/components/trpc/types';

type PlanNode = NonNullable<RouterOutputs['ops']['queries']['plan']['tree']>;

const COSTLY = { bg: '#fbdcd9', fg: '#8e1d17', bar: '#b3261e' };
const NORMAL = { bg: 'transparent', fg: 'inherit', bar: '#1f5fbf' };

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-IN') : n.toFixed(2));

export function PlanTree({ tree, timed }: { tree: PlanNode; timed: boolean }) {
  return (
    <ul className="plan-tree" style={{ listStyle: 'none', padding: 0, margin: 0 }} role="tree" aria-label="Query plan" data-testid="plan-tree">
      <PlanItem node={tree} depth={0} timed={timed} />
    </ul>
  );
}

function PlanItem({ node: n, depth, timed }: { node: PlanNode; depth: number; timed: boolean }) {
  const s = n.costly ? COSTLY : NORMAL;
  const pct = Math.round(n.share * 100);
  return (
    <li role="treeitem" aria-expanded={n.children.length > 0 ? true : undefined} data-costly={n.costly || undefined}>
      <div
        style={{ marginLeft: `${depth * 1.25}rem`, padding: '0.3rem 0.5rem', borderLeft: `3px solid ${s.bar}`, background: s.bg, color: s.fg, marginBottom: 2, borderRadius: 3 }}
        data-testid="plan-node"
      >
        <div style={{ display: 'flex', gap: '0.6rem', alignItems: 'baseline', flexWrap: 'wrap' }}>
          <strong>{n.nodeType}</strong>
          {n.relation && <code>{n.relation}</code>}
          {n.index && (
            <span className="small">
              using <code>{n.index}</code>
            </span>
          )}
          {n.costly && <span className="badge" style={{ background: COSTLY.bar, color: '#fff' }}>costly</span>}
          <span className="small muted" style={{ marginLeft: 'auto' }}>
            {timed && n.selfMs !== null ? `${fmt(n.selfMs)} ms own time · ` : ''}
            cost {fmt(n.totalCost)} (own {fmt(n.selfCost)}) · rows {n.actualRows ?? n.planRows}
            {n.actualRows !== null ? ` (est. ${n.planRows})` : ''}
            {n.loops !== null && n.loops > 1 ? ` × ${n.loops} loops` : ''}
          </span>
        </div>
        <div aria-label={`${pct} % of the plan's ${timed ? 'time' : 'cost'}`} title={`${pct} % of the plan's ${timed ? 'time' : 'cost'}`} style={{ height: 5, background: '#e7ebf1', borderRadius: 3, margin: '0.25rem 0' }}>
          <div style={{ width: `${Math.max(1, pct)}%`, height: '100%', background: s.bar, borderRadius: 3 }} />
        </div>
        {n.details.map((d) => (
          <div key={d} className="small" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {d}
          </div>
        ))}
      </div>
      {n.children.length > 0 && (
        <ul role="group" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {n.children.map((c) => (
            <PlanItem key={c.id} node={c} depth={depth + 1} timed={timed} />
          ))}
        </ul>
      )}
    </li>
  );
}
