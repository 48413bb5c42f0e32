-- Marks a fired timer done, unless it was scheduled again while it fired (a watchdog moving itself on).
-- KEYS: 1 due, 2 claimed, 3 due-at. ARGV: 1 key.
redis.call('ZREM', KEYS[2], ARGV[1])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('HDEL', KEYS[3], ARGV[1])
end
return 1
