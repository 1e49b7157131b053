// `npm run stack -- up|down|status|reset [--json]`: a thin CLI over
// server/data/local-stack. Progress goes to stderr, results to stdout; any failure is
// one paragraph on stderr and a non-zero exit.
const USAGE = `Usage: npm run stack -- <command> [--json] [--check]

  up       start the local PostgreSQL primary, replicas and Redis (idempotent)
  down     stop them all
  status   one row per node (--json: as JSON; --check: exit 1 unless every node
           runs and every replica streams)
  reset    down, delete all local stack data, up

Ports: STACK_PORT_BASE (primary; replicas follow), STACK_REDIS_PORT. See docs/local-stack.md.`;

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const check = argv.includes('--check');
  const args = argv.filter((a) => a !== '--json' && a !== '--check');
  const command = args[0];
  if (args.length !== 1 || !['up', 'down', 'status', 'reset'].includes(command!) || ((json || check) && command !== 'status')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Imported here so that an invalid environment is reported like any other failure.
  const { env, localUrls, topology } = await import('../server/env');
  const stack = await import('../server/data/local-stack/index');

  if (command === 'status') {
    const rows = await stack.status();
    process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : `${stack.formatStatusTable(rows)}\n`);
    const healthy = rows.every((r) => r.state === 'running' && (r.role !== 'replica' || r.replication?.state === 'streaming'));
    return check && !healthy ? 1 : 0;
  }
  if (command === 'down') {
    await stack.down();
    return 0;
  }
  const result = command === 'up' ? await stack.up() : await stack.reset();
  const urls = localUrls(env);
  process.stdout.write(
    `${stack.formatStatusTable(result.nodes)}\n\n` +
      `Local stack is up (${(result.tookMs / 1000).toFixed(1)} s).\n` +
      urls.nodes.map((n) => `  ${n.name.padEnd(8)}  ${n.url}${n.name === urls.primaryName ? '  (primary)' : ''}\n`).join('') +
      `  redis     ${urls.redisUrl}\n`,
  );
  if (!topology.local) {
    process.stderr.write('Note: DATABASE_URL, DATABASE_REPLICA_URLS and REDIS_URL are set, so the app uses those servers, not this stack.\n');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A StackError or an invalid environment already says what to do; anything else is a
    // bug, and its class name (TypeError...) says so.
    const e = err instanceof Error ? err : new Error(String(err));
    const prefix = e.name === 'StackError' || e.name === 'Error' ? '' : `${e.name}: `;
    process.stderr.write(`\nnpm run stack failed: ${prefix}${e.message}\n`);
    process.exit(1);
  },
);
