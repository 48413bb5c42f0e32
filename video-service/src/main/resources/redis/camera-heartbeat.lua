-- Records heartbeats. KEYS: 1 camera state hash (id -> "1|millis" online, "0|millis" offline).
-- ARGV: 1 now millis, then camera ids. Returns the ids that were offline or unknown: they came (back) online.
local revived = {}
for i = 2, #ARGV do
  local previous = redis.call('HGET', KEYS[1], ARGV[i])
  redis.call('HSET', KEYS[1], ARGV[i], '1|' .. ARGV[1])
  if not previous or string.sub(previous, 1, 1) == '0' then
    revived[#revived + 1] = ARGV[i]
  end
end
return revived
