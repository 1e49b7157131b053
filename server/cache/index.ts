export { redis, checkRedis, whenReady, type RedisHealth } from './redis';
