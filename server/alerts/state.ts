// One rule's state between evaluations, and the step that moves it: pure, so the
// properties can run it over any sequence of values.
//  - a breach (value above/below the threshold) starts a pending period; once it has
//    held for `forSeconds`, the rule fires (one "firing" event);
//  - a firing rule resolves (one "resolved" event) at the first evaluation without a
//    breach, including when the metric has gone away (null);
//  - "no data" (null) never fires.

export type Comparator = 'above' | 'below';
export type RuleCondition = { comparator: Comparator; threshold: number; forSeconds: number };
export type RuleState = { firing: boolean; pendingSince: number | null };
export type Transition = 'firing' | 'resolved' | null;

export const initialState = (firing = false): RuleState => ({ firing, pendingSince: null });

export function breaches(rule: Pick<RuleCondition, 'comparator' | 'threshold'>, value: number | null): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  return rule.comparator === 'above' ? value > rule.threshold : value < rule.threshold;
}

export function step(rule: RuleCondition, state: RuleState, value: number | null, now: number): { state: RuleState; transition: Transition } {
  const breach = breaches(rule, value);
  if (state.firing) {
    return breach ? { state, transition: null } : { state: initialState(false), transition: 'resolved' };
  }
  if (!breach) return { state: initialState(false), transition: null };
  const since = state.pendingSince ?? now;
  if (now - since >= rule.forSeconds * 1000) return { state: { firing: true, pendingSince: null }, transition: 'firing' };
  return { state: { firing: false, pendingSince: since }, transition: null };
}
