-- Cancels a timer, or marks a fired one done. KEYS: 1 due, 2 claimed, 3 due-at. ARGV: 1 key.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
