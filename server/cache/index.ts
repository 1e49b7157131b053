export { redis, checkRedis, type RedisHealth } from './redis';
