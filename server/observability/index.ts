export { logger } from './logger';
export { registry, httpRequestDuration, observeRequest } from './metrics';
