export { createHttpServer } from './app';
export { healthReport, type HealthReport } from './health';
export { errorEnvelope, type ErrorEnvelope } from './envelope';
export { BENCH_BODY } from './bench-payload';
