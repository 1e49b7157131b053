// The stack's configuration as the app sees it: server/env.ts is the one place that
// reads the environment, so the library's defaults come from there.
import { env, stackDir } from '../../env';
import { stackConfigFrom, type StackConfig } from './config';

export function defaultStackConfig(): StackConfig {
  return stackConfigFrom(env, stackDir);
}
