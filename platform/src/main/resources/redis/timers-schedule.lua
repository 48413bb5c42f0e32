-- Schedules (or moves) a timer. KEYS: 1 due, 2 claimed, 3 due-at. ARGV: 1 key, 2 due millis.
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
