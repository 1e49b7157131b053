export { logger } from './logger';
export { registry, httpRequestDuration, observeRequest } from './metrics';
export { TimeSeries, type SeriesPoint } from './time-series';
