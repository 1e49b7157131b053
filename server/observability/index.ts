export { logger, createLogger, redirectLogs, currentTraceIds, type LogSink } from './logger';
export { registry, httpRequestDuration, observeRequest } from './metrics';
export { TimeSeries, type SeriesPoint } from './time-series';
