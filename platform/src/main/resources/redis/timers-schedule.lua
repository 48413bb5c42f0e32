-- Schedules (or moves) timers. KEYS: 1 due, 2 claimed, 3 due-at. ARGV: pairs of key, due millis.
for i = 1, #ARGV, 2 do
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
end
return #ARGV / 2
