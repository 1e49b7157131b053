export { logger } from './logger';
export { registry, httpRequestDuration } from './metrics';
