-- Claims due timers of one queue for one replica, atomically, so each fires on exactly one replica.
-- Timers whose claim lease ran out (their replica died while firing) are due again first.
-- KEYS: 1 due (zset key -> due millis), 2 claimed (zset key -> lease expiry millis), 3 due-at (hash key -> due millis)
-- ARGV: 1 now millis, 2 lease millis, 3 most timers to claim
-- Returns a flat list: key, due millis, key, due millis, ...
local now, lease, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  redis.call('ZREM', KEYS[2], key)
  redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[3], key) or now, key)
end
local claimed = {}
for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)) do
  redis.call('ZREM', KEYS[1], key)
  redis.call('ZADD', KEYS[2], now + lease, key)
  claimed[#claimed + 1] = key
  claimed[#claimed + 1] = redis.call('HGET', KEYS[3], key) or tostring(now)
end
return claimed
