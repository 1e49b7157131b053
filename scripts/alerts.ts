// `npm run alerts`: the alert evaluator on its own, until Ctrl-C. In production it runs
// inside the worker (`startAlertEvaluator` from server/alerts); this is for trying rules
// against a running app. Scrapes ALERT_METRICS_URLS (default: this app's /api/metrics)
// every ALERT_EVAL_INTERVAL_SECONDS and prints each evaluation.
import { defaultMetricsUrls, startAlertEvaluator } from '../server/alerts';
import { disconnectAll } from '../server/data';
import { logger } from '../server/observability';

const urls = defaultMetricsUrls();
logger.info({ urls }, 'alert evaluator starting');
const evaluator = startAlertEvaluator({ metricsUrls: urls, runAtStart: false });

// One evaluation at start, printed, so a wrong URL shows at once.
evaluator
  .evaluateNow()
  .then((r) => {
    const firing = r.rules.filter((x) => x.firing).map((x) => x.name);
    logger.info({ values: r.values, failedScrapes: r.failedScrapes, firing }, 'first evaluation');
  })
  .catch((err: unknown) => logger.error({ err }, 'first evaluation failed'));

const shutdown = () => {
  void evaluator
    .stop()
    .then(() => disconnectAll())
    .then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
